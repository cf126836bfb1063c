/**
 * The published report: what every format renders. Each protected figure may be null, and each
 * row says which of its figures were withheld and why.
 */
import type { Breakdown, GroupSummary } from '../analysis/analyse.js';
import type { ClientGroupLabel } from '../analysis/dimensions.js';
import type { ExactReport } from '../analysis/report.js';
import type { GroupStatistics } from '../analysis/summary.js';
import type { ExclusionReason } from '../ingest/exclusions.js';
import type { FunnelLimits, FunnelPosition } from '../analysis/stats/funnel.js';

/**
 * Why a figure is withheld:
 * - `fewer-than-k`: any figure of a group of fewer than k records (it shows only its label);
 * - `small-or-secondary`: an up, down, unchanged or zero-indicative count (or what gives it back)
 *   of a group that shows its figures: either from 1 to k - 1, or hidden so that such a count
 *   cannot be worked back. Which of the two is not said: saying it would narrow the count down;
 * - `dominance`: a money total that one or two budgets dominate (the p% rule), or what gives it;
 * - `secondary`: hidden so that a figure withheld for another reason cannot be worked back;
 * - `rounding`: an exact figure that would undo `--round-counts`.
 */
export type WithheldReason =
  'fewer-than-k' | 'small-or-secondary' | 'dominance' | 'secondary' | 'rounding';

export const WITHHELD_MEANINGS: Record<WithheldReason, string> = {
  'fewer-than-k': 'fewer than k people',
  'small-or-secondary':
    'a small count, or hidden so that a small count elsewhere cannot be worked back',
  dominance: 'one or two budgets would dominate the total',
  secondary: 'hidden so that a small figure elsewhere cannot be worked back',
  rounding: 'exact figure hidden because counts are rounded',
};

/** A row's figures as published: any may be null where withheld. */
export type Published<T> = {
  [K in keyof Omit<T, 'largest' | 'suppressed' | 'key' | 'label' | 'bands'>]: T[K] | null;
} & {
  /** Records in each gap band (the report's `gapBands`), each null where withheld (`bands[i]`). */
  bands?: (number | null)[];
  /** The fields shown as [c] (JSON null). */
  suppressed?: string[];
  /** Why each field in `suppressed` is withheld. */
  withheld?: Record<string, WithheldReason>;
};

export type PublishedFigures = Published<GroupStatistics>;
export type PublishedGroup = Published<GroupSummary> & Pick<GroupSummary, 'key' | 'label'>;

export interface PublishedBreakdown extends Omit<Breakdown, 'groups'> {
  groups: PublishedGroup[];
  /**
   * Groups of fewer than k people are left out of this (crossed) breakdown, not listed by their
   * labels: the labels alone would give their sizes away.
   */
  groupsLeftOut?: boolean;
}

export interface PublishedBox {
  count: number | null;
  /**
   * Null below WHISKER_MIN values (a blend with the smallest or largest value: no `withheld`), or
   * beside a hidden direction count in a small group (named in `withheld`).
   */
  p10: number | null;
  q1: number;
  median: number;
  q3: number;
  p90: number | null;
  /** Why p10 and p90 are withheld, where a publishing rule withholds them. */
  withheld?: { p10?: WithheldReason; p90?: WithheldReason };
}

export interface PublishedPlane {
  xEdges: number[];
  yEdges: number[];
  /** Null where a cell is withheld. */
  counts: (number | null)[][];
  /** People in cells not drawn or beyond the drawn range. */
  hidden: number | null;
}

export interface PublishedYear {
  year: string;
  n: number | null;
  medianPctGap: number | null;
  down: number | null;
  downShare: number | null;
  /** Wilson interval of the share moved down, from the published counts (null: not published). */
  downShareCi: [number, number] | null;
  withheld?: Record<string, WithheldReason>;
}

export type Direction = 'down' | 'unchanged' | 'up';

/**
 * One bar of the direction chart. Where two of a group's three directions are hidden, they are
 * drawn as one segment (their combined share, which n and the third give anyway).
 */
export interface DirectionBar {
  label: string;
  n: number | null;
  /** Down to up; null when the bar is withheld. */
  segments: { directions: Direction[]; share: number }[] | null;
  withheld?: WithheldReason;
}

/** One group's gap bands as shares of its n, for a stacked bar. */
export interface BandBar {
  label: string;
  n: number | null;
  /** Per band (the report's `gapBands` order); null where the band is withheld. */
  shares: (number | null)[] | null;
  /** The bands withheld and the people with no % gap (zero indicative budget), together. */
  rest: number | null;
  withheld?: WithheldReason;
}

/** The funnel plot of a breakdown by source. */
export interface FunnelChart {
  /** The overall share moved down. */
  target: number;
  /** Each council drawn: its n, share moved down, limits at its n and position. */
  points: ({ label: string; n: number; share: number; position: FunnelPosition } & FunnelLimits)[];
  /** Councils whose funnel is withheld, and why. */
  withheld: { label: string; reason: WithheldReason }[];
  /** The limits at n values from half the smallest to 1.2 × the largest council, for curves. */
  curve: ({ n: number } & FunnelLimits)[];
}

/** The charts of one breakdown: a direction bar and a % gap box per published group. */
export interface ChartBreakdown {
  /** The breakdown's dimensions, as in `breakdowns[].by`. */
  by: string[];
  direction: DirectionBar[];
  groups: { label: string; box: PublishedBox | null; withheld?: WithheldReason }[];
  /** A gap-band bar per published group. */
  bands?: BandBar[];
  /** A breakdown by source: the funnel plot. */
  funnel?: FunnelChart;
}

export interface PublishedCharts {
  /** One per published breakdown, in the same order. */
  breakdowns: ChartBreakdown[];
  scatter: PublishedPlane;
  blandAltman: PublishedPlane;
  byYear: PublishedYear[];
  /** null when suppression is off. */
  minCount: number | null;
  roundCounts: number | null;
  /** Level of the years' intervals; null with --no-tests. */
  confidence: number | null;
}

export interface Disclosure {
  suppression: boolean;
  minCount: number | null;
  roundCounts: number | null;
  /** p of the p% dominance rule for money totals. */
  dominanceP: number | null;
  /** Additive cells (counts and money totals of every row) hidden because small or dominated. */
  primaryCells: number;
  /** Further cells hidden so that none can be worked back. */
  secondaryCells: number;
  /** The price of protection: additive cells hidden, out of hidden + published. */
  cellsHidden: number;
  cellsPublished: number;
  note: string;
}

export interface PublishedReport extends Omit<
  ExactReport,
  'overall' | 'breakdowns' | 'clientGroups' | 'warnings' | 'charts' | 'rows' | 'inputs'
> {
  /** Only with --no-suppression: that the output is not for publication (the first field). */
  notice?: string;
  rows: {
    read: number | null;
    used: number | null;
    excluded: number | null;
    exclusions: {
      reason: ExclusionReason;
      count: number | null;
      lines: number[];
      files?: string[];
    }[];
    /** Records unchanged only within the export's rounding (null when hidden). */
    unchangedWithinRounding?: number | null;
  };
  inputs: (Omit<ExactReport['inputs'][number], 'rowsRead' | 'rowsUsed' | 'identifiers'> & {
    rowsRead: number | null;
    rowsUsed: number | null;
    /** The privacy guard's counts are null where the file's rows read are hidden. */
    identifiers: {
      column: string;
      kind: ExactReport['inputs'][number]['identifiers'][number]['kind'];
      count: number | null;
      checked: number | null;
    }[];
  })[];
  overall: PublishedFigures;
  breakdowns: PublishedBreakdown[];
  clientGroups: (Omit<ClientGroupLabel, 'count'> & {
    count: number | null;
    suppressed?: string[];
  })[];
  /** Worded after disclosure: a hidden count is `[c]`. */
  warnings: string[];
  disclosure: Disclosure;
  charts?: PublishedCharts;
}
