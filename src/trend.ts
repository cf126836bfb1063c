/**
 * `trend`: the same reading, statistics and publishing as `analyse`, over the breakdowns group ×
 * period, group and period, then the trend tests of each group across the periods. Only
 * published figures leave this function.
 */
import { canonicalDimension, isPeriodDimension, type Dimension } from './analysis/dimensions.js';
import { TREND_PERIODS, trendTests, type TrendPeriod } from './analysis/trend.js';
import { publishTrend, type TrendReport } from './disclose/trend.js';
import { RasgapError } from './errors.js';
import { analyseWith, type AnalyseOptions } from './analyse.js';
import type { Inputs } from './ingest/source.js';
import { checkAnalyseOptions, type AnalyseOptionsInput } from './options.js';

export interface TrendOptions extends Omit<
  AnalyseOptionsInput,
  'by' | 'tests' | 'charts' | 'bands'
> {
  /**
   * The groups: one dimension (`'client-group'`, `'ageBand'`, …, not a period); left out or null
   * for all records as one group.
   */
  by?: Dimension | string | null;
  /** The periods: `'financial-year'` (default) or `'quarter'`. */
  every?: TrendPeriod | 'financial-year' | string;
  /** The time stamped in the provenance (default: now). */
  now?: Date;
  /** Told as the exports are read (as analyse's `onProgress`): for a progress line. */
  onProgress?: AnalyseOptions['onProgress'];
}

/**
 * Per group and period: n, up, down, unchanged, the shares with Wilson intervals and the median
 * gap and % gap with intervals; per group, the Cochran–Armitage test for trend in the share moved
 * down and Kendall's tau-b of % gap against the period. Published figures: every cell (group ×
 * period) goes through the same disclosure control as `analyse`, and a test is published only
 * when every cell it rests on is. Render it with `render(report, format)`.
 *
 * @example
 * const report = await trend('export.csv', { by: 'client-group', every: 'financial-year' });
 * report.groups[0].periods.map((p) => [p.period, p.downShare]);
 * report.groups[0].cochranArmitageP;
 */
export async function trend(inputs: Inputs, options: TrendOptions = {}): Promise<TrendReport> {
  const every = checkEvery(options.every ?? 'financial-year');
  const given = checkBy(options.by ?? null);
  const { by: _by, every: _every, ...rest } = options;
  void [_by, _every];
  const { report, table, analysis, settings } = await analyseWith(
    inputs,
    {
      ...rest,
      // No breakdown by the group alone: its n less the dated cells would be each group's Unknown
      // cell, small in most exports, and protecting it would hide a whole period of the group.
      by: given ? [[given, every], [every]] : [[every]],
      // The intervals are part of every period's figures.
      tests: true,
      charts: false,
      exact: true,
    },
    // The trend shows no gap bands: none are counted, so none is protected and none hides a
    // figure the trend shows.
    { gapBands: false },
  );
  // column:team is keyed by its header as written (column:Team), as analyse keys it.
  const by = given && canonicalDimension(table, given);
  const exact = trendTests(table, analysis, { by, every, groupMap: settings.groupMap });
  return publishTrend(report, exact, {
    suppression: settings.suppression,
    roundCounts: settings.roundCounts,
    confidence: settings.confidence,
  });
}

/** One dimension that is not a period, through the same names as analyse's --by. */
function checkBy(text: Dimension | string | null): Dimension | null {
  if (text === null || text.trim() === '') return null;
  const parsed = checkAnalyseOptions({ by: [text] }).by![0];
  if (parsed.length !== 1) {
    throw new RasgapError('USAGE', `trend --by takes one dimension, got "${text}"`, {
      fix: 'name one, e.g. --by client-group; the periods are given by --every',
    });
  }
  if (isPeriodDimension(parsed[0])) {
    throw new RasgapError('USAGE', `trend --by "${text}" is a period`, {
      fix: 'give the periods with --every financial-year or --every quarter, and the groups with --by (e.g. client-group), or leave --by out',
    });
  }
  return parsed[0];
}

function checkEvery(text: string): TrendPeriod {
  const parsed = (() => {
    try {
      return checkAnalyseOptions({ by: [text] }).by![0];
    } catch {
      return [];
    }
  })();
  const every = parsed.length === 1 ? parsed[0] : null;
  if (every === null || !(TREND_PERIODS as readonly string[]).includes(every)) {
    throw new RasgapError('USAGE', `--every does not accept "${text}"`, {
      fix: 'use --every financial-year or --every quarter',
    });
  }
  return every as TrendPeriod;
}
