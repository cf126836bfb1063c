/**
 * The exact trend -> the published trend. Every cell (group × period) is a row of the crossed
 * breakdown of the published report, so the audited system of src/disclose protected it beside
 * the periods' margins (the breakdown by period); this stage only copies those published figures, works
 * out the Wilson interval of the share unchanged from the published counts, and publishes a
 * trend test only when every cell it rests on is published:
 * - Cochran–Armitage rests on n and the count moved down of each period of the group;
 * - Kendall's tau-b rests on every count of each period: its ties give back the records with a
 *   % gap in each period (n less zero indicative) and the records unchanged (% gaps tied at 0).
 * A period in which nobody at all was agreed (not in the breakdown by period) holds nobody of
 * any group, which a reader knows: the tests rest on no cell there.
 */
import type { Dimension } from '../analysis/dimensions.js';
import type { ExactTrend, TrendPeriod } from '../analysis/trend.js';
import { wilsonInterval } from '../analysis/stats/intervals.js';
import type { PublishedGroup, PublishedReport, WithheldReason } from './types.js';

/** One period of one group, as published: null where withheld, with the reason. */
export interface TrendCell {
  /** The period's label ("2023-24", "2023-24 Q1", or Unknown for no date agreed). */
  period: string;
  /** Its score in the trend tests (0, 1, 2, …); null for Unknown, which is in neither test. */
  score: number | null;
  n: number | null;
  up: number | null;
  down: number | null;
  unchanged: number | null;
  /** Records with a zero indicative budget: no % gap, so in the Cochran–Armitage test only. */
  zeroIndicative: number | null;
  upShare: number | null;
  upShareLow: number | null;
  upShareHigh: number | null;
  downShare: number | null;
  downShareLow: number | null;
  downShareHigh: number | null;
  unchangedShare: number | null;
  unchangedShareLow: number | null;
  unchangedShareHigh: number | null;
  /** Pounds in the report's period. */
  medianGap: number | null;
  medianGapLow: number | null;
  medianGapHigh: number | null;
  medianPctGap: number | null;
  medianPctGapLow: number | null;
  medianPctGapHigh: number | null;
  suppressed?: string[];
  withheld?: Record<string, WithheldReason>;
}

export interface TrendGroup {
  key: Partial<Record<Dimension, string>>;
  label: string;
  /** The periods of the group that are published, in order, Unknown last. */
  periods: TrendCell[];
  /** Cochran–Armitage test for trend in the share moved down (R's prop.trend.test). */
  cochranArmitageP: number | null;
  /** Its signed root: above 0 when the share moved down rises over the periods. */
  cochranArmitageZ: number | null;
  /** Kendall's tau-b of % gap against the period's score, and its two-sided p. */
  kendallTau: number | null;
  kendallP: number | null;
  suppressed?: string[];
  withheld?: Record<string, WithheldReason>;
}

export interface TrendReport extends Omit<
  PublishedReport,
  'overall' | 'breakdowns' | 'clientGroups' | 'charts' | 'gapBands'
> {
  /** The groups' dimension; null: all records as one group. */
  by: Dimension | null;
  every: TrendPeriod;
  /** Every period from the first date agreed to the last, in order: a period's score is its index. */
  periods: string[];
  /** Confidence level of the intervals. */
  confidence: number;
  groups: TrendGroup[];
  /**
   * Cells (group × period) of fewer than k people are left out, not listed by their labels: the
   * labels alone would give their sizes away. A group all of whose cells are left out is not
   * listed either.
   */
  cellsLeftOut?: boolean;
}

const CA_FIELDS = ['cochranArmitageP', 'cochranArmitageZ'] as const;
const KENDALL_FIELDS = ['kendallTau', 'kendallP'] as const;
const COUNTS = ['n', 'up', 'down', 'unchanged', 'zeroIndicative'] as const;

/**
 * @param report the published analysis with the breakdowns [by, every] and [every] (or [every]
 *   alone, when `by` is null)
 *
 * @example
 * const trend = publishTrend(report, trendTests(table, analysis, settings), settings);
 */
export function publishTrend(
  report: PublishedReport,
  exact: ExactTrend,
  settings: { suppression: boolean; roundCounts: number | null; confidence: number },
): TrendReport {
  const { by, every } = exact;
  const breakdown = (dimensions: Dimension[]): PublishedReport['breakdowns'][number] => {
    const found = report.breakdowns.find(
      (b) => b.by.length === dimensions.length && b.by.every((d, i) => d === dimensions[i]),
    );
    if (!found) throw new Error(`the trend needs the breakdown by ${dimensions.join(' × ')}`);
    return found;
  };
  const crossed = breakdown(by ? [by, every] : [every]);
  // Periods with anybody in them; the others hold nobody of any group.
  const occupied = new Set(breakdown([every]).groups.map((group) => group.key[every]));
  const score = new Map(exact.periods.map((period, index) => [period, index]));

  const cellsOf = (
    group: ExactTrend['groups'][number],
  ): PublishedReport['breakdowns'][number]['groups'] =>
    crossed.groups.filter((cell) => !by || cell.key[by] === group.key[by]);
  // A group all of whose cells are left out is not listed: its label alone would say it exists.
  const listed = exact.groups.filter((group) => cellsOf(group).length > 0);
  const groups = listed.map((group): TrendGroup => {
    const cells = cellsOf(group);
    const byPeriod = new Map(cells.map((cell) => [cell.key[every]!, cell]));
    const published: TrendGroup = {
      key: group.key,
      label: group.label,
      periods: cells.map((cell) => trendCell(cell, every, score, settings.confidence)),
      cochranArmitageP: group.cochranArmitage.p,
      cochranArmitageZ: group.cochranArmitage.z,
      kendallTau: group.kendall.tau,
      kendallP: group.kendall.p,
    };
    if (!settings.suppression) return published;
    const tested = exact.periods.filter((period) => occupied.has(period));
    const shows = (fields: readonly string[]): boolean =>
      tested.every((period) => {
        const cell = byPeriod.get(period) as Record<string, unknown> | undefined;
        return cell !== undefined && fields.every((field) => cell[field] !== null);
      });
    // A group shown only by the labels of its cells says no more; otherwise a test beside a
    // hidden cell is withheld as that cell's protection.
    const tooSmall = cells.every((cell) => cell.withheld?.n === 'fewer-than-k');
    const reason = (fields: readonly string[]): WithheldReason | null =>
      settings.roundCounts !== null
        ? 'rounding'
        : shows(fields)
          ? null
          : tooSmall
            ? 'fewer-than-k'
            : 'secondary';
    withhold(published, CA_FIELDS, reason(['n', 'down']));
    withhold(published, KENDALL_FIELDS, reason(COUNTS));
    return published;
  });

  const {
    overall: _overall,
    breakdowns: _breakdowns,
    clientGroups: _clientGroups,
    charts: _charts,
    // Trend shows no gap bands (its analysis counts none: an empty layout).
    gapBands: _gapBands,
    ...rest
  } = report;
  void [_overall, _breakdowns, _clientGroups, _charts, _gapBands];
  return {
    ...rest,
    by,
    every,
    periods: exact.periods,
    confidence: settings.confidence,
    groups,
    ...(crossed.groupsLeftOut ? { cellsLeftOut: true } : {}),
  };
}

function withhold(
  group: TrendGroup,
  fields: readonly (keyof TrendGroup)[],
  reason: WithheldReason | null,
): void {
  if (reason === null) return;
  for (const field of fields) {
    (group as unknown as Record<string, unknown>)[field] = null;
    group.suppressed = [...(group.suppressed ?? []), field];
    group.withheld = { ...group.withheld, [field]: reason };
  }
}

/** A published row of the crossed breakdown as a period of the trend (intervals flattened). */
function trendCell(
  row: PublishedGroup,
  every: TrendPeriod,
  scores: Map<string, number>,
  confidence: number,
): TrendCell {
  const period = row.key[every]!;
  const interval = (value: [number, number] | null | undefined, end: 0 | 1): number | null =>
    value ? value[end] : null;
  // From the published counts (rounded ones when counts are rounded), so it gives nothing back.
  const unchangedCi =
    row.unchanged !== null && row.n !== null && row.n > 0
      ? wilsonInterval(row.unchanged, row.n, confidence)
      : null;
  const cell: TrendCell = {
    period,
    score: scores.get(period) ?? null,
    n: row.n,
    up: row.up,
    down: row.down,
    unchanged: row.unchanged,
    zeroIndicative: row.zeroIndicative,
    upShare: row.upShare,
    upShareLow: interval(row.upShareCi, 0),
    upShareHigh: interval(row.upShareCi, 1),
    downShare: row.downShare,
    downShareLow: interval(row.downShareCi, 0),
    downShareHigh: interval(row.downShareCi, 1),
    unchangedShare: row.unchangedShare,
    unchangedShareLow: interval(unchangedCi, 0),
    unchangedShareHigh: interval(unchangedCi, 1),
    medianGap: row.medianGap,
    medianGapLow: interval(row.medianGapCi, 0),
    medianGapHigh: interval(row.medianGapCi, 1),
    medianPctGap: row.medianPctGap,
    medianPctGapLow: interval(row.medianPctGapCi, 0),
    medianPctGapHigh: interval(row.medianPctGapCi, 1),
  };
  // The row's reasons under the trend's names: an interval's for both its ends.
  const renamed: Record<string, string[]> = {
    upShareCi: ['upShareLow', 'upShareHigh'],
    downShareCi: ['downShareLow', 'downShareHigh'],
    medianGapCi: ['medianGapLow', 'medianGapHigh'],
    medianPctGapCi: ['medianPctGapLow', 'medianPctGapHigh'],
    unchangedShare: ['unchangedShare', 'unchangedShareLow', 'unchangedShareHigh'],
  };
  const withheld: Record<string, WithheldReason> = {};
  for (const [field, reason] of Object.entries(row.withheld ?? {})) {
    for (const name of renamed[field] ?? [field]) {
      if (name in cell) withheld[name] = reason;
    }
  }
  // unchanged hidden with unchangedShare published never happens (the share gives it back), but
  // the interval goes with the count either way.
  if (withheld.unchanged && !withheld.unchangedShareLow) {
    withheld.unchangedShareLow = withheld.unchanged;
    withheld.unchangedShareHigh = withheld.unchanged;
  }
  const names = Object.keys(withheld);
  if (names.length > 0) {
    cell.suppressed = names;
    cell.withheld = withheld;
  }
  return cell;
}
