/**
 * statistics -> one self-contained HTML page: the headline, then for every breakdown its charts
 * and tables, the budgets and years across all records, data quality, methods and provenance.
 * Charts are inline SVG, drawn twice (a desktop and a phone layout, one shown by CSS), so that
 * their text stays legible on a phone. No scripts, no fonts, no requests: it reads offline, prints
 * to PDF, and can be sent as one file. Colours are the Okabe–Ito palette (safe for colour-blind
 * readers), every chart has a title, text labels and its data as a table.
 */
import { WHISKER_MIN } from '../disclose/rules.js';
import type { GapBandLayout } from '../analysis/councils.js';
import {
  WITHHELD_MEANINGS,
  type BandBar,
  type FunnelChart,
  type ChartBreakdown,
  type DirectionBar,
  type PublishedBox,
  type PublishedCharts,
  type PublishedPlane,
  type PublishedYear,
  type WithheldReason,
} from '../disclose/types.js';
import type { Role } from '../ingest/columns.js';
import { EXCLUSION_MEANINGS } from '../ingest/exclusions.js';
import {
  DISPLAY_COLUMNS,
  FUNNEL_COLUMN,
  FUNNEL_MARKS,
  INFERENCE_COLUMNS,
  bandColumns,
  describeComparison,
  displayCell,
  funnelNote,
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
  // Gap bands withheld, or people with no % gap, drawn together.
  rest: '#e6e6e6',
};

/** Gap bands: cuts in oranges and rises in blues, lightest next to unchanged (grey). */
const CUT_SHADES = ['#F0C060', '#E69F00', '#D55E00', '#A14000'];
const RISE_SHADES = ['#9FD3F2', '#56B4E9', '#0072B2', '#004A75'];

function bandColour(layout: GapBandLayout, index: number): string {
  const band = layout.bands[index];
  if (band.direction === 'unchanged') return COLOURS.unchanged;
  const unchanged = layout.bands.findIndex((b) => b.direction === 'unchanged');
  const shades = band.direction === 'down' ? CUT_SHADES : RISE_SHADES;
  const count = layout.bands.filter((b) => b.direction === band.direction).length;
  // Steps away from unchanged; with few bands the palette's middle shades, the default's two
  // the same as the direction chart's down and up.
  const step = Math.abs(index - unchanged);
  return shades[Math.min(shades.length - 1, (count >= shades.length ? 0 : 1) + step - 1)];
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Below this page width the phone layout of each chart is shown. */
const PHONE_WIDTH = 640;

/** Under a breakdown's intervals and tests, whose p columns show "0.59 (1)". */
const HOLM_NOTE =
  'Sign test p and Wilcoxon p (signed-rank) give the unadjusted p with the Holm-adjusted one in brackets (adjusted across the groups of this breakdown).';

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;margin:2rem auto;padding:0 1rem;overflow-wrap:break-word}
h1{font-size:1.6rem;line-height:1.2}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
thead th{background:#f2f2f2}
.scroll tbody th[scope=row]{position:sticky;left:0;background:#fff;min-width:7.5rem}.scroll thead th:first-child{position:sticky;left:0}
.notice{background:#fde8e8;border:2px solid #b00;padding:.6rem;font-weight:bold}
.lead{font-size:1.15rem;border-left:4px solid ${COLOURS.up};padding:.1rem 0 .1rem .8rem;margin:1rem 0}.lead p{margin:.4rem 0}
.headline{font-size:1.05rem;margin:.3rem 0}
nav ul{padding-left:1.2rem;margin:.3rem 0}nav li{display:inline-block;margin-right:1rem;white-space:nowrap}
figure{margin:1rem 0 2rem}figcaption{font-size:13px;color:#444}
figure svg{display:block;max-width:100%;height:auto}
figure svg.phone{display:none}
@media (max-width:${PHONE_WIDTH}px){figure svg.desktop{display:none}figure svg.phone{display:block}body{margin:1rem auto}}
.legend{font-size:13px;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}.legend span{white-space:nowrap}
.key{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border:1px solid #fff}
details{font-size:13px}svg text{font:12px system-ui,sans-serif;fill:#222}
svg text.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.muted{color:#555;font-size:13px}
.scroll{max-width:100%;overflow-x:auto}code{overflow-wrap:anywhere}
dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;font-size:14px}dl.provenance dt{font-weight:bold}dl.provenance dd{margin:0}
dl.provenance ul{margin:0;padding-left:1.1rem}
@media (max-width:${PHONE_WIDTH}px){dl.provenance{grid-template-columns:1fr}dl.provenance dd{margin-left:.8rem}}
@media print{figure svg.phone{display:none}figure svg.desktop{display:block}details::details-content{content-visibility:visible;display:block}details>summary{list-style:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
`;

export interface HtmlOptions {
  /**
   * Plain-English sentences that answer the question (the report's headline), shown first.
   *
   * @example
   * renderHtml(report, { headline: ['65+: 61% moderated down, median −4.3%.'] })
   */
  headline?: string[];
}

/**
 * @example
 * writeFileSync('report.html', renderHtml(report, { headline: headlineSentences(report) }))
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const level = `${Math.round((report.options.confidence ?? 0.95) * 1000) / 10}%`;
  const charted =
    report.breakdowns.find((b) => b.by.length === 1 && b.by[0] === 'ageBand') ??
    report.breakdowns[0];
  const ids = breakdownIds(report.breakdowns.map((breakdown) => breakdown.by));
  const parts: string[] = [];
  const rounding = roundingNote(report.rows);
  if (report.notice) parts.push(`<p class="notice">${escapeHtml(report.notice)}</p>`);
  parts.push(
    '<h1>Indicative and actual personal budgets</h1>',
    `<p class="muted">${escapeHtml(heading(report))}. ${escapeHtml(report.periodNote)}${report.filterNote ? ` ${escapeHtml(report.filterNote)}` : ''}${rounding === null ? '' : ` ${escapeHtml(rounding)}`}</p>`,
  );

  const contents: [string, string][] = [
    ['headline', 'Headline'],
    ['overall', 'All records'],
    ...report.breakdowns.map((breakdown, b): [string, string] => [
      ids[b],
      `By ${describeBreakdown(breakdown.by)}`,
    ]),
    ...(report.charts ? [['budgets', 'Budgets and years'] as [string, string]] : []),
    ['data-quality', 'Data quality'],
    ['methods', 'Methods'],
    ['provenance', 'Provenance'],
  ];
  parts.push(
    `<nav aria-label="Contents"><ul>${contents
      .map(([id, title]) => `<li><a href="#${id}">${escapeHtml(title)}</a></li>`)
      .join('')}</ul></nav>`,
  );

  // Each part a section with its id, for the contents' links.
  let inSection = false;
  const section = (id: string, title: string): void => {
    if (inSection) parts.push('</section>');
    parts.push(`<section id="${id}">`, `<h2>${escapeHtml(title)}</h2>`);
    inSection = true;
  };
  section('headline', 'Headline');
  const sentences = (options.headline ?? []).filter((sentence) => sentence.trim() !== '');
  if (sentences.length > 0) {
    parts.push(
      `<div class="lead">${sentences.map((sentence) => `<p>${escapeHtml(sentence)}</p>`).join('')}</div>`,
    );
  }
  const headlineGroups: [string, RowFigures][] = charted
    ? charted.groups.map((group) => [group.label, group])
    : [];
  parts.push(headline('All records', report.overall, level));
  for (const [label, figures] of headlineGroups) parts.push(headline(label, figures, level));

  section('overall', 'All records');
  parts.push(htmlTable('', DISPLAY_COLUMNS, [['All records', report.overall]]));
  if (report.options.confidence !== null) {
    parts.push(htmlTable(`${level} CI`, INFERENCE_COLUMNS, [['All records', report.overall]]));
  }
  const notes = chartNotes(report.charts);
  report.breakdowns.forEach((breakdown, b) => {
    const title = describeBreakdown(breakdown.by);
    const rows = breakdown.groups.map((group): [string, RowFigures] => [group.label, group]);
    section(ids[b], `By ${title}`);
    const set = report.charts?.breakdowns.find(
      (candidate) => candidate.by.join('+') === breakdown.by.join('+'),
    );
    if (report.charts && set) {
      parts.push(
        directionFigure(`chart-direction-${ids[b]}`, title, set, rows, report.charts, notes),
        distributionFigure(`chart-distribution-${ids[b]}`, title, set, rows, report.charts, notes),
      );
      if (set.bands) {
        parts.push(
          bandsFigure(
            `chart-bands-${ids[b]}`,
            title,
            set.bands,
            report.gapBands,
            report.charts,
            notes,
          ),
        );
      }
      if (set.funnel) {
        parts.push(funnelFigure(`chart-funnel-${ids[b]}`, set.funnel, report.charts, notes));
      }
    }
    const withFunnel = breakdown.groups.some((group) => 'funnel' in group);
    const main = withFunnel ? [...DISPLAY_COLUMNS, FUNNEL_COLUMN] : DISPLAY_COLUMNS;
    const bandTable = bandColumns(report.gapBands);
    parts.push(
      `<h3>Table: by ${escapeHtml(title)}</h3>`,
      htmlTable(title, main, rows),
      htmlTable(`${title}: gap bands (people)`, bandTable, rows),
    );
    const funnelText = withFunnel ? funnelNote(breakdown.groups) : null;
    if (funnelText !== null) parts.push(`<p class="muted">${escapeHtml(funnelText)}</p>`);
    const note = withheldNote(
      rows,
      [...main, ...bandTable, ...INFERENCE_COLUMNS],
      report.disclosure.minCount,
    );
    if (note !== null) parts.push(`<p class="muted">${escapeHtml(note)}</p>`);
    if (breakdown.groupsLeftOut) {
      parts.push(`<p class="muted">${escapeHtml(leftOutNote(report.disclosure.minCount))}</p>`);
    }
    if (report.options.confidence !== null) {
      parts.push(htmlTable(`${title} (${level} CI)`, INFERENCE_COLUMNS, rows));
      // The p columns show "0.59 (1)": say what the bracketed figure is, as the terminal does.
      const holm = breakdown.groups.some(
        (group) => group.signTestPHolm !== undefined || group.wilcoxonPHolm !== undefined,
      );
      if (holm) parts.push(`<p class="muted">${escapeHtml(HOLM_NOTE)}</p>`);
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
  });

  if (report.charts) {
    section('budgets', 'Budgets and years, all records');
    parts.push(...overallCharts(report, report.charts, notes, level));
  }

  section('data-quality', 'Data quality');
  parts.push(dataQuality(report));
  section('methods', 'Methods in brief');
  parts.push(METHODS);
  section('provenance', 'Provenance');
  parts.push(provenanceHtml(report), '</section>');

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

/** One id per breakdown (`ageBand`, `clientGroup-ageBand`), unique even if one is repeated. */
function breakdownIds(breakdowns: string[][]): string[] {
  const seen = new Set<string>();
  return breakdowns.map((by, index) => {
    const base = `by-${by.join('-')}`;
    const id = seen.has(base) ? `${base}-${index + 1}` : base;
    seen.add(id);
    return id;
  });
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

/** One layout of a chart: its size in SVG units and its marks. */
interface Drawing {
  width: number;
  height: number;
  svg: string;
}

/** The two layouts every chart is drawn in: desktop and phone. */
const DESKTOP = 760;
const PHONE = 360;

function figure(
  id: string,
  title: string,
  drawings: { desktop: Drawing; phone: Drawing },
  caption: string,
  table: string,
  legend = '',
): string {
  // Both layouts scale down to the page (viewBox, max-width); CSS shows the phone one on narrow
  // screens, where the desktop one's text would shrink below legibility. The hidden one is out of
  // the accessibility tree (display: none).
  const svg = (layout: 'desktop' | 'phone', drawing: Drawing): string =>
    `<svg class="${layout}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${drawing.width} ${Math.ceil(drawing.height)}" width="${drawing.width}" height="${Math.ceil(drawing.height)}">${drawing.svg}</svg>`;
  return `<figure id="${id}" class="chart" aria-labelledby="${id}-title">
${svg('desktop', drawings.desktop)}
${svg('phone', drawings.phone)}
${legend}<figcaption><strong id="${id}-title">${escapeHtml(title)}</strong>. ${escapeHtml(caption)}</figcaption>
${table}
</figure>`;
}

/** A colour key in HTML, which wraps on a phone. */
function legend(entries: [string, string][]): string {
  return `<p class="legend">${entries
    .map(
      ([colour, text]) =>
        `<span><span class="key" style="background:${colour}"></span>${escapeHtml(text)}</span>`,
    )
    .join('')}</p>`;
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

/** Characters of 12px text that fit in `width` SVG units. */
const fitting = (width: number): number => Math.max(8, Math.floor(width / CHAR_WIDTH));

/**
 * Breaks text at spaces into lines of at most `width` characters (at most `most` lines; the rest
 * "…").
 */
function wrap(text: string, width: number, most = 3): string[] {
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
  if (lines.length <= most) return lines;
  return [...lines.slice(0, most - 1), `${lines[most - 1].slice(0, width - 1)}…`];
}

/** A right-aligned label of one or more lines, centred on `middle`. */
function labelText(x: number, middle: number, lines: string[], full: string): string {
  const first = middle + 4 - ((lines.length - 1) * LINE_HEIGHT) / 2;
  return textBlock(x, first, lines, { anchor: 'end', title: full });
}

/** Lines of text, the first with its baseline at `y`. */
function textBlock(
  x: number,
  y: number,
  lines: string[],
  options: { anchor?: 'start' | 'end' | 'middle'; title?: string; halo?: boolean } = {},
): string {
  const spans = lines
    .map(
      (line, k) =>
        `<tspan x="${f1(x)}" dy="${k === 0 ? 0 : LINE_HEIGHT}">${escapeHtml(line)}</tspan>`,
    )
    .join('');
  const anchor =
    options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : '';
  const halo = options.halo ? ' class="halo"' : '';
  const title = options.title === undefined ? '' : `<title>${escapeHtml(options.title)}</title>`;
  return `<text x="${f1(x)}" y="${f1(y)}"${anchor}${halo}>${title}${spans}</text>`;
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

/** The sentences every chart's caption ends with: what is not drawn, and rounding. */
interface ChartNotes {
  threshold: string;
}

function chartNotes(data: PublishedCharts | undefined): ChartNotes {
  if (!data) return { threshold: '' };
  const rounding = data.roundCounts
    ? ` Counts are rounded to the nearest ${data.roundCounts}.`
    : '';
  return {
    threshold: data.minCount
      ? ` Cells and groups of fewer than ${data.minCount} people are not drawn, nor figures hidden so that a small count elsewhere cannot be worked back ([c]).${rounding}`
      : ' Small-number suppression is off.',
  };
}

/** A row's label and its marks: a left-hand label column on a desktop, a line above on a phone. */
interface RowLayout {
  /** Where the plot starts and ends across. */
  plotLeft: number;
  plotRight: number;
  rows: { top: number; height: number; labelSvg: string; plotTop: number }[];
  bottom: number;
}

/**
 * Lays rows of a chart out, each with its label and a plot band of `band` units (or as many lines
 * of `notes[k]` as it holds, where a row has a note in place of marks).
 */
function layoutRows(
  width: number,
  labels: string[],
  band: number,
  notes: (string | null)[],
  top: number,
  noteWidth: (plotLeft: number, plotRight: number) => number,
): RowLayout & { noteLines: string[][]; noteBaseline: (index: number) => number } {
  const phone = width < PHONE_WIDTH;
  const rows: RowLayout['rows'] = [];
  const noteLines: string[][] = [];
  if (phone) {
    // Room at both ends for an axis label centred on the first or last tick.
    const plotLeft = 24;
    const plotRight = width - 28;
    let y = top;
    labels.forEach((label, k) => {
      const lines = wrap(label, fitting(width - 16), 3);
      const note =
        notes[k] === null ? [] : wrap(notes[k]!, fitting(noteWidth(plotLeft, plotRight)), 6);
      noteLines.push(note);
      const plotTop = y + lines.length * LINE_HEIGHT + 4;
      const height =
        lines.length * LINE_HEIGHT + 4 + Math.max(band, note.length * LINE_HEIGHT) + 12;
      rows.push({
        top: y,
        height,
        plotTop,
        // Over the zero line, which runs under it: a white halo keeps it legible.
        labelSvg: textBlock(8, y + LINE_HEIGHT - 3, lines, { title: label, halo: true }),
      });
      y += height;
    });
    // A note starts under its label.
    const noteBaseline = (index: number): number => rows[index].plotTop + 11;
    return { plotLeft, plotRight, rows, bottom: y, noteLines, noteBaseline };
  }
  const column = labelColumn(labels);
  const plotLeft = column.width;
  // Room on the right for an axis label centred on the last tick.
  const plotRight = width - 28;
  let y = top;
  labels.forEach((label, k) => {
    const note =
      notes[k] === null ? [] : wrap(notes[k]!, fitting(noteWidth(plotLeft, plotRight)), 6);
    noteLines.push(note);
    const height = Math.max(
      band + 10,
      column.lines[k].length * LINE_HEIGHT + 10,
      note.length * LINE_HEIGHT + 10,
    );
    const plotTop = y + (height - band) / 2;
    rows.push({
      top: y,
      height,
      plotTop,
      labelSvg: labelText(plotLeft - 8, plotTop + band / 2, column.lines[k], label),
    });
    y += height;
  });
  // A note is centred on its row, beside its label.
  const noteBaseline = (index: number): number =>
    rows[index].plotTop + band / 2 + 4 - ((noteLines[index].length - 1) * LINE_HEIGHT) / 2;
  return { plotLeft, plotRight, rows, bottom: y, noteLines, noteBaseline };
}

const shareCell = (share: number | null | undefined): string =>
  share === null || share === undefined ? '[c]' : formatShare(share);

const peopleOf = (figures: RowFigures | undefined): string =>
  !figures || figures.suppressed?.includes('n') ? '[c]' : formatCount(figures.n);

/** Diverging stacked bars: down to the left of zero, up to the right, unchanged across it. */
function directionFigure(
  id: string,
  title: string,
  set: ChartBreakdown,
  rows: [string, RowFigures][],
  data: PublishedCharts,
  notes: ChartNotes,
): string {
  const used = new Set(
    set.direction.flatMap((bar) =>
      (bar.segments ?? []).filter((s) => s.directions.length > 1).map((s) => s.directions.join()),
    ),
  );
  const keys: [string, string][] = [
    [COLOURS.down, 'moderated down'],
    [COLOURS.unchanged, 'unchanged'],
    [COLOURS.up, 'moderated up'],
    ...(used.has('down,unchanged')
      ? [[COLOURS.downOrUnchanged, 'down or unchanged (each alone withheld)'] as [string, string]]
      : []),
    ...(used.has('unchanged,up')
      ? [[COLOURS.upOrUnchanged, 'unchanged or up (each alone withheld)'] as [string, string]]
      : []),
  ];
  return figure(
    id,
    `Which way budgets moved, by ${title}`,
    {
      desktop: directionDrawing(set.direction, DESKTOP, data),
      phone: directionDrawing(set.direction, PHONE, data),
    },
    `Share of people whose actual budget was below (left of the line), equal to or above (right) the indicative budget. Where two directions are each withheld, their combined share is drawn as one segment.${notes.threshold}`,
    dataTable(
      ['Group', 'People', 'Down', 'Unchanged', 'Up'],
      rows.map(([label, g]) => [
        label,
        peopleOf(g),
        shareCell(g.downShare),
        shareCell(g.unchangedShare),
        shareCell(g.upShare),
      ]),
    ),
    legend(keys),
  );
}

function directionDrawing(bars: DirectionBar[], width: number, data: PublishedCharts): Drawing {
  const barHeight = 20;
  const reasons = bars.map((bar) =>
    bar.segments === null ? withheldText(bar.withheld, data.minCount) : null,
  );
  // A withheld bar's reason goes right of the zero line, not on it.
  const layout = layoutRows(
    width,
    bars.map((bar) => bar.label),
    barHeight,
    reasons,
    30,
    (l, r) => (r - l) / 2 - 12,
  );
  const half = (layout.plotRight - layout.plotLeft) / 2;
  const centre = layout.plotLeft + half;
  const marks: string[] = [];
  bars.forEach((bar, index) => {
    const row = layout.rows[index];
    marks.push(row.labelSvg);
    const y = row.plotTop;
    const middle = y + barHeight / 2;
    if (bar.segments === null) {
      const lines = layout.noteLines[index];
      marks.push(textBlock(centre + 8, layout.noteBaseline(index), lines));
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
      marks.push(
        `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(w)}" height="${barHeight}" fill="${colour}"><title>${escapeHtml(bar.label)}: ${formatShare(segment.share)} ${name}</title></rect>`,
      );
      if (w > 28) {
        marks.push(
          `<text x="${f1(x + w / 2)}" y="${f1(middle + 4)}" text-anchor="middle" style="fill:${textOn(colour)}">${formatShare(segment.share)}</text>`,
        );
      }
      x += w;
    }
  });
  const height = layout.bottom + 6;
  // The zero line first, under the labels; drawn again over each bar.
  marks.unshift(
    `<line x1="${f1(centre)}" x2="${f1(centre)}" y1="24" y2="${f1(height - 4)}" stroke="${COLOURS.ink}"/>`,
  );
  marks.push(
    ...bars.flatMap((bar, index) =>
      bar.segments === null
        ? []
        : [
            `<line x1="${f1(centre)}" x2="${f1(centre)}" y1="${f1(layout.rows[index].plotTop - 2)}" y2="${f1(layout.rows[index].plotTop + barHeight + 2)}" stroke="${COLOURS.ink}"/>`,
          ],
    ),
    `<text x="${f1(centre - 8)}" y="16" text-anchor="end">◀ moderated down</text>`,
    `<text x="${f1(centre + 8)}" y="16">moderated up ▶</text>`,
  );
  return { width, height, svg: marks.join('') };
}

/** A 100% stacked bar per group: its people by gap band, cuts left to rises right. */
function bandsFigure(
  id: string,
  title: string,
  bars: BandBar[],
  layout: GapBandLayout,
  data: PublishedCharts,
  notes: ChartNotes,
): string {
  const withRest = bars.some((bar) => (bar.rest ?? 0) > 0);
  return figure(
    id,
    `How far budgets moved, by ${title}`,
    {
      desktop: bandsDrawing(bars, layout, DESKTOP, data),
      phone: bandsDrawing(bars, layout, PHONE, data),
    },
    `Each group's people by how far the actual budget is from the indicative one, as a share of the group: cuts on the left, rises on the right (bands from --bands).${withRest ? ' The light grey end is people in bands withheld ([c]) and people with a zero indicative budget, who have no % gap.' : ''}${notes.threshold}`,
    dataTable(
      ['Group', 'People', ...layout.bands.map((band) => band.label), 'Withheld or no % gap'],
      bars.map((bar) => [
        bar.label,
        bar.n === null ? '[c]' : formatCount(bar.n),
        ...(bar.shares ?? layout.bands.map(() => null)).map((share) => shareCell(share)),
        bar.rest === null ? '[c]' : formatShare(bar.rest),
      ]),
    ),
    legend([
      ...layout.bands.map((band, i): [string, string] => [bandColour(layout, i), band.label]),
      ...(withRest ? [[COLOURS.rest, 'withheld ([c]) or no % gap'] as [string, string]] : []),
    ]),
  );
}

function bandsDrawing(
  bars: BandBar[],
  layout: GapBandLayout,
  width: number,
  data: PublishedCharts,
): Drawing {
  const barHeight = 20;
  const rows = layoutRows(
    width,
    bars.map((bar) => bar.label),
    barHeight,
    bars.map((bar) => (bar.shares === null ? withheldText(bar.withheld, data.minCount) : null)),
    8,
    (l, r) => r - l - 8,
  );
  const span = rows.plotRight - rows.plotLeft;
  const marks: string[] = [];
  bars.forEach((bar, index) => {
    const row = rows.rows[index];
    marks.push(row.labelSvg);
    if (bar.shares === null) {
      marks.push(textBlock(rows.plotLeft + 4, rows.noteBaseline(index), rows.noteLines[index]));
      return;
    }
    let x = rows.plotLeft;
    const segment = (share: number, colour: string, name: string): void => {
      const w = share * span;
      if (w <= 0) return;
      marks.push(
        `<rect x="${f1(x)}" y="${f1(row.plotTop)}" width="${f1(w)}" height="${barHeight}" fill="${colour}"><title>${escapeHtml(bar.label)}: ${formatShare(share)} ${escapeHtml(name)}</title></rect>`,
      );
      if (w > 30) {
        marks.push(
          `<text x="${f1(x + w / 2)}" y="${f1(row.plotTop + barHeight / 2 + 4)}" text-anchor="middle" style="fill:${textOn(colour)}">${formatShare(share)}</text>`,
        );
      }
      x += w;
    };
    bar.shares.forEach((share, i) => {
      if (share !== null) segment(share, bandColour(layout, i), layout.bands[i].label);
    });
    if (bar.rest !== null) segment(bar.rest, COLOURS.rest, 'withheld or no % gap');
  });
  const axisY = rows.bottom + 2;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  marks.push(
    ...ticks.map(
      (tick) =>
        `<text x="${f1(rows.plotLeft + tick * span)}" y="${f1(axisY + 14)}" text-anchor="middle">${Math.round(tick * 100)}%</text>`,
    ),
  );
  return { width, height: axisY + 22, svg: marks.join('') };
}

/**
 * Spiegelhalter's funnel plot: each council's share moved down against its number of people,
 * with the 95% and 99.8% limits around the overall share as curves.
 */
function funnelFigure(
  id: string,
  funnel: FunnelChart,
  data: PublishedCharts,
  notes: ChartNotes,
): string {
  const withheld = funnel.withheld.length
    ? ` Not drawn: ${funnel.withheld.map((item) => `${item.label} (${withheldText(item.reason, data.minCount)})`).join('; ')}.`
    : '';
  return figure(
    id,
    'Councils side by side: share moved down against size',
    { desktop: funnelDrawing(funnel, DESKTOP), phone: funnelDrawing(funnel, PHONE) },
    `Each point is a council: its number of people across, its share moderated down up the page. The line is the share over all councils (${formatShare(funnel.target)}); the curves are the limits within which a council of that size would fall 95% (inner, dashed) and 99.8% (outer) of the time if it moderated like the others. A point beyond them stands out by more than chance would explain.${withheld}${notes.threshold}`,
    dataTable(
      [
        'Council',
        'People',
        'Share down',
        'Lower 99.8%',
        'Lower 95%',
        'Upper 95%',
        'Upper 99.8%',
        'Position',
      ],
      funnel.points.map((point) => [
        point.label,
        formatCount(point.n),
        formatShare(point.share),
        // Limits beyond 0% or 100% (a small council) cannot be reached: shown at the end.
        ...[point.lower998, point.lower95, point.upper95, point.upper998].map((v) =>
          formatShare(Math.min(1, Math.max(0, v))),
        ),
        FUNNEL_MARKS[point.position],
      ]),
    ),
    legend([
      [COLOURS.ink, 'share over all councils'],
      [COLOURS.down, 'above a limit'],
      [COLOURS.up, 'below a limit'],
      ['#777777', 'within the limits'],
    ]),
  );
}

function funnelDrawing(funnel: FunnelChart, width: number): Drawing {
  const phone = width < PHONE_WIDTH;
  const height = phone ? 300 : 360;
  const left = 48;
  const right = width - (phone ? 16 : 24);
  const top = 16;
  const bottom = height - 44;
  const sizes = funnel.curve.map((point) => point.n);
  const nLow = Math.min(...sizes);
  const nHigh = Math.max(...sizes);
  const x = (n: number): number => left + ((n - nLow) / (nHigh - nLow || 1)) * (right - left);
  const shares = funnel.points.map((point) => point.share);
  const lowShare = Math.max(0, Math.min(funnel.target - 0.25, ...shares) - 0.05);
  const highShare = Math.min(1, Math.max(funnel.target + 0.25, ...shares) + 0.05);
  const y = (share: number): number =>
    bottom - ((share - lowShare) / (highShare - lowShare)) * (bottom - top);
  const clip = (share: number): number => Math.min(highShare, Math.max(lowShare, share));
  const path = (pick: (point: FunnelChart['curve'][number]) => number): string =>
    funnel.curve
      .map((point, i) => `${i === 0 ? 'M' : 'L'}${f1(x(point.n))},${f1(y(clip(pick(point))))}`)
      .join('');
  const marks: string[] = [];
  const shareTicks = niceTicks(lowShare * 100, highShare * 100, 5).filter(
    (tick) => tick >= lowShare * 100 - 1e-9 && tick <= highShare * 100 + 1e-9,
  );
  for (const tick of shareTicks) {
    marks.push(
      `<line x1="${left}" x2="${f1(right)}" y1="${f1(y(tick / 100))}" y2="${f1(y(tick / 100))}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${f1(y(tick / 100) + 4)}" text-anchor="end">${tick}%</text>`,
    );
  }
  const nTicks = niceTicks(nLow, nHigh, phone ? 4 : 6).filter((t) => t >= nLow && t <= nHigh);
  for (const tick of nTicks) {
    marks.push(
      `<line x1="${f1(x(tick))}" x2="${f1(x(tick))}" y1="${f1(bottom)}" y2="${f1(bottom + 4)}" stroke="#888"/>`,
      `<text x="${f1(x(tick))}" y="${f1(bottom + 17)}" text-anchor="middle">${formatCount(tick)}</text>`,
    );
  }
  marks.push(
    `<line x1="${left}" x2="${f1(right)}" y1="${f1(bottom)}" y2="${f1(bottom)}" stroke="#888"/>`,
    `<text x="${f1((left + right) / 2)}" y="${f1(bottom + 36)}" text-anchor="middle">people in the council (n)</text>`,
    `<text transform="translate(12 ${f1((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">share moved down</text>`,
    `<path d="${path((p) => p.upper998)}" fill="none" stroke="#555" stroke-width="1.5"/>`,
    `<path d="${path((p) => p.lower998)}" fill="none" stroke="#555" stroke-width="1.5"/>`,
    `<path d="${path((p) => p.upper95)}" fill="none" stroke="#555" stroke-dasharray="5 4"/>`,
    `<path d="${path((p) => p.lower95)}" fill="none" stroke="#555" stroke-dasharray="5 4"/>`,
    `<line x1="${left}" x2="${f1(right)}" y1="${f1(y(funnel.target))}" y2="${f1(y(funnel.target))}" stroke="${COLOURS.ink}" stroke-width="1.5"/>`,
  );
  for (const point of funnel.points) {
    const colour = point.position.startsWith('above')
      ? COLOURS.down
      : point.position.startsWith('below')
        ? COLOURS.up
        : '#777777';
    const px = x(point.n);
    const py = y(point.share);
    marks.push(
      `<circle cx="${f1(px)}" cy="${f1(py)}" r="5" fill="${colour}" stroke="#fff"><title>${escapeHtml(point.label)}: ${formatShare(point.share)} moved down of ${formatCount(point.n)} people (${FUNNEL_MARKS[point.position]})</title></circle>`,
    );
    const lines = wrap(point.label, fitting(phone ? 90 : 160), 2);
    const anchorEnd = px > (left + right) / 2;
    marks.push(
      textBlock(anchorEnd ? px - 8 : px + 8, py - 6, lines, {
        halo: true,
        ...(anchorEnd ? { anchor: 'end' } : {}),
      }),
    );
  }
  return { width, height, svg: marks.join('') };
}

/**
 * Box plot of the % gap by group: quartiles and median, with 10th–90th percentile whiskers only
 * where those are not a blend with the smallest or largest value, nor withheld.
 */
function distributionFigure(
  id: string,
  title: string,
  set: ChartBreakdown,
  rows: [string, RowFigures][],
  data: PublishedCharts,
  notes: ChartNotes,
): string {
  const figuresOf = new Map(rows);
  const whisker = (box: PublishedBox, end: 'p10' | 'p90'): string => {
    const value = box[end];
    if (value !== null) return formatPercent(value);
    return box.withheld?.[end] ? '[c]' : 'not shown';
  };
  const withheldWhiskers = set.groups.some((group) => group.box?.withheld);
  return figure(
    id,
    `Distribution of the % gap, by ${title}`,
    {
      desktop: distributionDrawing(set, DESKTOP, data),
      phone: distributionDrawing(set, PHONE, data),
    },
    `Boxes span the quartiles of (actual − indicative) / indicative, with the median marked. Whiskers reach the 10th and 90th percentiles only for groups of at least ${WHISKER_MIN} people with a % gap: with fewer, they would be a blend with the smallest or largest value.${withheldWhiskers ? ' Beside a hidden direction count in a small group they are withheld ([c]): they would bound that count.' : ''} Groups whose median the tables withhold are not drawn.${notes.threshold}`,
    dataTable(
      ['Group', 'People', '10th', 'Q1', 'Median', 'Q3', '90th'],
      set.groups.map(({ label, box }) =>
        box
          ? [
              label,
              peopleOf(figuresOf.get(label)),
              whisker(box, 'p10'),
              ...[box.q1, box.median, box.q3].map((v) => formatPercent(v)),
              whisker(box, 'p90'),
            ]
          : [label, peopleOf(figuresOf.get(label)), '[c]', '[c]', '[c]', '[c]', '[c]'],
      ),
    ),
    legend([
      ['#cfe3f3', 'quartiles (middle half)'],
      [COLOURS.ink, 'median; line: 10th to 90th percentile'],
    ]),
  );
}

function distributionDrawing(set: ChartBreakdown, width: number, data: PublishedCharts): Drawing {
  const boxes = set.groups.map((row) => row.box).filter((box): box is PublishedBox => !!box);
  const rawLow = Math.min(-10, ...boxes.map((b) => b.p10 ?? b.q1));
  const rawHigh = Math.max(10, ...boxes.map((b) => b.p90 ?? b.q3));
  const ticks = niceTicks(rawLow, rawHigh, width < PHONE_WIDTH ? 5 : 6);
  const low = Math.min(rawLow, ticks[0]);
  const high = Math.max(rawHigh, ticks[ticks.length - 1]);
  const reasons = set.groups.map((group) =>
    group.box
      ? null
      : group.withheld
        ? withheldText(group.withheld, data.minCount)
        : 'no % gap: every indicative budget is £0',
  );
  const layout = layoutRows(
    width,
    set.groups.map((group) => group.label),
    20,
    reasons,
    14,
    (l, r) => r - l - 8,
  );
  const scale = (value: number): number =>
    layout.plotLeft + ((value - low) / (high - low)) * (layout.plotRight - layout.plotLeft);
  const axisY = layout.bottom + 4;
  const marks: string[] = [
    `<line x1="${f1(scale(0))}" x2="${f1(scale(0))}" y1="10" y2="${f1(axisY)}" stroke="#888" stroke-dasharray="3 3"/>`,
  ];
  set.groups.forEach((group, index) => {
    const row = layout.rows[index];
    const y = row.plotTop;
    marks.push(row.labelSvg);
    const box = group.box;
    if (!box) {
      marks.push(
        textBlock(scale(low) + 4, layout.noteBaseline(index), layout.noteLines[index], {
          halo: true,
        }),
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
    `<line x1="${f1(scale(low))}" x2="${f1(scale(high))}" y1="${f1(axisY)}" y2="${f1(axisY)}" stroke="#888"/>`,
    ...ticks.map(
      (tick) =>
        `<line x1="${f1(scale(tick))}" x2="${f1(scale(tick))}" y1="${f1(axisY)}" y2="${f1(axisY + 4)}" stroke="#888"/><text x="${f1(scale(tick))}" y="${f1(axisY + 17)}" text-anchor="middle">${tick === 0 ? '0%' : formatPercent(tick)}</text>`,
    ),
    `<text x="${f1((scale(low) + scale(high)) / 2)}" y="${f1(axisY + 38)}" text-anchor="middle">% gap: (actual − indicative) / indicative</text>`,
  );
  return { width, height: axisY + 46, svg: marks.join('') };
}

/** The binned planes and the years, over all records. */
function overallCharts(
  report: Report,
  data: PublishedCharts,
  notes: ChartNotes,
  level: string,
): string[] {
  const out: string[] = [];
  const threshold = notes.threshold;
  // Binned planes: never individual points.
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
  if (data.byYear.length > 0) out.push(yearsFigure(data, threshold));
  else if (report.inputs.some((input) => input.columns.dateAgreed !== undefined)) {
    // Years are drawn from the financial-year breakdown, whose cells the audit has checked.
    out.push(
      '<p class="muted">The share moderated down by financial year is drawn when the report has a financial-year breakdown: add <code>--by financial-year</code> (with the other breakdowns you want, in the same run).</p>',
    );
  }
  return out;
}

/** The share moved down in each financial year, with its interval where published. */
function yearsFigure(data: PublishedCharts, threshold: string): string {
  const years = data.byYear;
  const level = data.confidence === null ? null : `${Math.round(data.confidence * 1000) / 10}%`;
  const anyInterval = years.some((year) => year.downShareCi !== null);
  return figure(
    'chart-years',
    'Share moderated down, by financial year agreed',
    {
      desktop: yearsDrawing(years, DESKTOP, data.minCount),
      phone: yearsDrawing(years, PHONE, data.minCount),
    },
    `Financial years run from 1 April, by the date the budget was agreed. Each point is the share of that year's people whose actual budget was below the indicative one${anyInterval && level ? `, with its ${level} interval (Wilson)` : ''}.${threshold}`,
    dataTable(
      [
        'Year',
        'People',
        'Moderated down',
        'Share moved down',
        ...(level ? [`${level} CI`] : []),
        'Median % gap',
      ],
      years.map((year) => [
        year.year,
        formatCount(year.n),
        formatCount(year.down),
        shareCell(year.downShare),
        ...(level
          ? [
              year.downShareCi
                ? `${formatShare(year.downShareCi[0])} to ${formatShare(year.downShareCi[1])}`
                : year.downShare === null
                  ? '[c]'
                  : '–',
            ]
          : []),
        year.medianPctGap === null ? '[c]' : formatPercent(year.medianPctGap),
      ]),
    ),
    legend([[COLOURS.down, `share moderated down${anyInterval ? '; line: its interval' : ''}`]]),
  );
}

function yearsDrawing(years: PublishedYear[], width: number, minCount: number | null): Drawing {
  const left = 56;
  const right = 16;
  const top = 24;
  const plotHeight = 180;
  const slot = (width - left - right) / years.length;
  // Year labels turn where they would run into each other.
  const turned = slot < 60;
  const bottom = turned ? 62 : 34;
  const height = top + plotHeight + bottom;
  const most = Math.max(0.1, ...years.map((year) => year.downShareCi?.[1] ?? year.downShare ?? 0));
  const rough = niceTicks(0, Math.min(100, most * 100), 4);
  const step = rough.length > 1 ? rough[1] - rough[0] : 10;
  const ceiling = Math.min(100, Math.ceil((most * 100) / step - 1e-9) * step);
  const ticks = niceTicks(0, ceiling, 4).filter((tick) => tick <= ceiling);
  if (ticks[ticks.length - 1] < ceiling) ticks.push(ceiling);
  const x = (index: number): number => left + (index + 0.5) * slot;
  const y = (share: number): number => top + plotHeight * (1 - (share * 100) / ceiling);
  const marks: string[] = [];
  for (const tick of ticks) {
    marks.push(
      `<line x1="${left}" x2="${width - right}" y1="${f1(y(tick / 100))}" y2="${f1(y(tick / 100))}" stroke="${tick === 0 ? '#888' : '#e3e3e3'}"/>`,
      `<text x="${left - 6}" y="${f1(y(tick / 100) + 4)}" text-anchor="end">${tick}%</text>`,
    );
  }
  marks.push(
    `<text transform="translate(14 ${f1(top + plotHeight / 2)}) rotate(-90)" text-anchor="middle">moderated down</text>`,
  );
  years.forEach((year, index) => {
    const at = x(index);
    const base = top + plotHeight;
    marks.push(
      turned
        ? `<text transform="translate(${f1(at + 4)} ${f1(base + 14)}) rotate(-40)" text-anchor="end">${escapeHtml(year.year)}</text>`
        : `<text x="${f1(at)}" y="${f1(base + 18)}" text-anchor="middle">${escapeHtml(year.year)}</text>`,
    );
    if (year.downShare === null) {
      const reason = year.withheld?.down ?? year.withheld?.n;
      marks.push(
        `<text x="${f1(at)}" y="${f1(base - 8)}" text-anchor="middle"><title>${escapeHtml(`${year.year}: ${withheldText(reason, minCount)}`)}</title>[c]</text>`,
      );
      return;
    }
    const ci = year.downShareCi;
    const share = year.downShare;
    const tip = `${year.year}: ${formatShare(share)} moderated down${ci ? ` (${formatShare(ci[0])} to ${formatShare(ci[1])})` : ''}, ${formatCount(year.down)} of ${formatCount(year.n)} people`;
    if (ci) {
      marks.push(
        `<line x1="${f1(at)}" x2="${f1(at)}" y1="${f1(y(ci[0]))}" y2="${f1(y(ci[1]))}" stroke="${COLOURS.ink}"/>`,
        `<line x1="${f1(at - 5)}" x2="${f1(at + 5)}" y1="${f1(y(ci[0]))}" y2="${f1(y(ci[0]))}" stroke="${COLOURS.ink}"/>`,
        `<line x1="${f1(at - 5)}" x2="${f1(at + 5)}" y1="${f1(y(ci[1]))}" y2="${f1(y(ci[1]))}" stroke="${COLOURS.ink}"/>`,
      );
    }
    marks.push(
      `<circle cx="${f1(at)}" cy="${f1(y(share))}" r="5" fill="${COLOURS.down}"><title>${escapeHtml(tip)}</title></circle>`,
    );
    // Each value above its point where they have room; else in the tooltip and the table.
    if (slot >= 36) {
      marks.push(
        `<text x="${f1(at)}" y="${f1(y(ci ? ci[1] : share) - 8)}" text-anchor="middle" class="halo">${formatShare(share)}</text>`,
      );
    }
  });
  return { width, height, svg: marks.join('') };
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
    {
      desktop: planeDrawing(data, xLabel, yLabel, lines, 'desktop'),
      phone: planeDrawing(data, xLabel, yLabel, lines, 'phone'),
    },
    caption,
    dataTable([xLabel, yLabel, 'People'], rows),
  );
}

function planeDrawing(
  data: PublishedPlane,
  xLabel: string,
  yLabel: string,
  lines: PlaneLine[],
  layout: 'desktop' | 'phone',
): Drawing {
  // On a phone the line labels go inside the plot, over a white halo, instead of beside it.
  const phone = layout === 'phone';
  // Room on the left for the y-axis end labels (£12,345.67), right-aligned beside the plot.
  const yEnds = [data.yEdges[0], data.yEdges[data.yEdges.length - 1]].map(formatPounds);
  const left = Math.max(
    70,
    Math.ceil(Math.max(...yEnds.map((end) => end.length)) * CHAR_WIDTH + 10),
  );
  const size = phone ? PHONE - left - 16 : 420;
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
  if (data.counts.every((row) => row.every((count) => count === null))) {
    marks.push(
      `<text x="${f1(left + size / 2)}" y="${f1(top + size / 2)}" text-anchor="middle" class="halo">[c] not drawn: too few people to publish</text>`,
    );
  }
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
        `<text x="${f1(px(end) - 4)}" y="${f1(py(end) + 14)}" text-anchor="end" class="halo">${escapeHtml(line.label)}</text>`,
      );
    } else if (line.value >= yLow && line.value <= yHigh) {
      const stroke = line.style === 'zero' ? '#666' : COLOURS.down;
      const dash =
        line.style === 'zero' ? '' : ` stroke-dasharray="${line.style === 'bias' ? '5 3' : '2 3'}"`;
      marks.push(
        `<line x1="${left}" x2="${left + size}" y1="${f1(py(line.value))}" y2="${f1(py(line.value))}" stroke="${stroke}"${dash}><title>${escapeHtml(line.label)}</title></line>`,
      );
      horizontal.push({ y: py(line.value) + (phone ? -3 : 4), label: line.label });
    }
  }
  // Labels pushed apart so that close lines (a small bias) do not overprint.
  horizontal.sort((a, b) => a.y - b.y);
  for (let k = 1; k < horizontal.length; k++) {
    horizontal[k].y = Math.max(horizontal[k].y, horizontal[k - 1].y + LINE_HEIGHT);
  }
  for (const label of horizontal) {
    marks.push(
      phone
        ? `<text x="${left + size - 4}" y="${f1(label.y)}" text-anchor="end" class="halo">${escapeHtml(label.label)}</text>`
        : `<text x="${left + size + 4}" y="${f1(label.y)}">${escapeHtml(label.label)}</text>`,
    );
  }
  marks.push(
    `<text x="${left + size / 2}" y="${top + size + 34}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
    `<text x="${left}" y="${top + size + 16}">${formatPounds(xLow)}</text>`,
    `<text x="${left + size}" y="${top + size + 16}" text-anchor="end">${formatPounds(xHigh)}</text>`,
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end">${formatPounds(yHigh)}</text>`,
    `<text x="${left - 6}" y="${top + size}" text-anchor="end">${formatPounds(yLow)}</text>`,
    `<text transform="translate(14 ${top + size / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`,
  );
  const width = phone ? PHONE : left + size + 170;
  const height = Math.max(
    top + size + 44,
    ...(phone ? [] : horizontal.map((label) => label.y + 6)),
  );
  return { width, height, svg: marks.join('') };
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

/** Provenance as a list a reader can follow: who made it, from which files, with which options. */
function provenanceHtml(report: Report): string {
  const items: [string, string][] = [];
  items.push([
    'Made by',
    `rasgap ${escapeHtml(report.tool.version)} on ${escapeHtml(readableTime(report.generatedAt))}`,
  ]);
  if (report.command) items.push(['Command', `<code>${escapeHtml(report.command)}</code>`]);
  items.push([
    report.inputs.length === 1 ? 'File' : 'Files',
    `<ul>${report.inputs.map((input) => `<li>${inputWords(input)}</li>`).join('')}</ul>`,
  ]);
  items.push([
    'Rows',
    `${formatCount(report.rows.read)} read, ${formatCount(report.rows.used)} used, ${formatCount(report.rows.excluded)} excluded${
      report.rows.exclusions.length === 0
        ? ''
        : ` (${report.rows.exclusions
            .map((item) => `${escapeHtml(item.reason)}: ${formatCount(item.count)}`)
            .join('; ')})`
    }`,
  ]);
  items.push([
    'Options',
    `<ul>${optionWords(report)
      .map((line) => `<li>${line}</li>`)
      .join('')}</ul>`,
  ]);
  return `<dl class="provenance">${items
    .map(([term, detail]) => `<dt>${escapeHtml(term)}</dt><dd>${detail}</dd>`)
    .join('\n')}</dl>`;
}

/** `2023-11-14T22:13:20.000Z` -> `14 November 2023 at 22:13:20 UTC (2023-11-14T22:13:20.000Z)`. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Month names spelt out here, not by Intl: the same bytes whatever ICU data Node carries.
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day} at ${date.toISOString().slice(11, 19)} UTC (${iso})`;
}

/** One input file: what it is, how it was read, what was used, and its fingerprint. */
function inputWords(input: Report['inputs'][number]): string {
  const read =
    input.format === 'xlsx'
      ? `an Excel workbook${input.sheet === null ? '' : `, sheet “${escapeHtml(input.sheet)}”`}`
      : `text${input.encoding ? `, ${escapeHtml(input.encoding.toUpperCase())}` : ''}${
          input.delimiter ? `, ${escapeHtml(delimiterName(input.delimiter))}-separated` : ''
        }`;
  const columns = Object.entries(input.columns)
    .map(
      ([role, header]) =>
        `${escapeHtml(ROLE_WORDS[role as Role] ?? role)} “${escapeHtml(String(header))}”`,
    )
    .join(', ');
  const lines = [
    `${formatCount(input.bytes)} bytes: ${read}; header on line ${input.headerLine}`,
    `${formatCount(input.rowsRead)} rows read, ${formatCount(input.rowsUsed)} used`,
    ...(columns ? [`Columns: ${columns}`] : []),
    `SHA-256 <code>${escapeHtml(input.sha256)}</code>`,
  ];
  return `<code>${escapeHtml(input.path)}</code><ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul>`;
}

/** Column roles in words, for the provenance list. */
const ROLE_WORDS: Record<Role, string> = {
  personId: 'person ID',
  clientGroup: 'client group',
  age: 'age',
  ageBand: 'age band',
  dateOfBirth: 'date of birth',
  yearOfBirth: 'year of birth',
  indicative: 'indicative budget',
  actual: 'actual budget',
  dateAgreed: 'date agreed',
  frequency: 'frequency',
  rasPoints: 'RAS points',
  council: 'council',
};

function delimiterName(delimiter: string): string {
  return (
    { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[delimiter] ?? `“${delimiter}”`
  );
}

/**
 * The run's options, one line each in words (escaped HTML). Options this renderer does not know
 * are listed as they are, so a new option is never left out.
 */
function optionWords(report: Report): string[] {
  const options = report.options as unknown as Record<string, unknown>;
  const lines: string[] = [];
  const known = new Set<string>();
  const say = (key: string, line: string | null): void => {
    known.add(key);
    if (line !== null) lines.push(line);
  };
  const text = (value: unknown): string => escapeHtml(String(value));
  const by = options.by as string[][] | undefined;
  say(
    'by',
    by && by.length > 0
      ? `Breakdowns: ${by.map((b) => `by ${escapeHtml(describeBreakdown(b))}`).join('; ')}`
      : 'Breakdowns: none (all records only)',
  );
  say('period', `Amounts shown ${text(PERIOD_TEXT[String(options.period)] ?? options.period)}`);
  say(
    'inputPeriod',
    options.inputPeriod ? `Input periods given: ${text(options.inputPeriod)}` : null,
  );
  say(
    'tolerance',
    options.tolerance === undefined
      ? null
      : `Unchanged: actual within ${text(options.tolerance)} of indicative`,
  );
  say(
    'duplicates',
    options.duplicates === 'latest'
      ? 'Duplicates: a person’s latest record counts; earlier ones are excluded as superseded'
      : options.duplicates === 'keep-all'
        ? 'Duplicates: every record of a person is kept'
        : options.duplicates === undefined
          ? null
          : `Duplicates: ${text(options.duplicates)}`,
  );
  // The filters in the words of filterNote, once for the three options.
  say('from', null);
  say('to', null);
  say('where', report.filterNote ? `Filters: ${text(report.filterNote)}` : null);
  say(
    'separateFiles',
    options.separateFiles ? 'Each file’s person IDs are kept apart (--separate-files)' : null,
  );
  const columns = Object.entries((options.columns as Record<string, string>) ?? {});
  say(
    'columns',
    columns.length === 0
      ? 'Columns: recognised from the headers'
      : `Columns named by hand: ${columns.map(([role, header]) => `${text(role)} “${text(header)}”`).join(', ')}`,
  );
  say('encoding', options.encoding ? `Encoding given: ${text(options.encoding)}` : null);
  say(
    'delimiter',
    options.delimiter ? `Delimiter given: ${text(delimiterName(String(options.delimiter)))}` : null,
  );
  say('sheet', options.sheet ? `Sheet given: “${text(options.sheet)}”` : null);
  say('asOf', options.asOf ? `Ages worked out as of ${text(options.asOf)}` : null);
  const map = Object.entries((options.groupMap as Record<string, string>) ?? {});
  say(
    'groupMap',
    map.length === 0
      ? null
      : `Client groups mapped by hand: ${map.map(([from, to]) => `“${text(from)}” → “${text(to)}”`).join(', ')}`,
  );
  say(
    'configFile',
    options.configFile ? `Config file: <code>${text(options.configFile)}</code>` : null,
  );
  say(
    'confidence',
    typeof options.confidence === 'number'
      ? `Intervals at ${Math.round(options.confidence * 1000) / 10}%, with tests`
      : 'Intervals and tests left out (--no-tests)',
  );
  say(
    'scale',
    options.scale === 'difference'
      ? 'Agreement (Bland–Altman) on the difference in pounds'
      : options.scale === 'ratio'
        ? 'Agreement (Bland–Altman) on the ratio actual / indicative'
        : options.scale
          ? `Agreement scale: ${text(options.scale)}`
          : null,
  );
  const disclosure = report.disclosure;
  lines.push(
    disclosure.suppression
      ? `Publishing: counts from 1 to ${formatCount((disclosure.minCount ?? 1) - 1)} hidden ([c]), groups of fewer than ${formatCount(disclosure.minCount)} show only their label${
          disclosure.dominanceP === null
            ? ''
            : `, money totals under the p% rule with p = ${disclosure.dominanceP}`
        }${disclosure.roundCounts ? `, counts rounded to the nearest ${disclosure.roundCounts}` : ''}`
      : 'Publishing: small-number suppression off (not for publication)',
  );
  for (const [key, value] of Object.entries(options)) {
    if (known.has(key)) continue;
    lines.push(`${text(key)}: <code>${escapeHtml(JSON.stringify(value) ?? 'null')}</code>`);
  }
  return lines;
}

const PERIOD_TEXT: Record<string, string> = {
  week: 'in pounds per week',
  fortnight: 'in pounds per fortnight',
  'four-weeks': 'in pounds per four weeks',
  month: 'in pounds per month',
  year: 'in pounds per year',
  'not-stated': 'as given in the export (no period stated)',
};
