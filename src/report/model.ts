/**
 * The report every format renders: the published report (src/disclose), one plain object (JSON
 * schema version 1), so that a table, a CSV and the JSON never disagree.
 */
import type { PublishedFigures, PublishedGroup, PublishedReport } from '../disclose/types.js';

export type Report = PublishedReport;
export type { PublishedFigures, PublishedGroup };

/**
 * Where a report's figures came from, without the figures: for the sidecar of a CSV.
 *
 * @example
 * JSON.stringify(provenance(report)) // tool, time, command, inputs with SHA-256, options...
 */
export function provenance(report: Report): Record<string, unknown> {
  const {
    overall: _overall,
    breakdowns: _breakdowns,
    clientGroups: _groups,
    charts: _charts,
    ...rest
  } = report;
  void [_overall, _breakdowns, _groups, _charts];
  return rest;
}
