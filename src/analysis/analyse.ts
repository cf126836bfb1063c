/**
 * records -> gaps -> groups -> statistics, in one pure function over the table that ingest built.
 */
import { RasgapError } from '../errors.js';
import type { DetailMaker, ExclusionLedger, ExclusionReason } from '../ingest/exclusions.js';
import type { RecordTable, WithoutAmount } from '../ingest/records.js';
import { supersededDetail, type DuplicatePolicy } from './duplicates.js';
import { selectRecords, type AppliedFilters, type RecordFilters } from './filter.js';
import { computeGaps, type Gaps } from './gaps.js';
import { dimensionColumns, type ClientGroupLabel } from './dimensions.js';
import { groupRows, type Dimension } from './groups.js';
import type { GroupMap } from '../ingest/clientGroups.js';
import { summarise, type GroupStatistics } from './summary.js';
import { newScratch, workingValues, type InferenceSettings } from './inference.js';
import { groupCodes, measureOrders, splitOrders, type MeasureOrders } from './orders.js';
import { compareGroupsAlong, type Comparison } from './compare.js';
import { holm } from './stats/tests.js';
import { chartData, type ChartData } from './charts.js';
import { roundingSlack, type Tolerance } from './tolerance.js';
import {
  bandCounts,
  bandLayout,
  councilFunnel,
  type Funnel,
  type GapBandLayout,
} from './councils.js';
import { sortBuffers } from './stats/ranks.js';
import { PERIODS_PER_YEAR, type Period } from '../ingest/period.js';

/**
 * The unit of amounts shown: per week, fortnight, four weeks, month or year (52 weeks a year, a
 * month a twelfth of it), or as given when the input never said.
 */
export type OutputPeriod = Period | 'not-stated';

export interface AnalysisOptions {
  /** The unit of every amount shown: per week (annual / 52), per month (annual / 12), ... */
  period: OutputPeriod;
  tolerance: Tolerance;
  duplicates: DuplicatePolicy;
  /** `--from`, `--to` and `--where` (src/analysis/filter.ts). */
  filters?: RecordFilters;
  /** The breakdowns to report, each a list of dimensions crossed. */
  breakdowns: Dimension[][];
  /** A council's own client-group labels mapped to canonical ones (`--group-map`). */
  groupMap?: GroupMap;
  /** Intervals, tests and agreement; null leaves them out (`--no-tests`). */
  inference?: InferenceSettings | null;
  /** Compute the exact data the HTML report's charts draw. */
  charts?: boolean;
  /**
   * Edges of the gap bands in % gap (`--bands`; default -10, 0, 10); null for no gap bands at all
   * (no band counts, so no band cells to publish or protect: `trend`, which shows none).
   */
  bandEdges?: readonly number[] | null;
}

export type GroupSummary = GroupStatistics & {
  key: Partial<Record<Dimension, string>>;
  label: string;
  /** Holm-adjusted across the groups of the breakdown. */
  signTestPHolm?: number | null;
  wilcoxonPHolm?: number | null;
  /** In a breakdown by source alone: the council on the funnel plot of the share moved down. */
  funnel?: Funnel | null;
};

export interface Breakdown {
  by: Dimension[];
  groups: GroupSummary[];
  /** Do the groups differ in % gap? Left out with `--no-tests`. */
  comparison?: Comparison;
}

export interface RowAccount {
  read: number;
  used: number;
  excluded: number;
  exclusions: { reason: ExclusionReason; count: number; lines: number[]; sources: number[] }[];
  /**
   * Records used that count as unchanged only because their amounts agree to the precision the
   * export wrote them in (e.g. £5,843 a year beside £112.37 a week), not to the penny.
   */
  unchangedWithinRounding: number;
}

export interface Analysis {
  period: OutputPeriod;
  /** The filters as applied (none: nulls and an empty list). */
  filters: AppliedFilters;
  rows: RowAccount;
  /** Used rows per input file, in input order. */
  rowsUsedBySource: number[];
  overall: GroupStatistics;
  breakdowns: Breakdown[];
  /** Every client-group label as written, its canonical label (null: not known) and count. */
  clientGroups: ClientGroupLabel[];
  charts?: ChartData;
  /** The gap bands each row's `bands` counts. */
  gapBands: GapBandLayout;
  /** Per-record results, for exports and further statistics. */
  gaps: Gaps;
  used: Uint8Array;
  /** People whose latest row had no usable amount, an earlier record of theirs used instead. */
  earlierUsed: number;
}

/** Table units (pence per year, or pence as given) -> pounds in the output period. */
export function unitsPerPound(period: OutputPeriod): number {
  return period === 'not-stated' ? 100 : 100 * PERIODS_PER_YEAR[period];
}

/**
 * @param rowsRead data rows read from each input file (used + excluded so far)
 *
 * @example
 * const analysis = analyseTable(table, ledger, [2000], {
 *   period: 'week', tolerance: { kind: 'pounds', pounds: 0 }, duplicates: 'latest',
 *   breakdowns: [['ageBand']],
 * });
 */
export function analyseTable(
  table: RecordTable,
  ledger: ExclusionLedger,
  rowsRead: number[],
  options: AnalysisOptions,
): Analysis {
  const dimensions = dimensionColumns(table, options.groupMap ?? {});
  const selection = selectRecords(
    table,
    dimensions,
    options.duplicates,
    options.filters,
    options.groupMap,
  );
  const { used, excluded } = selection;
  // A superseded record's detail is built only when the ledger is written.
  const superseded = ledger.maker(supersededMaker(table));
  for (const item of excluded) {
    const { row } = item;
    if (item.winner !== undefined) {
      ledger.addDeferred(
        table.source[row],
        table.line[row],
        item.reason,
        superseded,
        row,
        item.winner,
      );
    } else ledger.add(table.source[row], table.line[row], item.reason, item.detail);
  }
  const earlierUsed = options.duplicates === 'latest' ? markEarlierUsed(table, used, ledger) : 0;

  const perPound = unitsPerPound(options.period);
  const toleranceUnits =
    options.tolerance.kind === 'pounds' ? Math.round(options.tolerance.pounds * perPound) : 0;
  const gaps = computeGaps(table, options.tolerance, toleranceUnits, roundingSlack(table));

  let usedCount = 0;
  let withinRounding = 0;
  for (let row = 0; row < table.count; row++) {
    usedCount += used[row];
    withinRounding += used[row] & gaps.withinRounding[row];
  }
  const usedRows = new Uint32Array(usedCount);
  const rowsUsedBySource = rowsRead.map(() => 0);
  for (let row = 0, k = 0; row < table.count; row++) {
    if (used[row] === 1) {
      usedRows[k++] = row;
      rowsUsedBySource[table.source[row]]++;
    }
  }

  const read = rowsRead.reduce((sum, count) => sum + count, 0);
  const account: RowAccount = {
    read,
    used: usedCount,
    excluded: ledger.length,
    exclusions: ledger.summary(),
    unchangedWithinRounding: withinRounding,
  };
  if (account.used + account.excluded !== account.read) {
    // Every row must be used or excluded; a mismatch is a bug, never something to print over.
    throw new Error(
      `row accounting failed: ${account.read} read, ${account.used} used, ${account.excluded} excluded`,
    );
  }
  if (usedCount === 0) {
    const reasons = account.exclusions.map((e) => `${e.count} ${e.reason}`).join(', ');
    throw new RasgapError(
      'NO_USABLE_ROWS',
      read === 0
        ? 'the file has a header but no data rows'
        : `none of the ${read} rows could be used (${reasons})`,
      { fix: 'run with --exclusions excluded.csv to see why each row was left out' },
    );
  }

  const { columns } = dimensions;
  const { clientGroups } = selection;
  const inference = options.inference ?? null;
  // With tests, each measure is sorted once here and every group reads its order from that.
  const scratch = inference ? newScratch(table.count, usedCount) : undefined;
  const buffers = inference ? sortBuffers(usedCount) : undefined;
  const orders =
    scratch && measureOrders(usedRows, table, gaps, buffers, workingValues(scratch, 0, usedCount));
  const layout = bandLayout(options.bandEdges);
  // Each breakdown's split orders are done with before the next breakdown: one set serves all,
  // four of them the sorts' working arrays, which are free once the measures are sorted.
  const splitBuffers: MeasureOrders | undefined = orders &&
    buffers && {
      gap: buffers.low.subarray(0, orders.gap.length),
      pct: buffers.high.subarray(0, orders.pct.length),
      absGap: buffers.order.subarray(0, orders.absGap.length),
      indicative: buffers.spare.subarray(0, orders.indicative.length),
      actual: new Uint32Array(orders.actual.length),
    };
  const breakdowns = options.breakdowns.map((by): Breakdown => {
    const grouped = groupRows(columns, usedRows, by);
    let groupOrders: MeasureOrders[] | undefined;
    let comparison: Comparison | undefined;
    if (orders && scratch && inference) {
      // Each row's group in this breakdown. The summaries' place of each row (`position`) is not
      // needed until they start, so one table-long array serves both.
      const groupOf = groupCodes(scratch.position.buffer, table.count, grouped.length);
      grouped.forEach((group, index) => {
        for (let k = 0; k < group.rows.length; k++) groupOf[group.rows[k]] = index;
      });
      groupOrders = splitOrders(orders, groupOf, grouped.length, splitBuffers);
      // Before the summaries, which write each row's place over groupOf.
      comparison = compareGroupsAlong(
        orders.pct,
        gaps.pctGap,
        groupOf,
        grouped.length,
        inference.confidence,
        () => grouped.map((group) => pctGapsOf(group.rows, gaps.pctGap)),
      );
    }
    const groups: GroupSummary[] = grouped.map((group, index) => ({
      key: group.key,
      label: group.label,
      ...summarise(group.rows, table, gaps, perPound, inference, groupOrders?.[index], scratch),
      bands: bandCounts(group.rows, gaps, table, layout.edges),
    }));
    if (comparison === undefined) return { by, groups };
    const signHolm = holm(groups.map((group) => group.signTestP ?? null));
    const wilcoxonHolm = holm(groups.map((group) => group.wilcoxonP ?? null));
    groups.forEach((group, index) => {
      group.signTestPHolm = signHolm[index];
      group.wilcoxonPHolm = wilcoxonHolm[index];
    });
    return { by, groups, comparison };
  });
  const overall = summarise(usedRows, table, gaps, perPound, inference, orders, scratch);
  overall.bands = bandCounts(usedRows, gaps, table, layout.edges);
  // Councils side by side: each against the pooled share moved down over all of them.
  for (const breakdown of breakdowns) {
    if (breakdown.by.length !== 1 || breakdown.by[0] !== 'source') continue;
    for (const group of breakdown.groups) {
      group.funnel = councilFunnel(overall.downShare, group.n, group.downShare);
    }
  }
  let charts: ChartData | undefined;
  if (options.charts) {
    // A chart set for every breakdown, in the report's order.
    const split = options.breakdowns.map((by) => ({
      by,
      groups: groupRows(columns, usedRows, by),
    }));
    charts = chartData(table, gaps, usedRows, split, perPound);
  }

  return {
    period: options.period,
    filters: selection.filters,
    rows: account,
    rowsUsedBySource,
    overall,
    breakdowns,
    clientGroups,
    charts,
    gapBands: layout,
    gaps,
    used,
    earlierUsed,
  };
}

/**
 * The ledger's maker of superseded records' details. Made here, not inside analyseTable: a closure
 * there would share analyseTable's context, and the ledger (kept to the end of the run) would keep
 * every working array of the analysis alive with it.
 */
function supersededMaker(table: RecordTable): DetailMaker {
  return (row, winner) => supersededDetail(table, row, winner);
}

/**
 * People whose latest row was left out for its amount (blank, suppressed, not a number) while an
 * earlier record of theirs is used: each such row's exclusion detail names the line used, and the
 * count is returned for a warning. Records without a date count as older, and on equal dates the
 * later line is the later record, as when duplicates are resolved.
 */
function markEarlierUsed(table: RecordTable, used: Uint8Array, ledger: ExclusionLedger): number {
  const items = table.withoutAmount ?? [];
  if (items.length === 0) return 0;
  const usedRowOf = new Int32Array(table.personIds.length).fill(-1);
  for (let row = 0; row < table.count; row++) {
    if (used[row] === 1 && table.person[row] >= 0) usedRowOf[table.person[row]] = row;
  }
  const later = (item: WithoutAmount, row: number): boolean => {
    if (Number.isNaN(item.date)) return false;
    const date = table.dateAgreed[row];
    if (Number.isNaN(date) || item.date > date) return true;
    if (item.date < date) return false;
    return (
      item.source > table.source[row] ||
      (item.source === table.source[row] && item.line > table.line[row])
    );
  };
  const people = new Set<number>();
  for (const item of items) {
    const row = usedRowOf[item.person];
    if (row < 0 || !later(item, row)) continue;
    people.add(item.person);
    // Once, however often the table is analysed.
    if (ledger.detail(item.entry).includes('; an earlier record')) continue;
    const file = table.sourceFiles.length > 1 ? ` of ${table.sourceFiles[table.source[row]]}` : '';
    ledger.appendDetail(
      item.entry,
      `; an earlier record of this person is used (line ${table.line[row]}${file})`,
    );
  }
  return people.size;
}

/** The % gaps of some rows, leaving out zero indicative budgets (NaN). */
export function pctGapsOf(rows: Uint32Array, pctGap: Float64Array): Float64Array {
  const values = new Float64Array(rows.length);
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const value = pctGap[rows[k]];
    if (!Number.isNaN(value)) values[count++] = value;
  }
  return values.subarray(0, count);
}
