/**
 * The columns that the human-readable formats show for each group, declared once so that the
 * terminal table and the markdown agree: the main figures, and the intervals and tests.
 */
import type { Comparison } from '../analysis/compare.js';
import { RasgapError } from '../errors.js';
import {
  WITHHELD_MEANINGS,
  type PublishedFigures,
  type PublishedGroup,
  type WithheldReason,
} from '../disclose/types.js';
import type { Interval } from '../analysis/stats/intervals.js';
import { bandLayout, type GapBandLayout } from '../analysis/councils.js';
import type { FunnelPosition } from '../analysis/stats/funnel.js';
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
  Partial<Pick<PublishedGroup, 'signTestPHolm' | 'wilcoxonPHolm' | 'funnel'>>;

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

/**
 * A band's name for a column title: `Cut >10%`, `Cut ≤10%`, `Same`, `Raised 10–25%`.
 *
 * @example
 * bandTitle({ direction: 'down', from: null, to: -10 }) // 'Cut >10%'
 */
export function bandTitle(band: GapBandLayout['bands'][number]): string {
  const size = (edge: number | null): number => Math.abs(edge ?? 0);
  if (band.direction === 'unchanged') return 'Unchanged';
  const word = band.direction === 'down' ? 'Cut' : 'Raised';
  // Cuts run from the larger cut (from) to the smaller (to); rises from the smaller up.
  const [small, large] = band.direction === 'down' ? [band.to, band.from] : [band.from, band.to];
  if (large === null) return `${word} >${size(small)}%`;
  if (small === 0) return `${word} ≤${size(large)}%`;
  return `${word} ${size(small)}–${size(large)}%`;
}

/**
 * One column per gap band: the number of people in it (`bands[i]` of the row).
 *
 * @example
 * bandColumns(bandLayout()).map((column) => column.title)
 * // ['Cut >10%', 'Cut ≤10%', 'Unchanged', 'Raised ≤10%', 'Raised >10%']
 */
export function bandColumns(layout: GapBandLayout): DisplayColumn[] {
  return layout.bands.map((band, i) => ({
    title: bandTitle(band),
    field: `bands[${i}]`,
    cell: (s: RowFigures) => formatCount(s.bands?.[i] ?? null),
    tone: (s: RowFigures): Tone =>
      (s.bands?.[i] ?? 0) > 0 && band.direction !== 'unchanged' ? band.direction : 'none',
  }));
}

/** The funnel plot's verdict on a council, as the table marks it. */
export const FUNNEL_MARKS: Record<FunnelPosition, string> = {
  'above-99.8': '▲▲ above 99.8%',
  'above-95': '▲ above 95%',
  within: 'within',
  'below-95': '▼ below 95%',
  'below-99.8': '▼▼ below 99.8%',
};

/** The column that marks a council outside the funnel plot's limits (breakdowns by source). */
export const FUNNEL_COLUMN: DisplayColumn = {
  title: 'Funnel',
  field: 'funnel',
  cell: (s) => (s.funnel ? FUNNEL_MARKS[s.funnel.position] : '–'),
  tone: (s) =>
    s.funnel?.position.startsWith('above')
      ? 'down'
      : s.funnel?.position.startsWith('below')
        ? 'up'
        : 'none',
};

/**
 * Said under a breakdown by source: what the funnel marks mean. Null when no group has a funnel.
 *
 * @example
 * funnelNote(groups) // 'Funnel: each council's share moved down against ...'
 */
export function funnelNote(rows: RowFigures[]): string | null {
  const funnel = rows.find((row) => row.funnel)?.funnel;
  if (!rows.some((row) => 'funnel' in row)) return null;
  const target = funnel ? ` (${formatShare(funnel.target)})` : '';
  return `Funnel: each council's share moved down against limits around the share over all councils${target} at its number of people: ▲ above and ▼ below the 95% limits, ▲▲ and ▼▼ beyond the 99.8% ones (about 1 council in 20, and 1 in 500, falls outside by chance alone). Methods: docs/methods.md.`;
}

/** One column of the terminal table, named by a stable key for `--columns`. */
export interface TableColumn extends DisplayColumn {
  key: string;
  /** The title broken over lines (`\n`) for a narrow column. */
  narrowTitle?: string;
  /**
   * Which table it joins when every column is shown: the reader's first, amounts, tests, or the
   * gap bands.
   */
  section: 'main' | 'amounts' | 'tests' | 'bands';
  /** Only computed with the intervals and tests (not with `--no-tests`). */
  needsTests?: boolean;
  /** What it shows, for `--help`. */
  help: string;
}

/** The sign test's p: Holm-adjusted across a breakdown's groups, as is (one test) overall. */
const holmP = (s: RowFigures): string =>
  formatP(s.signTestPHolm !== undefined ? s.signTestPHolm : (s.signTestP ?? null));

const shareTone =
  (field: 'upShare' | 'downShare', tone: Tone) =>
  (s: RowFigures): Tone =>
    (s[field] ?? 0) > 0 ? tone : 'none';

/**
 * The terminal table's columns in the order they are shown, each with its key. With tests, the
 * median % gap and median gap carry their intervals. The key `bands` is one column per gap band
 * of `layout`; `funnel` shows only in a breakdown by source.
 *
 * @example
 * tableColumns(true).map((column) => column.key) // ['n', 'up', 'same', 'down', ...]
 */
export function tableColumns(
  withTests: boolean,
  layout: GapBandLayout = bandLayout(),
): TableColumn[] {
  const ci = withTests ? ' [CI]' : '';
  return [
    {
      key: 'n',
      title: 'n',
      field: 'n',
      section: 'main',
      help: 'people',
      cell: (s) => formatCount(s.n),
    },
    {
      key: 'up',
      title: '% up',
      field: 'upShare',
      section: 'main',
      help: 'share moderated up',
      cell: (s) => formatShare(s.upShare),
      tone: shareTone('upShare', 'up'),
    },
    {
      key: 'same',
      title: '% same',
      narrowTitle: '%\nsame',
      field: 'unchangedShare',
      section: 'main',
      help: 'share unchanged',
      cell: (s) => formatShare(s.unchangedShare),
    },
    {
      key: 'down',
      title: '% down',
      narrowTitle: '%\ndown',
      field: 'downShare',
      section: 'main',
      help: 'share moderated down',
      cell: (s) => formatShare(s.downShare),
      tone: shareTone('downShare', 'down'),
    },
    {
      key: 'up-count',
      title: 'Up',
      field: 'up',
      section: 'amounts',
      help: 'number moderated up',
      cell: (s) => formatCount(s.up),
      tone: (s) => ((s.up ?? 0) > 0 ? 'up' : 'none'),
    },
    {
      key: 'same-count',
      title: 'Same',
      field: 'unchanged',
      section: 'amounts',
      help: 'number unchanged',
      cell: (s) => formatCount(s.unchanged),
    },
    {
      key: 'down-count',
      title: 'Down',
      field: 'down',
      section: 'amounts',
      help: 'number moderated down',
      cell: (s) => formatCount(s.down),
      tone: (s) => ((s.down ?? 0) > 0 ? 'down' : 'none'),
    },
    {
      key: 'median',
      title: `Median % gap${ci}`,
      narrowTitle: withTests ? 'Median % gap\n[CI]' : 'Median\n% gap',
      field: 'medianPctGap',
      section: 'main',
      help: 'median % gap, with its interval',
      cell: (s) =>
        withTests
          ? `${formatPercent(s.medianPctGap)} ${interval(s.medianPctGapCi, plainPercent)}`
          : formatPercent(s.medianPctGap),
      tone: (s) => toneOf(s.medianPctGap),
    },
    {
      key: 'median-gap',
      title: `Median gap${ci}`,
      narrowTitle: withTests ? 'Median gap\n[CI]' : 'Median\ngap',
      field: 'medianGap',
      section: 'amounts',
      help: 'median gap in pounds, with its interval',
      cell: (s) =>
        withTests
          ? `${formatPounds(s.medianGap)} ${interval(s.medianGapCi, plainPounds)}`
          : formatPounds(s.medianGap),
      tone: (s) => toneOf(s.medianGap),
    },
    {
      key: 'mean',
      title: 'Mean % gap',
      narrowTitle: 'Mean\n% gap',
      field: 'meanPctGap',
      section: 'amounts',
      help: 'mean % gap',
      cell: (s) => formatPercent(s.meanPctGap),
      tone: (s) => toneOf(s.meanPctGap),
    },
    {
      key: 'money',
      title: 'Money-weighted',
      narrowTitle: 'Money-\nweighted',
      field: 'netGapPct',
      section: 'main',
      help: 'total actual / total indicative - 1',
      cell: (s) => formatPercent(s.netGapPct),
      tone: (s) => toneOf(s.netGapPct),
    },
    {
      key: 'total-indicative',
      title: 'Total indicative',
      narrowTitle: 'Total\nindicative',
      field: 'totalIndicative',
      section: 'amounts',
      help: 'sum of indicative budgets',
      cell: (s) => formatPounds(s.totalIndicative),
    },
    {
      key: 'total-actual',
      title: 'Total actual',
      narrowTitle: 'Total\nactual',
      field: 'totalActual',
      section: 'amounts',
      help: 'sum of actual budgets',
      cell: (s) => formatPounds(s.totalActual),
    },
    {
      key: 'zero',
      title: 'Zero indicative',
      narrowTitle: 'Zero\nindicative',
      field: 'zeroIndicative',
      section: 'amounts',
      help: 'records with a zero indicative budget (left out of % gaps, in the money-weighted change)',
      cell: (s) => formatCount(s.zeroIndicative),
    },
    {
      key: 'down-ci',
      title: '% down [CI]',
      narrowTitle: '% down\n[CI]',
      field: 'downShare',
      section: 'tests',
      needsTests: true,
      help: 'share moderated down with its interval',
      cell: (s) => `${formatShare(s.downShare)} ${interval(s.downShareCi, plainShare)}`,
    },
    {
      key: 'p',
      title: 'p',
      field: 'signTestP',
      section: 'main',
      needsTests: true,
      help: "sign test of 'as many up as down', Holm-adjusted across a breakdown's groups",
      cell: holmP,
    },
    {
      key: 'sign-p',
      title: 'Sign test p',
      narrowTitle: 'Sign\ntest p',
      field: 'signTestP',
      section: 'tests',
      needsTests: true,
      help: 'sign test p, Holm-adjusted in brackets',
      cell: (s) => pWithHolm(s.signTestP, s.signTestPHolm),
    },
    {
      key: 'wilcoxon-p',
      title: 'Wilcoxon p',
      narrowTitle: 'Wilcoxon\np',
      field: 'wilcoxonP',
      section: 'tests',
      needsTests: true,
      help: 'Wilcoxon signed-rank p, Holm-adjusted in brackets',
      cell: (s) => pWithHolm(s.wilcoxonP, s.wilcoxonPHolm),
    },
    {
      ...FUNNEL_COLUMN,
      key: 'funnel',
      section: 'main',
      help: 'in a breakdown by source: a council above (▲) or below (▼) the funnel plot’s 95% or 99.8% (▲▲ ▼▼) limits of the share moved down',
    },
    ...bandColumns(layout).map((column): TableColumn => ({
      ...column,
      key: 'bands',
      section: 'bands',
      help: 'people in each gap band (--bands)',
    })),
    ...INFERENCE_COLUMNS.slice(-3).map((column, i): TableColumn => ({
      ...column,
      key: ['spearman', 'r2', 'bias'][i],
      narrowTitle: [undefined, undefined, 'Bias [limits\nof agreement]'][i],
      section: 'tests',
      needsTests: true,
      help: [
        'Spearman correlation of indicative and actual',
        'R² of the calibration line',
        'Bland–Altman bias [limits of agreement]',
      ][i],
    })),
  ];
}

/** Every key `--columns` takes, in the order the table shows them. */
export const COLUMN_KEYS: readonly string[] = [
  ...new Set(tableColumns(true).map((column) => column.key)),
];

/** The columns a reader needs first, shown whenever they fit. */
export const ESSENTIAL_COLUMNS: readonly string[] = [
  'n',
  'up',
  'same',
  'down',
  'median',
  'money',
  'p',
  'funnel',
];

/**
 * The further columns, most useful first, added while they fit the terminal: the counts and the
 * totals come together or not at all.
 */
export const EXTRA_COLUMNS: readonly (readonly string[])[] = [
  ['median-gap'],
  ['mean'],
  ['down-ci'],
  ['up-count', 'same-count', 'down-count'],
  ['wilcoxon-p'],
  ['total-indicative', 'total-actual'],
  ['spearman', 'r2'],
  ['bias'],
  ['sign-p'],
  ['bands'],
];

/**
 * The keys of `--columns a,b,c` (a list or one comma-separated text), checked: an unknown key is
 * a usage error naming the valid ones.
 *
 * @example
 * parseColumnKeys('n,down,median') // ['n', 'down', 'median']
 * parseColumnKeys('n,pvalue') // throws RasgapError USAGE: unknown column "pvalue" in --columns
 */
export function parseColumnKeys(list: string | readonly string[]): string[] {
  const keys = (typeof list === 'string' ? [list] : list)
    .flatMap((item) => item.split(','))
    .map((key) => key.trim().toLowerCase())
    .filter((key) => key !== '');
  const unknown = keys.filter((key) => !COLUMN_KEYS.includes(key));
  if (unknown.length > 0 || keys.length === 0) {
    throw new RasgapError(
      'USAGE',
      unknown.length > 0
        ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')} in --columns`
        : '--columns needs at least one column',
      { fix: `use a comma-separated list of ${COLUMN_KEYS.join(', ')}` },
    );
  }
  return [...new Set(keys)];
}

/**
 * The help text of `--columns`: each key and what it shows.
 *
 * @example
 * columnsHelp() // 'n (people), up (share moderated up), ...'
 */
export function columnsHelp(): string {
  const columns = tableColumns(true);
  return COLUMN_KEYS.map((key) => `${key} (${columns.find((c) => c.key === key)!.help})`).join(
    ', ',
  );
}
