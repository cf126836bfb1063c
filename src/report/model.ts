/**
 * statistics -> the report: one plain object (JSON schema version 1) from which every format is
 * rendered, so that a table, a CSV and the JSON never disagree.
 */
import type { Analysis, GroupSummary, OutputPeriod } from '../analysis/analyse.js';
import type { Dimension } from '../analysis/groups.js';
import type { Summary } from '../analysis/summary.js';
import { describeTolerance, type Tolerance } from '../analysis/tolerance.js';
import type { DuplicatePolicy } from '../analysis/duplicates.js';
import type { ExclusionReason } from '../ingest/exclusions.js';
import type { InputFile } from '../ingest/read.js';
import type { Role } from '../ingest/columns.js';
import type { AmountPeriod } from '../ingest/reader.js';
import { VERSION } from '../version.js';

export const SCHEMA_VERSION = 1;

export interface ReportInput {
  path: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsUsed: number;
  encoding: string;
  delimiter: string;
  headerLine: number;
  columns: Partial<Record<Role, string>>;
  periods: { indicative: AmountPeriod; actual: AmountPeriod };
}

export interface ReportOptions {
  period: OutputPeriod;
  tolerance: string;
  duplicates: DuplicatePolicy;
  by: Dimension[][];
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'rasgap'; version: string };
  generatedAt: string;
  period: OutputPeriod;
  /** A sentence on the amount unit, saying when a period was assumed rather than read. */
  periodNote: string;
  options: ReportOptions;
  inputs: ReportInput[];
  rows: {
    read: number;
    used: number;
    excluded: number;
    exclusions: { reason: ExclusionReason; count: number; lines: number[] }[];
  };
  overall: Summary;
  breakdowns: { by: Dimension[]; groups: GroupSummary[] }[];
}

export interface ReportContext {
  inputs: InputFile[];
  tolerance: Tolerance;
  duplicates: DuplicatePolicy;
  /** Fixed time for reproducible output; defaults to SOURCE_DATE_EPOCH, else now. */
  now?: Date;
}

/**
 * @example
 * const report = buildReport(analysis, { inputs, tolerance, duplicates: 'latest' });
 * JSON.stringify(report) // schema version 1
 */
export function buildReport(analysis: Analysis, context: ReportContext): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rasgap', version: VERSION },
    generatedAt: (context.now ?? reportTime()).toISOString(),
    period: analysis.period,
    periodNote: describePeriods(analysis.period, context.inputs),
    options: {
      period: analysis.period,
      tolerance: describeTolerance(context.tolerance),
      duplicates: context.duplicates,
      by: analysis.breakdowns.map((breakdown) => breakdown.by),
    },
    inputs: context.inputs.map((input, source) => ({
      path: input.path,
      sha256: input.sha256,
      bytes: input.bytes,
      rowsRead: input.rowsRead,
      rowsUsed: analysis.rowsUsedBySource[source],
      encoding: input.encoding.encoding,
      delimiter: input.delimiter.delimiter,
      headerLine: input.header.line,
      columns: input.header.columns,
      periods: input.header.periods,
    })),
    rows: analysis.rows,
    overall: analysis.overall,
    breakdowns: analysis.breakdowns.map((breakdown) => ({
      by: breakdown.by,
      groups: breakdown.groups,
    })),
  };
}

/** The time a report is stamped with: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds. */
export function reportTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  return new Date();
}

function describePeriods(period: OutputPeriod, inputs: InputFile[]): string {
  const unit = period === 'week' ? 'per week' : 'per year';
  const assumed = inputs.flatMap((input) =>
    (['indicative', 'actual'] as const)
      .filter((role) => input.header.periods[role].source === 'assumed')
      .map((role) => `"${input.header.columns[role]}" in ${input.path}`),
  );
  const basis =
    assumed.length === 0
      ? 'input periods read from the column headers'
      : `assumed weekly because the header does not say: ${assumed.join('; ')}`;
  return `Amounts in pounds ${unit} (a year is 52 weeks); ${basis}.`;
}
