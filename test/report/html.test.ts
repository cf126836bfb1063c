// The HTML report's charts as published: what their tables, tooltips and captions give away with
// suppression and --round-counts, and how they are laid out. Runs the built CLI on small exports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/index.js';
import { niceTicks, renderHtml, textOn } from '../../src/report/html.js';
import { rasgap } from '../cli/run.js';

const HEADER =
  'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed';
const dir = mkdtempSync(join(tmpdir(), 'rasgap-html-'));
let serial = 0;

/** `count` people of one group and year, each moved from £100 to `actual`. */
function people(count: number, group: string, date: string, actual: (k: number) => number) {
  return Array.from(
    { length: count },
    (_, k) => `P${++serial},${group},40,100.00,${actual(k).toFixed(2)},${date}`,
  );
}

function exportFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}

async function html(args: string[], env: Record<string, string> = {}): Promise<string> {
  const run = await rasgap(['analyse', ...args, '--format', 'html', '--quiet'], env);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The cells of the "data behind this chart" table of one figure. */
function chartTable(page: string, id: string): string[][] {
  const figure = figureOf(page, id);
  const table = figure.slice(figure.indexOf('<tbody>'), figure.indexOf('</tbody>'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td>(.*?)<\/td>/g)].map((cell) => cell[1]),
  );
}

function figureOf(page: string, id: string): string {
  const at = page.indexOf(`<figure id="${id}"`);
  expect(at, id).toBeGreaterThanOrEqual(0);
  return page.slice(at, page.indexOf('</figure>', at));
}

/** One layout of a figure's chart: the desktop or the phone SVG. */
function drawingOf(page: string, id: string, layout: 'desktop' | 'phone' = 'desktop'): string {
  const figure = figureOf(page, id);
  const at = figure.indexOf(`<svg class="${layout}"`);
  expect(at, `${id} ${layout}`).toBeGreaterThanOrEqual(0);
  return figure.slice(at, figure.indexOf('</svg>', at));
}

/** The words of each SVG text that starts with `[c]`, its lines joined. */
function withheldTexts(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>(.*?)<\/text>/g)]
    .map((m) =>
      [...m[1].replace(/<title>.*?<\/title>/, '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)]
        .map((span) => span[1])
        .join(' '),
    )
    .filter((text) => text.startsWith('[c]'));
}

const LD = 'Learning Disability Support';
const down = (): number => 90;
const up = (): number => 110;

describe('financial-year chart', () => {
  // 2022-23 has 8 people, 1 moderated down: 13% would give the 1 back.
  const file = exportFile('years.csv', [
    ...people(8, LD, '01/06/2021', down),
    ...people(12, LD, '01/06/2021', up),
    ...people(1, LD, '01/06/2022', down),
    ...people(7, LD, '01/06/2022', up),
    ...people(12, LD, '01/06/2023', down),
    ...people(18, LD, '01/06/2023', up),
  ]);
  const args = [file, '--min-count', '5', '--by', 'financial-year'];
  let page: string;
  let rows: string[][];
  beforeAll(async () => {
    page = await html(args);
    rows = chartTable(page, 'chart-years');
  });

  it('draws the share moved down with its interval, not the median % gap', () => {
    // Columns: year, people, moderated down, share, 95% CI, median % gap. 2023-24: 12 of 30.
    // R: prop.test(12, 30, correct = FALSE)$conf.int -> 0.245906281168019 0.576796397466775
    expect(rows.find((row) => row[0] === '2023-24')).toEqual([
      '2023-24',
      '30',
      '12',
      '40%',
      '25% to 58%',
      '+10.0%',
    ]);
    const chart = drawingOf(page, 'chart-years');
    expect(chart).toContain('moderated down</text>');
    expect(chart).toContain('<title>2023-24: 40% moderated down (25% to 58%), 12 of 30 people');
    expect(chart).not.toContain('median');
    expect(figureOf(page, 'chart-years')).toContain('Share moderated down, by financial year');
  });

  it('draws exactly the cells the financial-year table publishes, no sum of its own', async () => {
    // The years' chart once hid by a rule of its own, and published a year the tables hid.
    const json = JSON.parse((await rasgap(['analyse', ...args, '-f', 'json', '-q'])).stdout);
    const table = json.breakdowns.find((b: { by: string[] }) => b.by.join() === 'financialYear');
    const years = table.groups.filter((g: { label: string }) => g.label !== 'Unknown');
    const cell = (value: number | null, text: (v: number) => string): string =>
      value === null ? '[c]' : text(value);
    expect(rows.map((row) => row.slice(0, 4))).toEqual(
      years.map(
        (g: { label: string; n: number | null; down: number | null; downShare: number | null }) => [
          g.label,
          cell(g.n, String),
          cell(g.down, String),
          cell(g.downShare, (v) => `${Math.round(v * 100)}%`),
        ],
      ),
    );
    // 2022-23: 1 of 8 moved down, a small count, is withheld in both.
    expect(rows.find((row) => row[0] === '2022-23')?.[2]).toBe('[c]');
    expect(figureOf(page, 'chart-years')).not.toContain('13%');
    expect(drawingOf(page, 'chart-years')).toMatch(/<title>2022-23: \[c\] [^<]*<\/title>\[c\]/);
  });

  it('withholds a share whose complement is small', async () => {
    const almostAll = exportFile('complement.csv', [
      ...people(7, LD, '01/06/2022', down),
      ...people(1, LD, '01/06/2022', up),
      ...people(20, LD, '01/06/2023', down),
      ...people(20, LD, '01/06/2023', up),
      ...people(20, LD, '01/06/2024', down),
      ...people(20, LD, '01/06/2024', up),
    ]);
    const other = await html([almostAll, '--min-count', '5', '--by', 'financial-year']);
    expect(chartTable(other, 'chart-years').find((row) => row[0] === '2022-23')?.[3]).toBe('[c]');
    expect(figureOf(other, 'chart-years')).not.toContain('88%');
  });

  it('leaves the interval out with --no-tests', async () => {
    const plain = await html([...args, '--no-tests']);
    expect(chartTable(plain, 'chart-years').find((row) => row[0] === '2023-24')).toEqual([
      '2023-24',
      '30',
      '12',
      '40%',
      '+10.0%',
    ]);
  });

  it('draws no years without a financial-year breakdown, and says how to get them', async () => {
    const plain = await html([file, '--min-count', '5']);
    expect(plain).not.toContain('id="chart-years"');
    expect(plain).toContain('add <code>--by financial-year</code>');
  });
});

describe('--round-counts in the charts', () => {
  let page: string;
  let charts: string;
  beforeAll(async () => {
    page = await html([
      'fixtures/sample-export.csv',
      ...['--min-count', '5', '--round-counts', '5'],
      ...['--by', 'age-band', '--by', 'financial-year'],
    ]);
    charts = page.slice(
      page.indexOf('<section id="by-ageBand">'),
      page.indexOf('<section id="data-quality">'),
    );
  });

  it('rounds every count in the tooltips, tables and captions', () => {
    const tooltips = [...charts.matchAll(/<title>([\d,]+) people<\/title>/g)].map((m) => m[1]);
    expect(tooltips.length).toBeGreaterThan(20);
    for (const count of tooltips) expect(Number(count.replace(/,/g, '')) % 5, count).toBe(0);
    for (const id of ['chart-scatter', 'chart-bland-altman']) {
      for (const row of chartTable(page, id)) {
        if (row[2] !== '[c]') expect(Number(row[2].replace(/,/g, '')) % 5, row[2]).toBe(0);
      }
    }
    for (const row of chartTable(page, 'chart-years')) {
      for (const cell of [row[1], row[2]]) {
        if (cell !== '[c]') expect(Number(cell.replace(/,/g, '')) % 5, cell).toBe(0);
      }
    }
    const hidden = [...charts.matchAll(/([\d,]+) people are in cells/g)].map((m) => m[1]);
    expect(hidden).toHaveLength(2);
    for (const count of hidden) expect(Number(count.replace(/,/g, '')) % 5).toBe(0);
    expect(charts).toContain('Counts are rounded to the nearest 5.');
  });

  it('gives the groups the people of the tables (745, 1,075, 20), not the exact 746 and 21', () => {
    for (const id of ['chart-direction-by-ageBand', 'chart-distribution-by-ageBand']) {
      expect(chartTable(page, id).map((row) => [row[0], row[1]])).toEqual([
        ['18-64', '745'],
        ['65+', '1,075'],
        ['Unknown', '20'],
      ]);
    }
    expect(page).toContain('<strong>18-64</strong> (745 people)');
  });

  it('rounds the people of each year and works the share down from the rounded counts', async () => {
    const years = chartTable(page, 'chart-years');
    expect(years.map((row) => row[0])).toEqual(['2022-23', '2023-24', '2024-25']);
    for (const row of years) {
      expect(Number(row[1].replace(/,/g, '')) % 5).toBe(0);
      const share = Number(row[2].replace(/,/g, '')) / Number(row[1].replace(/,/g, ''));
      expect(row[3]).toBe(`${Math.round(share * 100)}%`);
    }
    // Without rounding the exact counts show, and differ.
    const exact = chartTable(
      await html(['fixtures/sample-export.csv', '--min-count', '5', '--by', 'financial-year']),
      'chart-years',
    );
    expect(exact.map((row) => row[1])).not.toEqual(years.map((row) => row[1]));
  });
});

describe('a chart set for every breakdown', () => {
  // Issue 11: only the first breakdown had charts, so client groups got none.
  let page: string;
  beforeAll(async () => {
    page = await html([
      'fixtures/sample-export.csv',
      '--by',
      'age-band',
      '--by',
      'client-group',
      '--by',
      'client-group,age-band',
      '--min-count',
      '5',
    ]);
  });

  it('draws direction bars and % gap boxes for each, under its heading, before its table', () => {
    for (const id of ['by-ageBand', 'by-clientGroup', 'by-clientGroup-ageBand']) {
      const heading = page.indexOf(`<section id="${id}">`);
      const table = page.indexOf('<h3>Table: by', heading);
      expect(heading, id).toBeGreaterThan(0);
      for (const chart of [`chart-direction-${id}`, `chart-distribution-${id}`]) {
        const at = page.indexOf(`<figure id="${chart}"`);
        expect(at, chart).toBeGreaterThan(heading);
        expect(at, chart).toBeLessThan(table);
      }
    }
    const clientGroups = chartTable(page, 'chart-direction-by-clientGroup');
    expect(clientGroups.map((row) => row[0])).toContain('Learning Disability Support');
    expect(drawingOf(page, 'chart-direction-by-clientGroup')).toContain(
      '<title>Learning Disability Support: 60% up</title>',
    );
    expect(drawingOf(page, 'chart-distribution-by-clientGroup')).toMatch(
      /<title>Learning Disability Support: median \+[\d.]+%, quartiles/,
    );
  });

  it('puts the headline first, then the contents, each breakdown, and the overall charts', () => {
    const order = [
      '<section id="headline">',
      '<section id="overall">',
      '<section id="by-ageBand">',
      '<section id="by-clientGroup">',
      '<section id="by-clientGroup-ageBand">',
      '<section id="budgets">',
      '<section id="data-quality">',
      '<section id="methods">',
      '<section id="provenance">',
    ].map((heading) => page.indexOf(heading));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).toContain('<li><a href="#by-clientGroup">By client group</a></li>');
  });
});

describe('headline sentences', () => {
  it('opens with the sentences given, escaped, before any figure', async () => {
    const { report } = await analyse(['fixtures/sample-export.csv'], { charts: true });
    const page = renderHtml(report, {
      headline: ['65+: 61% moderated down, median −4.3%.', 'Older <people> & younger.'],
    });
    const lead = page.indexOf('<div class="lead"><p>65+: 61% moderated down, median −4.3%.</p>');
    expect(lead).toBeGreaterThan(page.indexOf('<section id="headline">'));
    expect(lead).toBeLessThan(page.indexOf('<p class="headline">'));
    expect(page).toContain('<p>Older &lt;people&gt; &amp; younger.</p>');
    expect(renderHtml(report)).not.toContain('<div class="lead">');
  });
});

// Found by the new-user trial: the p columns showed "0.59 (1)" with no word on the bracket.
describe('Holm-adjusted p in brackets', () => {
  it("says what the bracket is under each breakdown's tests, and not where there is none", async () => {
    const { report } = await analyse(['fixtures/sample-export.csv'], { now: new Date(0) });
    const page = renderHtml(report);
    const note =
      '<p class="muted">Sign test p and Wilcoxon p (signed-rank) give the unadjusted p with the Holm-adjusted one in brackets (adjusted across the groups of this breakdown).</p>';
    const section = page.slice(
      page.indexOf('<section id="by-ageBand">'),
      page.indexOf('</section>', page.indexOf('<section id="by-ageBand">')),
    );
    const tests = section.indexOf('age band (95% CI)');
    expect(tests).toBeGreaterThan(0);
    expect(section.indexOf(note)).toBeGreaterThan(tests);
    // A group's p with its Holm-adjusted one in brackets: what the note explains.
    expect(section).toMatch(/<td>(&lt;)?[\d.]+ \((&lt;)?[\d.]+\)<\/td>/);
    // One note per breakdown; none for the overall row (one test, nothing adjusted).
    expect(page.split(note)).toHaveLength(report.breakdowns.length + 1);
    const overall = page.slice(page.indexOf('<section id="overall">'), page.indexOf(section));
    expect(overall).not.toContain('Holm-adjusted one in brackets');
    const { report: untested } = await analyse(['fixtures/sample-export.csv'], {
      tests: false,
      now: new Date(0),
    });
    expect(renderHtml(untested)).not.toContain('Holm-adjusted one in brackets');
  });
});

describe('provenance', () => {
  let page: string;
  beforeAll(async () => {
    page = await html(['fixtures/sample-export.csv', '--min-count', '5'], {
      SOURCE_DATE_EPOCH: '1700000000',
    });
  });

  it('is a readable list, not the options as raw JSON', () => {
    const provenance = page.slice(page.indexOf('<section id="provenance">'));
    expect(provenance).not.toContain('{&quot;');
    expect(provenance).toContain('<dl class="provenance">');
    expect(provenance).toContain(
      '<dt>File</dt><dd><ul><li><code>fixtures/sample-export.csv</code><ul><li>146,084 bytes: text, UTF-8, comma-separated; header on line 1</li><li>2,000 rows read, 1,840 used</li><li>Columns: person ID “Person ID”, client group “Client Group”, age “Age”, indicative budget “Indicative Budget (weekly)”',
    );
    expect(provenance).toContain(
      '<li>SHA-256 <code>c81b08d6ede62159762f67f2cb09148e05d7a81e572d9c7e21c14a9082a527d4</code></li>',
    );
    expect(provenance).toContain('<dt>Rows</dt><dd>2,000 read, 1,840 used, 160 excluded');
    for (const line of [
      'Breakdowns: by age band; by client group',
      'Amounts shown in pounds per week',
      'Unchanged: actual within £0.00 of indicative',
      'Intervals at 95%, with tests',
      'Publishing: counts from 1 to 4 hidden ([c]), groups of fewer than 5 show only their label, money totals under the p% rule with p = 10',
    ]) {
      expect(provenance).toContain(`<li>${line}</li>`);
    }
    expect(provenance).toMatch(
      /<dt>Made by<\/dt><dd>rasgap [\d.]+ on 14 November 2023 at 22:13:20 UTC \(2023-11-14T22:13:20\.000Z\)<\/dd>/,
    );
  });
});

describe('distribution chart', () => {
  // With --min-count 3 nothing here is small: 10 people (4 down, 3 same, 3 up) get quartiles but
  // no whiskers (they would blend in the extremes); 12 people (4, 4, 4) get whiskers.
  const whiskers = exportFile('whiskers.csv', [
    ...people(4, LD, '01/06/2023', (k) => 80 + k),
    ...people(3, LD, '01/06/2023', () => 100),
    ...people(3, LD, '01/06/2023', (k) => 105 + k),
    ...people(4, 'Mental Health Support', '01/06/2023', (k) => 70 + k * 3),
    ...people(4, 'Mental Health Support', '01/06/2023', () => 100),
    ...people(4, 'Mental Health Support', '01/06/2023', (k) => 104 + k * 2),
  ]);

  it('shows the 10th and 90th percentiles only from 11 values, and says so', async () => {
    const shown = await html([whiskers, '--by', 'client-group', '--min-count', '3']);
    expect(chartTable(shown, 'chart-distribution-by-clientGroup')).toEqual([
      [LD, '10', 'not shown', '-17.8%', '0.0%', '+3.8%', 'not shown'],
      ['Mental Health Support', '12', '-26.7%', '-21.8%', '0.0%', '+4.5%', '+7.8%'],
    ]);
    expect(figureOf(shown, 'chart-distribution-by-clientGroup')).toContain(
      'at least 11 people with a % gap',
    );
    // One whisker line, for the 12.
    expect(
      drawingOf(shown, 'chart-distribution-by-clientGroup').match(/stroke="#222222"\/>/g),
    ).toHaveLength(1);
  });

  // 30 people: 2 moved up (hidden), 8 unchanged (hidden with them), 20 down. The 90th percentile
  // lies among the 2 moved up, so its sign would bound them: withheld below 10 k records.
  const tail = exportFile('tail.csv', [
    ...people(20, LD, '01/06/2023', (k) => 70 + k),
    ...people(8, LD, '01/06/2023', () => 100),
    ...people(2, LD, '01/06/2023', (k) => 120 + k),
    ...people(30, 'Mental Health Support', '01/06/2023', (k) => 85 + k),
  ]);

  it('withholds the whiskers beside a hidden direction count in a small group, saying why', async () => {
    const page = await html([tail, '--by', 'client-group', '--min-count', '5']);
    const ld = chartTable(page, 'chart-distribution-by-clientGroup').find((row) => row[0] === LD)!;
    expect(ld[2]).toBe('[c]');
    expect(ld[6]).toBe('[c]');
    expect(ld.slice(3, 6).every((cell) => cell.endsWith('%'))).toBe(true);
    expect(figureOf(page, 'chart-distribution-by-clientGroup')).toContain(
      'Beside a hidden direction count in a small group they are withheld ([c])',
    );
    // With --min-count 3, 30 records are 10 k: drawn.
    const safe = await html([tail, '--by', 'client-group', '--min-count', '3']);
    const drawn = chartTable(safe, 'chart-distribution-by-clientGroup').find((r) => r[0] === LD)!;
    expect(drawn[6]).toMatch(/%$/);
  });

  const file = exportFile('groups.csv', [
    ...people(5, LD, '01/06/2023', (k) => 80 + k),
    ...people(5, LD, '01/06/2023', (k) => 105 + k),
    ...people(6, 'Mental Health Support', '01/06/2023', (k) => 70 + k * 3),
    ...people(6, 'Mental Health Support', '01/06/2023', (k) => 104 + k * 2),
    // 6 people, 1 moved down: the 1 is hidden, and with it other cells and the medians of these
    // small groups.
    ...people(1, 'Physical Support: Personal care support', '01/06/2023', down),
    ...people(5, 'Physical Support: Personal care support', '01/06/2023', (k) => 101 + k),
    // 3 people: too few to show.
    ...people(3, 'Sensory Support: Support for visual impairment', '01/06/2023', up),
  ]);
  let page: string;
  let rows: string[][];
  beforeAll(async () => {
    page = await html([file, '--by', 'client-group', '--min-count', '5']);
    rows = chartTable(page, 'chart-distribution-by-clientGroup');
  });

  it('withholds the distribution of every group whose median the tables withhold', () => {
    // The tables withhold all four medians here (a hidden direction count in fewer than 20).
    expect(rows.map((row) => row.slice(2))).toEqual(Array(4).fill(Array(5).fill('[c]')));
    expect(page).not.toMatch(/<title>(Learning|Mental|Physical|Sensory)[^<]*: median/);
    expect(rows.find((r) => r[0] === LD)).toBeDefined();
  });

  it('says why a bar is not drawn: too few people, or hidden to protect small counts', () => {
    for (const layout of ['desktop', 'phone'] as const) {
      const direction = drawingOf(page, 'chart-direction-by-clientGroup', layout);
      // Physical Support (6 people, n hidden by secondary suppression) is not called small;
      // Mental Health (12) draws its share down beside "unchanged or up" (its small rise bands
      // are hidden among the bands alone: the tables keep their figures).
      expect(withheldTexts(direction)).toEqual([
        '[c] hidden so that a small figure elsewhere cannot be worked back',
        '[c] fewer than 5 people',
      ]);
      expect(direction).toContain('Mental Health Support: 50% unchanged or up');
    }
    const table = chartTable(page, 'chart-direction-by-clientGroup');
    expect(table.find((r) => r[0].startsWith('Physical'))?.slice(1)).toEqual(Array(4).fill('[c]'));
  });
});

describe('a run of fewer than minCount people', () => {
  it('draws no cell of either plane, and says so in the plot', async () => {
    // fixtures/small-export.csv uses 6 records: with --min-count 10 the run shows only that.
    const page = await html(['fixtures/small-export.csv', '--min-count', '10']);
    for (const id of ['chart-scatter', 'chart-bland-altman']) {
      const plane = drawingOf(page, id);
      expect(plane).not.toMatch(/<title>[\d,]+ people<\/title>/);
      expect(plane).toContain('[c] not drawn: too few people to publish');
    }
    expect(page).not.toContain('id="chart-years"');
  });
});

describe('layout', () => {
  let page: string;
  beforeAll(async () => {
    page = await html([
      'fixtures/sample-export.csv',
      ...['--by', 'client-group', '--by', 'financial-year', '--min-count', '5'],
    ]);
  });

  it('makes room for long labels: measured, wrapped, never cut off', () => {
    const direction = drawingOf(page, 'chart-direction-by-clientGroup');
    expect(direction).toContain('<tspan x="');
    // The whole label is there (across its lines, and as the tooltip).
    expect(direction).toContain(
      '<title>Social Support: Support for Social Isolation/Other</title>',
    );
    const x = Number(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end"><title>/.exec(direction)![1]);
    expect(x).toBeGreaterThan(250);
    // On a phone, the label goes on its own line above the bar, across the whole width.
    const phone = drawingOf(page, 'chart-direction-by-clientGroup', 'phone');
    expect(phone).toMatch(
      /<text x="8\.0" y="[\d.]+" class="halo"><title>Social Support: Support for Social Isolation\/Other<\/title><tspan x="8\.0" dy="0">Social Support: Support for Social Isolation\/Other<\/tspan><\/text>/,
    );
  });

  it('draws every chart twice, for a desktop and a phone, each scaled to the page', () => {
    const svgs = [...page.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    // Per breakdown (client group, financial year): directions, distribution and gap bands; then
    // the two planes and the years.
    expect(svgs).toHaveLength(18);
    for (const svg of svgs) expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    const phones = svgs.filter((svg) => svg.startsWith('<svg class="phone"'));
    expect(phones).toHaveLength(9);
    for (const svg of phones) expect(svg).toMatch(/viewBox="0 0 360 \d+"/);
    expect(page).toContain('figure svg{display:block;max-width:100%;height:auto}');
    expect(page).toContain(
      '@media (max-width:640px){figure svg.desktop{display:none}figure svg.phone{display:block}',
    );
    // Wide tables scroll in their own box rather than the page.
    expect(page).toContain('.scroll{max-width:100%;overflow-x:auto}');
    expect(page.match(/<table>/g)?.length).toBe(page.match(/<div class="scroll"><table>/g)?.length);
  });

  it('prints the desktop charts and the tables behind them instead of dropping them', () => {
    expect(page).not.toContain('details{display:none}');
    expect(page).toMatch(
      /@media print\{figure svg\.phone\{display:none\}figure svg\.desktop\{display:block\}details::details-content\{content-visibility:visible/,
    );
  });

  it('words the scatter caption accurately and gives the box plot ticks and an axis title', () => {
    expect(page).not.toContain('Points on the diagonal were not moderated');
    expect(figureOf(page, 'chart-scatter')).toContain(
      'it is not a count of budgets left unchanged',
    );
    const box = drawingOf(page, 'chart-distribution-by-clientGroup');
    expect(box).toContain('% gap: (actual − indicative) / indicative');
    expect([...box.matchAll(/text-anchor="middle">([^<]*%)<\/text>/g)].map((m) => m[1])).toEqual([
      '-20.0%',
      '-10.0%',
      '0%',
      '+10.0%',
      '+20.0%',
    ]);
  });

  it('keeps the Bland–Altman line labels apart', () => {
    for (const layout of ['desktop', 'phone'] as const) {
      const ba = drawingOf(page, 'chart-bland-altman', layout);
      const y = (label: string): number =>
        Number(new RegExp(`<text x="\\d+" y="([\\d.]+)"[^>]*>${label}`).exec(ba)![1]);
      expect(Math.abs(y('bias') - y('no difference'))).toBeGreaterThanOrEqual(14);
    }
  });

  it('puts the [c] marker of a withheld bar beside the zero line, not on it', () => {
    for (const layout of ['desktop', 'phone'] as const) {
      const direction = drawingOf(page, 'chart-direction-by-clientGroup', layout);
      const centre = Number(/<line x1="([\d.]+)" x2="\1" y1="24"/.exec(direction)![1]);
      const marker = Number(/<text x="([\d.]+)" y="[\d.]+"><tspan[^>]*>\[c\]/.exec(direction)![1]);
      expect(marker).toBeGreaterThanOrEqual(centre + 6);
    }
  });

  it('keeps every label and marker inside its drawing', () => {
    for (const layout of ['desktop', 'phone'] as const) {
      for (const id of [
        'chart-direction-by-clientGroup',
        'chart-distribution-by-clientGroup',
        'chart-years',
      ]) {
        const svg = drawingOf(page, id, layout);
        const width = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
        for (const text of svg.matchAll(/<text x="([\d.]+)"([^>]*)>(.*?)<\/text>/g)) {
          const x = Number(text[1]);
          const anchor = /text-anchor="(\w+)"/.exec(text[2])?.[1] ?? 'start';
          const lines = [...text[3].matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((m) => m[1]);
          const longest = Math.max(
            ...(lines.length > 0 ? lines : [text[3].replace(/<title>.*?<\/title>/, '')]).map(
              (line) => line.replace(/&[a-z#\d]+;/g, '&').length,
            ),
          );
          // 6.8 units a character, as the layout assumes.
          const [left, right] =
            anchor === 'end'
              ? [x - longest * 6.8, x]
              : anchor === 'middle'
                ? [x - longest * 3.4, x + longest * 3.4]
                : [x, x + longest * 6.8];
          expect(left, `${id} ${layout}: ${text[3]}`).toBeGreaterThanOrEqual(-1);
          expect(right, `${id} ${layout}: ${text[3]}`).toBeLessThanOrEqual(width + 1);
        }
      }
    }
  });
});

describe('textOn', () => {
  it.each([
    ['#999999', '#000'], // the unchanged grey: 7.4:1, where white was 2.8:1
    ['#D55E00', '#000'],
    ['#0072B2', '#fff'],
    ['#cfe3f3', '#000'],
  ])('%s -> %s', (fill, text) => {
    expect(textOn(fill)).toBe(text);
  });
});

describe('niceTicks', () => {
  it.each([
    [-20.2, 22.7, [-20, -10, 0, 10, 20]],
    [-10, 10, [-10, -5, 0, 5, 10]],
    [-3, 47, [0, 10, 20, 30, 40]],
  ])('%d to %d', (low, high, ticks) => {
    expect(niceTicks(low, high)).toEqual(ticks);
  });
});
