/**
 * The columns that the human-readable formats show for each group, declared once so that the
 * terminal table and the markdown agree: the main figures, and the intervals and tests.
 */
import type { Comparison } from '../analysis/compare.js';
import {
  WITHHELD_MEANINGS,
  type PublishedFigures,
  type PublishedGroup,
  type WithheldReason,
} from '../disclose/types.js';
import type { Interval } from '../analysis/stats/intervals.js';
import {
  formatCount,
  formatP,
  formatPercent,
  formatPounds,
  formatShare,
  formatNumber,
} from './format.js';

export type Tone = 'up' | 'down' | 'none';

/** What a row shows: the overall figures or a group's (with its Holm-adjusted p-values). */
export type RowFigures = PublishedFigures &
  Partial<Pick<PublishedGroup, 'signTestPHolm' | 'wilcoxonPHolm'>>;

export interface DisplayColumn {
  title: string;
  /** The report field shown, so that a suppressed one shows as [c]. */
  field: string;
  cell: (figures: RowFigures) => string;
  /** Which way a value points, for colour. */
  tone?: (figures: RowFigures) => Tone;
}

/**
 * What a column shows for a row: `[c]` where the figure is suppressed.
 *
 * @example
 * displayCell(DISPLAY_COLUMNS[0], { n: null, suppressed: ['n'] }) // '[c]'
 */
export function displayCell(column: DisplayColumn, figures: RowFigures): string {
  return figures.suppressed?.includes(column.field) ? '[c]' : column.cell(figures);
}

const toneOf = (value: number | null | undefined): Tone =>
  value === null || value === undefined || value === 0 ? 'none' : value > 0 ? 'up' : 'down';

export const DISPLAY_COLUMNS: DisplayColumn[] = [
  { title: 'n', field: 'n', cell: (s) => formatCount(s.n) },
  {
    title: 'Up',
    field: 'up',
    cell: (s) => formatCount(s.up),
    tone: (s) => ((s.up ?? 0) > 0 ? 'up' : 'none'),
  },
  {
    title: 'Down',
    field: 'down',
    cell: (s) => formatCount(s.down),
    tone: (s) => ((s.down ?? 0) > 0 ? 'down' : 'none'),
  },
  { title: 'Same', field: 'unchanged', cell: (s) => formatCount(s.unchanged) },
  { title: '% down', field: 'downShare', cell: (s) => formatShare(s.downShare) },
  {
    title: 'Median gap',
    field: 'medianGap',
    cell: (s) => formatPounds(s.medianGap),
    tone: (s) => toneOf(s.medianGap),
  },
  {
    title: 'Median % gap',
    field: 'medianPctGap',
    cell: (s) => formatPercent(s.medianPctGap),
    tone: (s) => toneOf(s.medianPctGap),
  },
  {
    title: 'Mean % gap',
    field: 'meanPctGap',
    cell: (s) => formatPercent(s.meanPctGap),
    tone: (s) => toneOf(s.meanPctGap),
  },
  {
    title: 'Money-weighted',
    field: 'netGapPct',
    cell: (s) => formatPercent(s.netGapPct),
    tone: (s) => toneOf(s.netGapPct),
  },
  {
    title: 'Total indicative',
    field: 'totalIndicative',
    cell: (s) => formatPounds(s.totalIndicative),
  },
  { title: 'Total actual', field: 'totalActual', cell: (s) => formatPounds(s.totalActual) },
];

const interval = (value: Interval | null | undefined, format: (x: number) => string): string =>
  value ? `[${format(value[0])}, ${format(value[1])}]` : '[–]';

const plainPercent = (value: number): string => formatPercent(value).replace(/^\+/, '');
const plainShare = (value: number): string => formatShare(value);
const plainPounds = (value: number): string => formatPounds(value);

/** p with its Holm-adjusted value beside it where there is one. */
const pWithHolm = (p: number | null | undefined, adjusted: number | null | undefined): string =>
  adjusted === undefined ? formatP(p ?? null) : `${formatP(p ?? null)} (${formatP(adjusted)})`;

/** The intervals and tests, in a second table so that the first stays readable. */
export const INFERENCE_COLUMNS: DisplayColumn[] = [
  { title: 'n', field: 'n', cell: (s) => formatCount(s.n) },
  {
    title: 'Median % gap [CI]',
    field: 'medianPctGap',
    cell: (s) => `${formatPercent(s.medianPctGap)} ${interval(s.medianPctGapCi, plainPercent)}`,
    tone: (s) => toneOf(s.medianPctGap),
  },
  {
    title: 'Median gap [CI]',
    field: 'medianGap',
    cell: (s) => `${formatPounds(s.medianGap)} ${interval(s.medianGapCi, plainPounds)}`,
  },
  {
    title: '% down [CI]',
    field: 'downShare',
    cell: (s) => `${formatShare(s.downShare)} ${interval(s.downShareCi, plainShare)}`,
  },
  {
    title: 'Sign test p',
    field: 'signTestP',
    cell: (s) => pWithHolm(s.signTestP, s.signTestPHolm),
  },
  { title: 'Wilcoxon p', field: 'wilcoxonP', cell: (s) => pWithHolm(s.wilcoxonP, s.wilcoxonPHolm) },
  {
    title: 'Spearman',
    field: 'agreement',
    cell: (s) => formatNumber(s.agreement?.spearman ?? null, 2),
  },
  { title: 'R²', field: 'agreement', cell: (s) => formatNumber(s.agreement?.rSquared ?? null, 2) },
  {
    title: 'Bias [limits of agreement]',
    field: 'agreement',
    cell: (s) => {
      const agreement = s.agreement;
      if (!agreement || agreement.bias === null) return '–';
      const show = agreement.scale === 'ratio' ? plainPercent : plainPounds;
      return `${show(agreement.bias)} [${show(agreement.lowerLimit!)}, ${show(agreement.upperLimit!)}]`;
    },
  },
];

/**
 * One sentence on whether the groups of a breakdown differ, saying what the test shows and what
 * it does not.
 */
export function describeComparison(comparison: Comparison, groupLabels: string[]): string {
  const kw = comparison.kruskalWallis;
  const parts: string[] = [];
  if (kw) {
    parts.push(
      `Kruskal–Wallis on % gap across ${groupLabels.length} groups: H = ${formatNumber(kw.statistic, 2)}, df = ${kw.df}, ${pEquals(kw.p)}`,
    );
  }
  const two = comparison.twoGroups;
  if (two) {
    parts.push(
      `${groupLabels[0]} against ${groupLabels[1]}: Mann–Whitney ${pEquals(two.mannWhitneyP)}, Hodges–Lehmann shift ${formatPercent(two.hodgesLehmann)} points ${interval(two.hodgesLehmannCi, plainPercent)}, rank-biserial ${formatNumber(two.rankBiserial, 2)}`,
    );
  }
  return parts.join('. ') + (parts.length > 0 ? '.' : '');
}

/** `p = 0.046` or `p < 0.001`, for sentences. */
export function pEquals(p: number | null): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p ${text.replace('<', '< ')}` : `p = ${text}`;
}

/** Said under a breakdown whose small groups are left out (see src/disclose/suppress.ts). */
export function leftOutNote(minCount: number | null): string {
  return `Groups of fewer than ${minCount ?? 'k'} people are left out of this breakdown: their labels alone would give their sizes away.`;
}

/**
 * Says why each [c] of a table is there, naming the group and the columns, for every format that
 * prints tables: "[c] fewer than 5 people: Unknown (Same); hidden so that a small figure elsewhere
 * cannot be worked back: 18-64 (Up, Same)". Null when nothing is withheld.
 *
 * @example
 * withheldNote([['65+', group]], DISPLAY_COLUMNS, 5)
 */
export function withheldNote(
  rows: [string, RowFigures][],
  columns: DisplayColumn[],
  minCount: number | null,
): string | null {
  const byReason = new Map<WithheldReason, string[]>();
  for (const [label, figures] of rows) {
    const withheld = figures.withheld ?? {};
    const reasons = new Map<WithheldReason, string[]>();
    for (const column of columns) {
      const reason = withheld[column.field];
      if (reason === undefined) continue;
      const titles = reasons.get(reason) ?? [];
      if (!titles.includes(column.title)) titles.push(column.title);
      reasons.set(reason, titles);
    }
    for (const [reason, titles] of reasons) {
      // A group shown only by its label: named once, not column by column.
      const all = reason === 'fewer-than-k' && withheld.n === 'fewer-than-k';
      byReason.set(reason, [
        ...(byReason.get(reason) ?? []),
        all ? label : `${label} (${titles.join(', ')})`,
      ]);
    }
  }
  if (byReason.size === 0) return null;
  const words = (reason: WithheldReason): string =>
    reason === 'fewer-than-k' && minCount !== null
      ? `fewer than ${minCount} people`
      : WITHHELD_MEANINGS[reason];
  const sentence = (text: string): string => text[0].toUpperCase() + text.slice(1);
  return `[c] ${[...byReason].map(([reason, labels]) => `${sentence(words(reason))}: ${labels.join('; ')}`).join('. ')}.`;
}
