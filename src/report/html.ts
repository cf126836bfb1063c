/**
 * statistics -> one self-contained HTML page: headlines, tables, charts as inline SVG, data
 * quality, methods and provenance. No scripts, no fonts, no requests: it reads offline, prints to
 * PDF, and can be sent as one file. Colours are the Okabe–Ito palette (safe for colour-blind
 * readers), every chart has a title, text labels and its data as a table.
 */
import { WHISKER_MIN } from '../disclose/rules.js';
import {
  WITHHELD_MEANINGS,
  type PublishedBox,
  type PublishedCharts,
  type PublishedPlane,
  type WithheldReason,
} from '../disclose/types.js';
import { EXCLUSION_MEANINGS } from '../ingest/exclusions.js';
import {
  DISPLAY_COLUMNS,
  INFERENCE_COLUMNS,
  describeComparison,
  displayCell,
  leftOutNote,
  withheldNote,
  type DisplayColumn,
  type RowFigures,
} from './columns.js';
import {
  describeBreakdown,
  formatCount,
  formatPercent,
  formatPounds,
  formatShare,
  roundingNote,
} from './format.js';
import type { Report } from './model.js';
import { heading } from './table.js';

const COLOURS = {
  down: '#D55E00',
  unchanged: '#999999',
  up: '#0072B2',
  ink: '#222222',
  // Two directions drawn as one where each alone is withheld.
  downOrUnchanged: '#E69F00',
  upOrUnchanged: '#56B4E9',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
thead th{background:#f2f2f2}
.notice{background:#fde8e8;border:2px solid #b00;padding:.6rem;font-weight:bold}
.headline{font-size:1.05rem;margin:.3rem 0}
figure{margin:1rem 0 2rem}figcaption{font-size:13px;color:#444}
figure svg{display:block;max-width:100%;height:auto}
details{font-size:13px}svg text{font:12px system-ui,sans-serif;fill:#222}
.muted{color:#555;font-size:13px}
.scroll{max-width:100%;overflow-x:auto}code{overflow-wrap:anywhere}
@media print{details::details-content{content-visibility:visible;display:block}details>summary{list-style:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
`;

/**
 * @example
 * writeFileSync('report.html', renderHtml(report))
 */
export function renderHtml(report: Report): string {
  const level = `${Math.round((report.options.confidence ?? 0.95) * 1000) / 10}%`;
  const charted =
    report.breakdowns.find((b) => b.by.length === 1 && b.by[0] === 'ageBand') ??
    report.breakdowns[0];
  const parts: string[] = [];
  const rounding = roundingNote(report.rows);
  if (report.notice) parts.push(`<p class="notice">${escapeHtml(report.notice)}</p>`);
  parts.push(
    '<h1>Indicative and actual personal budgets</h1>',
    `<p class="muted">${escapeHtml(heading(report))}. ${escapeHtml(report.periodNote)}${rounding === null ? '' : ` ${escapeHtml(rounding)}`}</p>`,
  );

  parts.push('<h2>Headlines</h2>');
  const headlineGroups: [string, RowFigures][] = charted
    ? charted.groups.map((group) => [group.label, group])
    : [];
  parts.push(headline('All records', report.overall, level));
  for (const [label, figures] of headlineGroups) parts.push(headline(label, figures, level));

  parts.push('<h2>Tables</h2>', '<h3>Overall</h3>');
  parts.push(htmlTable('', DISPLAY_COLUMNS, [['All records', report.overall]]));
  if (report.options.confidence !== null) {
    parts.push(htmlTable(`${level} CI`, INFERENCE_COLUMNS, [['All records', report.overall]]));
  }
  for (const breakdown of report.breakdowns) {
    const title = describeBreakdown(breakdown.by);
    const rows = breakdown.groups.map((group): [string, RowFigures] => [group.label, group]);
    parts.push(`<h3>By ${escapeHtml(title)}</h3>`, htmlTable(title, DISPLAY_COLUMNS, rows));
    const note = withheldNote(
      rows,
      [...DISPLAY_COLUMNS, ...INFERENCE_COLUMNS],
      report.disclosure.minCount,
    );
    if (note !== null) parts.push(`<p class="muted">${escapeHtml(note)}</p>`);
    if (breakdown.groupsLeftOut) {
      parts.push(`<p class="muted">${escapeHtml(leftOutNote(report.disclosure.minCount))}</p>`);
    }
    if (report.options.confidence !== null) {
      parts.push(htmlTable(`${title} (${level} CI)`, INFERENCE_COLUMNS, rows));
      if (breakdown.comparison) {
        parts.push(
          `<p>${escapeHtml(
            describeComparison(
              breakdown.comparison,
              breakdown.groups.map((g) => g.label),
            ),
          )}</p>`,
        );
      }
    }
  }

  if (report.charts && charted) {
    parts.push('<h2>Charts</h2>', ...charts(report, report.charts, headlineGroups, level));
  }

  parts.push('<h2>Data quality</h2>', dataQuality(report));
  parts.push('<h2>Methods in brief</h2>', METHODS);
  parts.push('<h2>Provenance</h2>', provenanceHtml(report));

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>rasgap: indicative and actual budgets</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}

/** One sentence a campaigner can quote: share moved down and the median change with its CI. */
function headline(label: string, figures: RowFigures, level: string): string {
  if (figures.suppressed?.includes('n')) {
    return `<p class="headline"><strong>${escapeHtml(label)}</strong>: too few records to publish figures.</p>`;
  }
  // A hidden share may be a small number, or hidden so that a small number elsewhere cannot be
  // worked back: either way it is not given.
  const down = figures.suppressed?.includes('downShare')
    ? 'the share moderated down is withheld ([c]) to protect small numbers'
    : `${formatShare(figures.downShare)} of budgets were moderated down`;
  const ci = figures.medianPctGapCi
    ? ` [${formatPercent(figures.medianPctGapCi[0])}, ${formatPercent(figures.medianPctGapCi[1])}]`
    : '';
  const median =
    figures.medianPctGap === null || figures.medianPctGap === undefined
      ? ''
      : `; median change ${formatPercent(figures.medianPctGap)}${ci}${ci ? ` (${level} CI)` : ''}`;
  const people = figures.suppressed?.includes('n') ? '' : ` (${formatCount(figures.n)} people)`;
  return `<p class="headline"><strong>${escapeHtml(label)}</strong>${people}: ${down}${median}.</p>`;
}

function htmlTable(first: string, columns: DisplayColumn[], rows: [string, RowFigures][]): string {
  const head = [first, ...columns.map((column) => column.title)]
    .map((title) => `<th scope="col">${escapeHtml(title)}</th>`)
    .join('');
  const body = rows
    .map(
      ([label, figures]) =>
        `<tr><th scope="row">${escapeHtml(label)}</th>${columns
          .map((column) => `<td>${escapeHtml(displayCell(column, figures))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A table of plain text cells behind a chart. */
function dataTable(headers: string[], rows: string[][]): string {
  return `<details><summary>Data behind this chart</summary><div class="scroll"><table><thead><tr>${headers
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div></details>`;
}

function figure(
  id: string,
  title: string,
  size: { width: number; height: number },
  svg: string,
  caption: string,
  table: string,
): string {
  // viewBox with the drawn size as a maximum: CSS scales it down to the page on a phone.
  return `<figure id="${id}" class="chart" aria-labelledby="${id}-title">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}">${svg}</svg>
<figcaption><strong id="${id}-title">${escapeHtml(title)}</strong>. ${escapeHtml(caption)}</figcaption>
${table}
</figure>`;
}

const f1 = (value: number): string => value.toFixed(1);

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (at: number): number => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white text, whichever contrasts more with the fill. */
export function textOn(fill: string): '#000' | '#fff' {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** Roughly how wide 12px system-ui text is, for laying out labels without a browser. */
const CHAR_WIDTH = 6.8;
const LINE_HEIGHT = 14;
const MAX_LABEL_WIDTH = 300;

/** Labels in a left-hand column: as wide as the longest, wrapped beyond MAX_LABEL_WIDTH. */
function labelColumn(labels: string[]): { width: number; lines: string[][] } {
  const perLine = Math.floor((MAX_LABEL_WIDTH - 16) / CHAR_WIDTH);
  const lines = labels.map((label) => wrap(label, perLine));
  const longest = Math.max(0, ...lines.flat().map((line) => line.length));
  return { width: Math.min(MAX_LABEL_WIDTH, Math.max(60, longest * CHAR_WIDTH + 16)), lines };
}

/** Breaks text at spaces into lines of at most `width` characters (at most 3; the rest "…"). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  if (lines.length <= 3) return lines;
  return [...lines.slice(0, 2), `${lines[2].slice(0, width - 1)}…`];
}

/** A right-aligned label of one or more lines, centred on `middle`. */
function labelText(x: number, middle: number, lines: string[], full: string): string {
  const first = middle + 4 - ((lines.length - 1) * LINE_HEIGHT) / 2;
  const spans = lines
    .map(
      (line, k) => `<tspan x="${x}" dy="${k === 0 ? 0 : LINE_HEIGHT}">${escapeHtml(line)}</tspan>`,
    )
    .join('');
  return `<text x="${x}" y="${f1(first)}" text-anchor="end"><title>${escapeHtml(full)}</title>${spans}</text>`;
}

/** Round-number ticks covering [low, high]: about `target` of them, steps of 1, 2, 2.5 or 5 × 10^k. */
export function niceTicks(low: number, high: number, target = 6): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw)!;
  const ticks: number[] = [];
  for (let k = Math.ceil(low / step); k * step <= high + step * 1e-9; k++) {
    ticks.push(Math.round(k * step * 1e6) / 1e6 + 0);
  }
  return ticks;
}

/**
 * Why a bar, box or cell is not drawn, in words: "[c] fewer than 5 people", "[c] hidden so that a
 * small figure elsewhere cannot be worked back".
 */
function withheldText(reason: WithheldReason | undefined, minCount: number | null): string {
  if (reason === 'fewer-than-k' && minCount !== null) return `[c] fewer than ${minCount} people`;
  return `[c] ${WITHHELD_MEANINGS[reason ?? 'secondary']}`;
}

function charts(
  report: Report,
  data: PublishedCharts,
  groups: [string, RowFigures][],
  level: string,
): string[] {
  const out: string[] = [];
  const rounding = data.roundCounts;
  const roundingNote = rounding ? ` Counts are rounded to the nearest ${rounding}.` : '';
  const threshold = data.minCount
    ? ` Cells and groups of fewer than ${data.minCount} people are not drawn, nor figures hidden so that a small count elsewhere cannot be worked back ([c]).${roundingNote}`
    : ' Small-number suppression is off.';
  const peopleOf = (figures: RowFigures | undefined): string =>
    !figures || figures.suppressed?.includes('n') ? '[c]' : formatCount(figures.n);

  // 1. Diverging stacked bar: down to the left of zero, up to the right, unchanged across it.
  {
    const width = 760;
    const labels = labelColumn(groups.map(([label]) => label));
    const labelWidth = labels.width;
    const rowHeights = labels.lines.map((lines) => Math.max(26, lines.length * LINE_HEIGHT + 8));
    const tops = rowHeights.map((_, k) => 30 + rowHeights.slice(0, k).reduce((a, b) => a + b, 0));
    const height = 40 + rowHeights.reduce((a, b) => a + b, 0);
    const half = (width - labelWidth - 20) / 2;
    const centre = labelWidth + half;
    const barHeight = 20;
    const bars: string[] = [];
    data.direction.forEach((bar, index) => {
      const y = tops[index] + (rowHeights[index] - 6 - barHeight) / 2;
      const middle = y + barHeight / 2;
      const label = bar.label;
      bars.push(labelText(labelWidth - 8, middle, labels.lines[index], label));
      if (bar.segments === null) {
        // Beside the zero line, not on it.
        bars.push(
          `<text x="${f1(centre + 8)}" y="${f1(middle + 4)}">${escapeHtml(withheldText(bar.withheld, data.minCount))}</text>`,
        );
        return;
      }
      // The zero line runs through the middle of the unchanged share; a combined segment that
      // holds unchanged ends (or starts) at it, so down stays left of the line and up right.
      const at = bar.segments.findIndex((segment) => segment.directions.includes('unchanged'));
      const before = bar.segments.slice(0, at).reduce((sum, segment) => sum + segment.share, 0);
      const own = bar.segments[at];
      const startShare =
        own.directions.length === 1
          ? before + own.share / 2
          : own.directions.includes('down')
            ? before + own.share
            : before;
      let x = centre - startShare * half;
      for (const segment of bar.segments) {
        const name = segment.directions.join(' or ');
        const colour =
          segment.directions.length === 1
            ? COLOURS[segment.directions[0]]
            : segment.directions.includes('up')
              ? COLOURS.upOrUnchanged
              : COLOURS.downOrUnchanged;
        const w = segment.share * half;
        bars.push(
          `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(w)}" height="${barHeight}" fill="${colour}"><title>${escapeHtml(label)}: ${formatShare(segment.share)} ${name}</title></rect>`,
        );
        if (w > 28) {
          bars.push(
            `<text x="${f1(x + w / 2)}" y="${f1(middle + 4)}" text-anchor="middle" style="fill:${textOn(colour)}">${formatShare(segment.share)}</text>`,
          );
        }
        x += w;
      }
    });
    bars.push(
      `<line x1="${centre}" x2="${centre}" y1="24" y2="${height - 4}" stroke="${COLOURS.ink}"/>`,
      `<rect x="${centre - 22}" y="6" width="12" height="12" fill="${COLOURS.down}"/>`,
      `<text x="${centre - 28}" y="16" text-anchor="end">◀ moderated down</text>`,
      `<rect x="${centre + 10}" y="6" width="12" height="12" fill="${COLOURS.up}"/>`,
      `<text x="${centre + 28}" y="16">moderated up ▶</text>`,
    );
    out.push(
      figure(
        'chart-direction',
        'Which way budgets moved, by group',
        { width, height },
        bars.join(''),
        `Share of people whose actual budget was below (left, vermillion), equal to (grey) or above (right, blue) the indicative budget.${threshold}`,
        dataTable(
          ['Group', 'People', 'Down', 'Unchanged', 'Up'],
          groups.map(([label, g]) => [
            label,
            peopleOf(g),
            g.downShare === null || g.downShare === undefined ? '[c]' : formatShare(g.downShare),
            g.unchangedShare === null || g.unchangedShare === undefined
              ? '[c]'
              : formatShare(g.unchangedShare),
            g.upShare === null || g.upShare === undefined ? '[c]' : formatShare(g.upShare),
          ]),
        ),
      ),
    );
  }

  // 2. Box plot of the % gap by group: quartiles and median, with 10th–90th percentile whiskers
  // only where those are not a blend with the smallest or largest value.
  {
    const figuresOf = new Map(groups);
    const rowsShown = data.groups.map((group) => ({ group, box: group.box }));
    const boxes = rowsShown.map((row) => row.box).filter((box): box is PublishedBox => !!box);
    const rawLow = Math.min(-10, ...boxes.map((b) => b.p10 ?? b.q1));
    const rawHigh = Math.max(10, ...boxes.map((b) => b.p90 ?? b.q3));
    const ticks = niceTicks(rawLow, rawHigh);
    const low = Math.min(rawLow, ticks[0]);
    const high = Math.max(rawHigh, ticks[ticks.length - 1]);
    const width = 760;
    const labels = labelColumn(data.groups.map((group) => group.label));
    const labelWidth = labels.width;
    const rowHeights = labels.lines.map((lines) => Math.max(30, lines.length * LINE_HEIGHT + 10));
    const tops = rowHeights.map((_, k) => 14 + rowHeights.slice(0, k).reduce((a, b) => a + b, 0));
    const axisY = 14 + rowHeights.reduce((a, b) => a + b, 0) + 4;
    const height = axisY + 46;
    const scale = (value: number): number =>
      labelWidth + ((value - low) / (high - low)) * (width - labelWidth - 20);
    const marks: string[] = [];
    rowsShown.forEach(({ group, box }, index) => {
      const y = tops[index] + (rowHeights[index] - 20) / 2;
      marks.push(labelText(labelWidth - 8, y + 10, labels.lines[index], group.label));
      if (!box) {
        marks.push(
          `<text x="${f1(scale(low) + 4)}" y="${f1(y + 14)}">${escapeHtml(withheldText(group.withheld, data.minCount))}</text>`,
        );
        return;
      }
      if (box.p10 !== null && box.p90 !== null) {
        marks.push(
          `<line x1="${f1(scale(box.p10))}" x2="${f1(scale(box.p90))}" y1="${f1(y + 10)}" y2="${f1(y + 10)}" stroke="${COLOURS.ink}"/>`,
        );
      }
      marks.push(
        `<rect x="${f1(scale(box.q1))}" y="${f1(y)}" width="${f1(Math.max(1, scale(box.q3) - scale(box.q1)))}" height="20" fill="#cfe3f3" stroke="${COLOURS.up}"><title>${escapeHtml(group.label)}: median ${formatPercent(box.median)}, quartiles ${formatPercent(box.q1)} to ${formatPercent(box.q3)}</title></rect>`,
        `<line x1="${f1(scale(box.median))}" x2="${f1(scale(box.median))}" y1="${f1(y)}" y2="${f1(y + 20)}" stroke="${COLOURS.ink}" stroke-width="2"/>`,
      );
    });
    marks.push(
      `<line x1="${f1(scale(0))}" x2="${f1(scale(0))}" y1="10" y2="${axisY}" stroke="#888" stroke-dasharray="3 3"/>`,
      `<line x1="${f1(scale(low))}" x2="${f1(scale(high))}" y1="${axisY}" y2="${axisY}" stroke="#888"/>`,
      ...ticks.map(
        (tick) =>
          `<line x1="${f1(scale(tick))}" x2="${f1(scale(tick))}" y1="${axisY}" y2="${axisY + 4}" stroke="#888"/><text x="${f1(scale(tick))}" y="${axisY + 17}" text-anchor="middle">${tick === 0 ? '0%' : formatPercent(tick)}</text>`,
      ),
      `<text x="${f1((scale(low) + scale(high)) / 2)}" y="${axisY + 38}" text-anchor="middle">% gap: (actual − indicative) / indicative</text>`,
    );
    out.push(
      figure(
        'chart-distribution',
        'Distribution of the % gap, by group',
        { width, height },
        marks.join(''),
        `Boxes span the quartiles of (actual − indicative) / indicative, with the median marked. Whiskers reach the 10th and 90th percentiles only for groups of at least ${WHISKER_MIN} people with a % gap: with fewer, they would be a blend with the smallest or largest value. Groups whose median the tables withhold are not drawn.${threshold}`,
        dataTable(
          ['Group', 'People', '10th', 'Q1', 'Median', 'Q3', '90th'],
          rowsShown.map(({ group, box }) =>
            box
              ? [
                  group.label,
                  peopleOf(figuresOf.get(group.label)),
                  box.p10 === null ? 'not shown' : formatPercent(box.p10),
                  ...[box.q1, box.median, box.q3].map((v) => formatPercent(v)),
                  box.p90 === null ? 'not shown' : formatPercent(box.p90),
                ]
              : [
                  group.label,
                  peopleOf(figuresOf.get(group.label)),
                  '[c]',
                  '[c]',
                  '[c]',
                  '[c]',
                  '[c]',
                ],
          ),
        ),
      ),
    );
  }

  // 3 and 4. Binned planes: never individual points.
  const cellWidth = data.scatter.xEdges[1] - data.scatter.xEdges[0];
  out.push(
    plane(
      'chart-scatter',
      'Indicative against actual budget (people per cell)',
      data.scatter,
      'Indicative budget (£)',
      'Actual budget (£)',
      [{ kind: 'diagonal', label: 'y = x: actual equals indicative' }],
      `Each cell counts the people whose budgets fall in it; darker is more. The line marks actual = indicative, but a cell is ${formatPounds(cellWidth)} wide each way, so a cell on it also holds people moved up or down by less than that: it is not a count of budgets left unchanged.${threshold} ${hiddenText(data.scatter.hidden)} in cells not drawn or beyond the 99th percentile.`,
    ),
  );
  const agreement = report.overall.agreement;
  const lines: PlaneLine[] =
    agreement && agreement.scale === 'difference' && agreement.bias !== null
      ? [
          {
            kind: 'horizontal',
            value: agreement.bias,
            label: `bias ${formatPounds(agreement.bias)}`,
            style: 'bias',
          },
          {
            kind: 'horizontal',
            value: agreement.lowerLimit!,
            label: `lower limit ${formatPounds(agreement.lowerLimit!)}`,
            style: 'limit',
          },
          {
            kind: 'horizontal',
            value: agreement.upperLimit!,
            label: `upper limit ${formatPounds(agreement.upperLimit!)}`,
            style: 'limit',
          },
        ]
      : [];
  out.push(
    plane(
      'chart-bland-altman',
      'Bland–Altman: difference against mean (people per cell)',
      data.blandAltman,
      'Mean of indicative and actual (£)',
      'Actual − indicative (£)',
      [{ kind: 'horizontal', value: 0, label: 'no difference', style: 'zero' }, ...lines],
      `Agreement between the two budgets: the bias and the ${level} limits of agreement are drawn across.${threshold} ${hiddenText(data.blandAltman.hidden)} in cells not drawn or beyond the 1st–99th percentiles.`,
    ),
  );

  // 5. % gap by financial year.
  if (data.byYear.length > 0) {
    const years = data.byYear;
    const width = 760;
    const height = 260;
    const values = years.map((y) => y.medianPctGap).filter((v): v is number => v !== null);
    const low = Math.min(-5, ...values);
    const high = Math.max(5, ...values);
    const x = (index: number): number => 80 + (index + 0.5) * ((width - 100) / years.length);
    const y = (value: number): number => 20 + ((high - value) / (high - low)) * (height - 60);
    const marks: string[] = [
      `<line x1="70" x2="${width - 10}" y1="${f1(y(0))}" y2="${f1(y(0))}" stroke="#888" stroke-dasharray="3 3"/>`,
      `<text x="64" y="${f1(y(high) + 4)}" text-anchor="end">${formatPercent(high)}</text>`,
      `<text x="64" y="${f1(y(0) + 4)}" text-anchor="end">0%</text>`,
      `<text x="64" y="${f1(y(low) + 4)}" text-anchor="end">${formatPercent(low)}</text>`,
      `<text transform="translate(16 ${f1((y(high) + y(low)) / 2)}) rotate(-90)" text-anchor="middle">median % gap</text>`,
    ];
    years.forEach((year, index) => {
      marks.push(
        `<text x="${f1(x(index))}" y="${height - 16}" text-anchor="middle">${escapeHtml(year.year)}</text>`,
      );
      if (year.medianPctGap === null) {
        marks.push(
          `<text x="${f1(x(index))}" y="${f1(y(0) - 10)}" text-anchor="middle">[c]</text>`,
        );
        return;
      }
      const colour =
        year.medianPctGap < 0
          ? COLOURS.down
          : year.medianPctGap > 0
            ? COLOURS.up
            : COLOURS.unchanged;
      marks.push(
        `<circle cx="${f1(x(index))}" cy="${f1(y(year.medianPctGap))}" r="6" fill="${colour}"><title>${escapeHtml(year.year)}: median ${formatPercent(year.medianPctGap)}</title></circle>`,
        `<text x="${f1(x(index) + 10)}" y="${f1(y(year.medianPctGap) + 4)}">${formatPercent(year.medianPctGap)}</text>`,
      );
    });
    out.push(
      figure(
        'chart-years',
        'Median % gap by financial year agreed',
        { width, height },
        marks.join(''),
        `Financial years run from 1 April, by the date the budget was agreed.${threshold}`,
        dataTable(
          ['Year', 'People', 'Median % gap', 'Moderated down'],
          years.map((year) => [
            year.year,
            formatCount(year.n),
            year.medianPctGap === null ? '[c]' : formatPercent(year.medianPctGap),
            year.downShare === null ? '[c]' : formatShare(year.downShare),
          ]),
        ),
      ),
    );
  }
  return out;
}

function hiddenText(count: number | null): string {
  return `${formatCount(count)} ${count === 1 ? 'person is' : 'people are'}`;
}

type PlaneLine =
  | { kind: 'diagonal'; label: string }
  | { kind: 'horizontal'; value: number; label: string; style: 'zero' | 'bias' | 'limit' };

function plane(
  id: string,
  title: string,
  data: PublishedPlane,
  xLabel: string,
  yLabel: string,
  lines: PlaneLine[],
  caption: string,
): string {
  const size = 420;
  const left = 70;
  const top = 10;
  const bins = data.counts.length;
  const cell = size / bins;
  const most = Math.max(1, ...data.counts.flat().map((count) => count ?? 0));
  const marks: string[] = [
    `<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="#fafafa" stroke="#ccc"/>`,
  ];
  data.counts.forEach((row, j) =>
    row.forEach((count, i) => {
      if (count === null || count === 0) return;
      // Light to dark blue by the square root of the count, so sparse cells still show.
      const shade = Math.sqrt(count / most);
      const lightness = Math.round(92 - shade * 62);
      marks.push(
        `<rect x="${f1(left + i * cell)}" y="${f1(top + size - (j + 1) * cell)}" width="${f1(cell)}" height="${f1(cell)}" fill="hsl(205,80%,${lightness}%)"><title>${formatCount(count)} people</title></rect>`,
      );
    }),
  );
  const xLow = data.xEdges[0];
  const xHigh = data.xEdges[data.xEdges.length - 1];
  const yLow = data.yEdges[0];
  const yHigh = data.yEdges[data.yEdges.length - 1];
  const px = (value: number): number => left + ((value - xLow) / (xHigh - xLow)) * size;
  const py = (value: number): number => top + size - ((value - yLow) / (yHigh - yLow)) * size;
  const horizontal: { y: number; label: string }[] = [];
  for (const line of lines) {
    if (line.kind === 'diagonal') {
      const end = Math.min(xHigh, yHigh);
      marks.push(
        `<line x1="${f1(px(Math.max(xLow, yLow)))}" y1="${f1(py(Math.max(xLow, yLow)))}" x2="${f1(px(end))}" y2="${f1(py(end))}" stroke="${COLOURS.down}" stroke-width="1.5"><title>${escapeHtml(line.label)}</title></line>`,
        `<text x="${f1(px(end) - 4)}" y="${f1(py(end) + 14)}" text-anchor="end">${escapeHtml(line.label)}</text>`,
      );
    } else if (line.value >= yLow && line.value <= yHigh) {
      const stroke = line.style === 'zero' ? '#666' : COLOURS.down;
      const dash =
        line.style === 'zero' ? '' : ` stroke-dasharray="${line.style === 'bias' ? '5 3' : '2 3'}"`;
      marks.push(
        `<line x1="${left}" x2="${left + size}" y1="${f1(py(line.value))}" y2="${f1(py(line.value))}" stroke="${stroke}"${dash}><title>${escapeHtml(line.label)}</title></line>`,
      );
      horizontal.push({ y: py(line.value) + 4, label: line.label });
    }
  }
  // Labels beside the plot, pushed apart so that close lines (a small bias) do not overprint.
  horizontal.sort((a, b) => a.y - b.y);
  for (let k = 1; k < horizontal.length; k++) {
    horizontal[k].y = Math.max(horizontal[k].y, horizontal[k - 1].y + LINE_HEIGHT);
  }
  for (const label of horizontal) {
    marks.push(`<text x="${left + size + 4}" y="${f1(label.y)}">${escapeHtml(label.label)}</text>`);
  }
  marks.push(
    `<text x="${left + size / 2}" y="${top + size + 34}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
    `<text x="${left}" y="${top + size + 16}">${formatPounds(xLow)}</text>`,
    `<text x="${left + size}" y="${top + size + 16}" text-anchor="end">${formatPounds(xHigh)}</text>`,
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end">${formatPounds(yHigh)}</text>`,
    `<text x="${left - 6}" y="${top + size}" text-anchor="end">${formatPounds(yLow)}</text>`,
    `<text transform="translate(14 ${top + size / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`,
  );
  const width = left + size + 170;
  const height = Math.max(top + size + 44, ...horizontal.map((label) => label.y + 6));
  const rows: string[][] = [];
  data.counts.forEach((row, j) =>
    row.forEach((count, i) => {
      if (count === 0) return;
      rows.push([
        `${formatPounds(data.xEdges[i])} to ${formatPounds(data.xEdges[i + 1])}`,
        `${formatPounds(data.yEdges[j])} to ${formatPounds(data.yEdges[j + 1])}`,
        formatCount(count),
      ]);
    }),
  );
  return figure(
    id,
    title,
    { width, height: Math.ceil(height) },
    marks.join(''),
    caption,
    dataTable([xLabel, yLabel, 'People'], rows),
  );
}

function dataQuality(report: Report): string {
  const rows = report.rows;
  const parts = [
    `<p>${formatCount(rows.read)} rows read, ${formatCount(rows.used)} used, ${formatCount(rows.excluded)} excluded. Every row is either used or excluded with a reason.</p>`,
  ];
  if (rows.exclusions.length > 0) {
    parts.push(
      `<div class="scroll"><table><thead><tr><th scope="col">Reason</th><th scope="col">Rows</th><th scope="col">Meaning</th></tr></thead><tbody>${rows.exclusions
        .map(
          (item) =>
            `<tr><td>${escapeHtml(item.reason)}</td><td>${formatCount(item.count)}</td><td style="text-align:left">${escapeHtml(EXCLUSION_MEANINGS[item.reason])}</td></tr>`,
        )
        .join('')}</tbody></table></div>`,
    );
  }
  if (report.warnings.length > 0) {
    parts.push(`<ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  }
  if (report.disclosure) parts.push(`<p>${escapeHtml(report.disclosure.note)}</p>`);
  return parts.join('\n');
}

const METHODS = `<ul>
<li>Gap = actual − indicative budget; % gap = gap / indicative × 100, left out where the indicative budget is 0. Direction: up, down, or unchanged within the tolerance.</li>
<li>Person-weighted figures (shares, medians) count each person once; the money-weighted change is total actual / total indicative − 1.</li>
<li>Intervals: order statistics for medians (distribution-free), Student's t for means, Wilson score for shares. Tests: exact sign test and Wilcoxon signed-rank test of no systematic direction (Holm-adjusted across groups); Kruskal–Wallis and Mann–Whitney for differences between groups, with the Hodges–Lehmann shift.</li>
<li>Agreement: Pearson and Spearman correlation, the calibration line and R², and Bland–Altman limits of agreement.</li>
<li>These are observational figures from one council's records: they show how budgets moved, not why.</li>
<li>Every method, its assumptions and reference: docs/methods.md in rasgap.</li>
</ul>`;

function provenanceHtml(report: Report): string {
  const inputs = report.inputs
    .map(
      (input) =>
        `<tr><td>${escapeHtml(input.path)}${input.sheet === null ? '' : ` (sheet “${escapeHtml(input.sheet)}”)`}</td><td style="font-family:monospace;font-size:11px">${input.sha256}</td><td>${formatCount(input.bytes)}</td><td>${formatCount(input.rowsRead)}</td><td>${formatCount(input.rowsUsed)}</td></tr>`,
    )
    .join('');
  return `<p>Made by rasgap ${escapeHtml(report.tool.version)} at ${escapeHtml(report.generatedAt)}${report.command ? ` with <code>${escapeHtml(report.command)}</code>` : ''}.</p>
<div class="scroll"><table><thead><tr><th scope="col">Input</th><th scope="col">SHA-256</th><th scope="col">Bytes</th><th scope="col">Rows read</th><th scope="col">Rows used</th></tr></thead><tbody>${inputs}</tbody></table></div>
<p class="muted">Options: <code>${escapeHtml(JSON.stringify(report.options))}</code></p>`;
}
