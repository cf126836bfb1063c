/**
 * records -> the exact trend tests of `rasgap trend`: for each group of one dimension (or all
 * records), whether the share moved down changes over the periods (Cochran–Armitage, as R's
 * `prop.trend.test`) and whether the % gap does (Kendall's tau-b against the period, as R's
 * `cor.test(method = "kendall", exact = FALSE, continuity = FALSE)`). The per-period figures come
 * from the analysis of the crossed breakdown group × period; these tests need the records
 * themselves. Exact figures: src/disclose/trend.ts decides what is published.
 */
import type { RecordTable } from '../ingest/records.js';
import type { GroupMap } from '../ingest/clientGroups.js';
import type { Analysis } from './analyse.js';
import { DOWN } from './gaps.js';
import { dimensionColumns, type Dimension } from './dimensions.js';
import { groupRows } from './groups.js';
import { cochranArmitage, type TrendTest } from './stats/cochranArmitage.js';
import { kendallTauB, type KendallResult } from './stats/kendall.js';

/** The periods a trend is taken over. */
export const TREND_PERIODS = ['financialYear', 'quarter'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export interface TrendSettings {
  /** The groups: one dimension, or null for all records as one group. */
  by: Dimension | null;
  every: TrendPeriod;
  groupMap?: GroupMap;
}

export interface ExactTrendGroup {
  key: Partial<Record<Dimension, string>>;
  label: string;
  /** Records of the group with a date agreed, and moved down, in each period of `periods`. */
  n: number[];
  down: number[];
  /** Share moved down against the score 0, 1, 2, … of the period. */
  cochranArmitage: TrendTest;
  /** % gap (records with a date and a non-zero indicative budget) against the period's score. */
  kendall: KendallResult;
}

export interface ExactTrend {
  by: Dimension | null;
  every: TrendPeriod;
  /**
   * Every period from the first date agreed of the records used to the last, empty ones too, in
   * order: the score of a period is its position here, so scores are time. Records without a
   * date agreed are in no period and in neither test.
   */
  periods: string[];
  groups: ExactTrendGroup[];
}

/**
 * @example
 * const trend = trendTests(table, analysis, { by: 'clientGroup', every: 'financialYear' });
 * trend.groups[0].cochranArmitage.p
 */
export function trendTests(
  table: RecordTable,
  analysis: Pick<Analysis, 'gaps' | 'used'>,
  settings: TrendSettings,
): ExactTrend {
  const { columns } = dimensionColumns(table, settings.groupMap ?? {});
  const periodColumn = columns[settings.every];
  // The last label of a period column is Unknown (no date agreed).
  const unknown = periodColumn.labels.length - 1;
  const used = usedRows(analysis.used);
  let first = Infinity;
  let last = -Infinity;
  for (const row of used) {
    const code = periodColumn.codes[row];
    if (code === unknown) continue;
    if (code < first) first = code;
    if (code > last) last = code;
  }
  const span = Number.isFinite(first) ? last - first + 1 : 0;
  const periods = periodColumn.labels.slice(first, first + span);

  const groups = settings.by
    ? groupRows(columns, used, [settings.by])
    : [{ key: {}, label: 'All records', rows: used }];
  return {
    by: settings.by,
    every: settings.every,
    periods,
    groups: groups.map(({ key, label, rows }) => {
      const n = new Array<number>(span).fill(0);
      const down = new Array<number>(span).fill(0);
      const scores = new Float64Array(rows.length);
      const pcts = new Float64Array(rows.length);
      let dated = 0;
      for (const row of rows) {
        const code = periodColumn.codes[row];
        if (code === unknown) continue;
        const score = code - first;
        n[score]++;
        if (analysis.gaps.direction[row] === DOWN) down[score]++;
        // A zero indicative budget has no % gap (NaN): Kendall leaves the pair out.
        scores[dated] = score;
        pcts[dated++] = analysis.gaps.pctGap[row];
      }
      return {
        key,
        label,
        n,
        down,
        cochranArmitage: cochranArmitage(down, n),
        kendall: kendallTauB(scores.subarray(0, dated), pcts.subarray(0, dated)),
      };
    }),
  };
}

function usedRows(used: Uint8Array): Uint32Array {
  let count = 0;
  for (const flag of used) count += flag;
  const rows = new Uint32Array(count);
  for (let row = 0, k = 0; row < used.length; row++) if (used[row] === 1) rows[k++] = row;
  return rows;
}
