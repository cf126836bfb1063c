/**
 * The report every format renders: the published report (src/disclose), one plain object (JSON
 * schema version 1), so that a table, a CSV and the JSON never disagree.
 */
import type { TrendReport } from '../disclose/trend.js';
import type { PublishedFigures, PublishedGroup, PublishedReport } from '../disclose/types.js';

export type Report = PublishedReport;
export type { PublishedFigures, PublishedGroup };

/**
 * Where a report's figures came from, without the figures: for the sidecar of a CSV.
 *
 * @example
 * JSON.stringify(provenance(report)) // tool, time, command, inputs with SHA-256, options...
 */
export function provenance(report: Report | TrendReport): Record<string, unknown> {
  // Everything but the figures and their layout: those are what the CSV itself holds.
  const figures = new Set([
    ...['overall', 'breakdowns', 'clientGroups', 'charts'],
    ...['groups', 'by', 'every', 'periods', 'confidence', 'cellsLeftOut'],
  ]);
  return Object.fromEntries(Object.entries(report).filter(([key]) => !figures.has(key)));
}
