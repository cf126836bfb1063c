// The HTML report's charts as published: what their tables, tooltips and captions give away with
// suppression and --round-counts, and how they are laid out. Runs the built CLI on small exports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { niceTicks, textOn } from '../../src/report/html.js';
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

async function html(args: string[]): Promise<string> {
  const run = await rasgap(['analyse', ...args, '--format', 'html', '--quiet']);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The cells of the "data behind this chart" table of one figure. */
function chartTable(page: string, id: string): string[][] {
  const figure = page.slice(page.indexOf(`<figure id="${id}"`));
  const table = figure.slice(figure.indexOf('<tbody>'), figure.indexOf('</tbody>'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td>(.*?)<\/td>/g)].map((cell) => cell[1]),
  );
}

function figureOf(page: string, id: string): string {
  const at = page.indexOf(`<figure id="${id}"`);
  return page.slice(at, page.indexOf('</figure>', at));
}

const LD = 'Learning Disability Support';
const down = (): number => 90;
const up = (): number => 110;

describe('financial-year chart', async () => {
  // 2022/23 has 8 people, 1 moderated down: 13% would give the 1 back.
  const file = exportFile('years.csv', [
    ...people(8, LD, '01/06/2021', down),
    ...people(12, LD, '01/06/2021', up),
    ...people(1, LD, '01/06/2022', down),
    ...people(7, LD, '01/06/2022', up),
    ...people(12, LD, '01/06/2023', down),
    ...people(18, LD, '01/06/2023', up),
  ]);
  const page = await html([file, '--min-count', '5']);
  const rows = chartTable(page, 'chart-years');

  it('withholds a share worked from 1 to minCount - 1 people, and its median in a small year', () => {
    expect(rows.find((row) => row[0] === '2022/23')).toEqual(['2022/23', '8', '[c]', '[c]']);
    expect(figureOf(page, 'chart-years')).not.toContain('13%');
  });

  it('hides the next smallest year too, so the total less the others does not give it back', () => {
    expect(rows.find((row) => row[0] === '2021/22')?.[3]).toBe('[c]');
    expect(rows.find((row) => row[0] === '2023/24')?.[3]).toBe('40%');
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
    const years = chartTable(await html([almostAll, '--min-count', '5']), 'chart-years');
    expect(years.find((row) => row[0] === '2022/23')?.[3]).toBe('[c]');
    expect(figureOf(await html([almostAll, '--min-count', '5']), 'chart-years')).not.toContain(
      '88%',
    );
  });
});

describe('--round-counts in the charts', async () => {
  const page = await html([
    'fixtures/sample-export.csv',
    '--min-count',
    '5',
    '--round-counts',
    '5',
  ]);
  const charts = page.slice(page.indexOf('<h2>Charts</h2>'), page.indexOf('<h2>Data quality'));

  it('rounds every count in the tooltips, tables and captions', () => {
    const tooltips = [...charts.matchAll(/<title>([\d,]+) people<\/title>/g)].map((m) => m[1]);
    expect(tooltips.length).toBeGreaterThan(20);
    for (const count of tooltips) expect(Number(count.replace(/,/g, '')) % 5, count).toBe(0);
    for (const id of ['chart-scatter', 'chart-bland-altman']) {
      for (const row of chartTable(page, id)) {
        if (row[2] !== '[c]') expect(Number(row[2].replace(/,/g, '')) % 5, row[2]).toBe(0);
      }
    }
    const hidden = [...charts.matchAll(/([\d,]+) people are in cells/g)].map((m) => m[1]);
    expect(hidden).toHaveLength(2);
    for (const count of hidden) expect(Number(count.replace(/,/g, '')) % 5).toBe(0);
    expect(charts).toContain('Counts are rounded to the nearest 5.');
  });

  it('gives the groups the people of the tables (745, 1,075, 20), not the exact 746 and 21', () => {
    for (const id of ['chart-direction', 'chart-distribution']) {
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
    expect(years.map((row) => row[0])).toEqual(['2022/23', '2023/24', '2024/25']);
    for (const row of years) expect(Number(row[1].replace(/,/g, '')) % 5).toBe(0);
    // Without rounding the exact counts show, and differ.
    const exact = chartTable(
      await html(['fixtures/sample-export.csv', '--min-count', '5']),
      'chart-years',
    );
    expect(exact.map((row) => row[1])).not.toEqual(years.map((row) => row[1]));
  });
});

describe('distribution chart', async () => {
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
  const shown = await html([whiskers, '--by', 'client-group', '--min-count', '3']);

  it('shows the 10th and 90th percentiles only from 11 values, and says so', () => {
    expect(chartTable(shown, 'chart-distribution')).toEqual([
      [LD, '10', 'not shown', '-17.8%', '0.0%', '+3.8%', 'not shown'],
      ['Mental Health Support', '12', '-26.7%', '-21.8%', '0.0%', '+4.5%', '+7.8%'],
    ]);
    expect(figureOf(shown, 'chart-distribution')).toContain('at least 11 people with a % gap');
    // One whisker line, for the 12.
    expect(figureOf(shown, 'chart-distribution').match(/stroke="#222222"\/>/g)).toHaveLength(1);
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
  const page = await html([file, '--by', 'client-group', '--min-count', '5']);
  const rows = chartTable(page, 'chart-distribution');

  it('withholds the distribution of every group whose median the tables withhold', () => {
    // The tables withhold all four medians here (a hidden direction count in fewer than 20).
    expect(rows.map((row) => row.slice(2))).toEqual(Array(4).fill(Array(5).fill('[c]')));
    expect(page).not.toMatch(/<title>(Learning|Mental|Physical|Sensory)[^<]*: median/);
    expect(rows.find((r) => r[0] === LD)).toBeDefined();
  });

  it('shows a year only what the tables show of the overall row it adds up to', () => {
    // One year holds everyone: its count, median and share down are the overall ones.
    expect(page).toMatch(
      /<th scope="row">All records<\/th><td>31<\/td><td>\[c\]<\/td><td>12<\/td><td>\[c\]<\/td><td>39%<\/td>/,
    );
    expect(chartTable(page, 'chart-years')).toEqual([['2023/24', '31', '+4.0%', '39%']]);
  });

  it('says why a bar is not drawn: too few people, or hidden to protect small counts', () => {
    const direction = figureOf(page, 'chart-direction');
    const reasons = [...direction.matchAll(/>\[c\] ([^<]*)<\/text>/g)].map((m) => m[1]);
    // Physical Support (6 people, n hidden by secondary suppression) is not called small;
    // Mental Health (12) draws its share down beside "unchanged or up".
    expect(reasons).toEqual([
      'hidden so that a small figure elsewhere cannot be worked back',
      'fewer than 5 people',
    ]);
    expect(direction).toContain('Mental Health Support: 50% unchanged or up');
    const table = chartTable(page, 'chart-direction');
    expect(table.find((r) => r[0].startsWith('Physical'))?.slice(1)).toEqual(Array(4).fill('[c]'));
  });
});

describe('layout', async () => {
  const page = await html([
    'fixtures/sample-export.csv',
    '--by',
    'client-group',
    '--min-count',
    '5',
  ]);

  it('makes room for long labels: measured, wrapped, never cut off', () => {
    const direction = figureOf(page, 'chart-direction');
    expect(direction).toContain('<tspan x="');
    // The whole label is there (across its lines, and as the tooltip).
    expect(direction).toContain(
      '<title>Social Support: Support for Social Isolation/Other</title>',
    );
    const x = Number(/<text x="([\d.]+)"[^>]*text-anchor="end"><title>/.exec(direction)![1]);
    expect(x).toBeGreaterThan(250);
  });

  it('scales every chart to the page: a viewBox, and CSS max-width', () => {
    const svgs = [...page.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(5);
    for (const svg of svgs) expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(page).toContain('figure svg{display:block;max-width:100%;height:auto}');
    // Wide tables scroll in their own box rather than the page.
    expect(page).toContain('.scroll{max-width:100%;overflow-x:auto}');
    expect(page.match(/<table>/g)?.length).toBe(page.match(/<div class="scroll"><table>/g)?.length);
  });

  it('prints the tables behind the charts instead of dropping them', () => {
    expect(page).not.toContain('details{display:none}');
    expect(page).toMatch(/@media print\{details::details-content\{content-visibility:visible/);
  });

  it('words the scatter caption accurately and gives the box plot ticks and an axis title', () => {
    expect(page).not.toContain('Points on the diagonal were not moderated');
    expect(figureOf(page, 'chart-scatter')).toContain(
      'it is not a count of budgets left unchanged',
    );
    const box = figureOf(page, 'chart-distribution');
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
    const ba = figureOf(page, 'chart-bland-altman');
    const y = (label: string): number =>
      Number(new RegExp(`<text x="\\d+" y="([\\d.]+)">${label}`).exec(ba)![1]);
    expect(Math.abs(y('bias') - y('no difference'))).toBeGreaterThanOrEqual(14);
  });

  it('puts the [c] marker of a withheld bar beside the zero line, not on it', () => {
    const direction = figureOf(page, 'chart-direction');
    const centre = Number(/<line x1="([\d.]+)" x2="\1" y1="24"/.exec(direction)![1]);
    const marker = Number(/<text x="([\d.]+)" y="[\d.]+">\[c\]/.exec(direction)![1]);
    expect(marker).toBeGreaterThanOrEqual(centre + 6);
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
