/**
 * statistics -> the report: one plain object (JSON schema version 1) from which every format is
 * rendered, so that a table, a CSV and the JSON never disagree.
 */
import type { Analysis, Breakdown, OutputPeriod } from '../analysis/analyse.js';
import type { Dimension } from '../analysis/groups.js';
import type { GroupStatistics } from '../analysis/summary.js';
import { describeTolerance } from '../analysis/tolerance.js';
import type { ClientGroupLabel } from '../analysis/dimensions.js';
import type { AnalyseSettings } from '../options.js';
import { describeInputPeriods, PERIOD_WORDS } from '../ingest/period.js';
import { formatDays } from '../ingest/dates.js';
import type { Disclosure } from '../disclose/apply.js';
import type { ChartData } from '../analysis/charts.js';
import { describeFinding, type PrivacyFinding } from '../ingest/privacy.js';
import { groupMapWarnings } from '../ingest/clientGroups.js';
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
  /** Columns that look like direct identifiers: column, kind and count, never values. */
  identifiers: PrivacyFinding[];
}

/** The effective settings of the run, echoed so that a figure can be traced to how it was made. */
export interface ReportOptions {
  period: OutputPeriod;
  inputPeriod: string | null;
  tolerance: string;
  duplicates: string;
  /** `--separate-files`: each file's person ids kept apart. */
  separateFiles?: boolean;
  by: Dimension[][];
  columns: Record<string, string>;
  encoding: string | null;
  delimiter: string | null;
  asOf: string | null;
  groupMap: Record<string, string>;
  configFile: string | null;
  /** Intervals and tests: `null` when left out with --no-tests. */
  confidence: number | null;
  scale: string | null;
}

export interface Report {
  /** Only with --no-suppression: that the output is not for publication (the first field). */
  notice?: string;
  schemaVersion: number;
  tool: { name: 'rasgap'; version: string };
  generatedAt: string;
  /** The command line of the run, when it came from the CLI. */
  command: string | null;
  period: OutputPeriod;
  /** A sentence on the amount unit, saying when a period was assumed rather than read. */
  periodNote: string;
  options: ReportOptions;
  inputs: ReportInput[];
  rows: {
    read: number;
    used: number;
    excluded: number;
    /** `files` (the file of each line) only when there are several inputs. */
    exclusions: { reason: ExclusionReason; count: number; lines: number[]; files?: string[] }[];
    /**
     * Records called unchanged only because their amounts agree to the precision the export
     * wrote them in, not to the penny (null when hidden as a small number).
     */
    unchangedWithinRounding?: number;
  };
  overall: GroupStatistics;
  breakdowns: Breakdown[];
  /** Every client-group label as written, with its canonical label (null: not recognised). */
  clientGroups: ClientGroupLabel[];
  /** Things a reader should know that did not stop the run, e.g. unrecognised client groups. */
  warnings: string[];
  /** Small-number suppression applied to this report (see src/disclose). */
  disclosure?: Disclosure;
  /** Only for the HTML report: what its charts draw. */
  charts?: ChartData;
}

export interface ReportContext {
  inputs: InputFile[];
  settings: AnalyseSettings;
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
    command: context.settings.command,
    period: analysis.period,
    periodNote: describePeriods(analysis.period, context.inputs),
    options: {
      period: analysis.period,
      inputPeriod: context.settings.inputPeriod
        ? describeInputPeriods(context.settings.inputPeriod).join(' ')
        : null,
      tolerance: describeTolerance(context.settings.tolerance),
      duplicates: context.settings.duplicates,
      separateFiles: context.settings.separateFiles,
      by: analysis.breakdowns.map((breakdown) => breakdown.by),
      columns: { ...context.settings.columns },
      encoding: context.settings.encoding ?? null,
      delimiter: context.settings.delimiter ?? null,
      asOf: context.settings.asOf === undefined ? null : formatDays(context.settings.asOf),
      groupMap: { ...context.settings.groupMap },
      configFile: context.settings.configFile ?? null,
      // From the analysis itself, so that the options never claim figures that are not there.
      confidence: analysis.overall.confidence ?? null,
      scale: analysis.overall.agreement?.scale ?? null,
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
      identifiers: input.identifiers,
    })),
    rows: {
      ...analysis.rows,
      // With several inputs a line number alone is ambiguous: name the file of each line too.
      exclusions: analysis.rows.exclusions.map(({ sources, ...item }) =>
        context.inputs.length > 1
          ? { ...item, files: sources.map((source) => context.inputs[source].path) }
          : item,
      ),
    },
    overall: analysis.overall,
    breakdowns: analysis.breakdowns,
    clientGroups: analysis.clientGroups,
    ...(analysis.charts ? { charts: analysis.charts } : {}),
    warnings: [
      ...context.inputs.flatMap((input) =>
        input.identifiers.map((finding) => describeFinding(finding, input.path)),
      ),
      // What the reader noticed (ages not worked out, dates that do not parse) and group-map
      // targets outside the taxonomy.
      ...context.inputs.flatMap((input) => input.warnings ?? []),
      ...groupMapWarnings(context.settings.groupMap),
      ...warnings(analysis),
    ],
  };
}

function warnings(analysis: Analysis): string[] {
  const warning = clientGroupWarning(analysis.clientGroups);
  return warning === null ? [] : [warning];
}

export const CLIENT_GROUP_WARNING = 'client groups not in the taxonomy';

/** The warning about unrecognised client groups, with `[c]` for a suppressed count. */
export function clientGroupWarning(groups: ClientGroupLabel[]): string | null {
  const unknown = groups.filter((group) => group.canonical === null);
  if (unknown.length === 0) return null;
  const listed = unknown
    .map((group) => `"${group.label}" (${group.count === null ? '[c]' : group.count})`)
    .join(', ');
  return `${CLIENT_GROUP_WARNING}, kept as written: ${listed}; map them with --group-map FILE`;
}

/**
 * Where a report's figures came from, without the figures: for the sidecar of a CSV.
 *
 * @example
 * JSON.stringify(provenance(report)) // tool, time, command, inputs with SHA-256, options...
 */
export function provenance(report: Report): Record<string, unknown> {
  const { overall: _overall, breakdowns: _breakdowns, clientGroups: _groups, ...rest } = report;
  void _overall;
  void _breakdowns;
  void _groups;
  return rest;
}

/** The time a report is stamped with: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds. */
export function reportTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  return new Date();
}

/** Says what unit the amounts are in and how each input's period was decided. */
function describePeriods(period: OutputPeriod, inputs: InputFile[]): string {
  if (period === 'not-stated') {
    return 'Amounts in pounds as given: the period is not stated in the export (weekly, monthly or annual), so nothing was converted; pass --input-period to say it.';
  }
  const how = inputs.flatMap((input) =>
    (['indicative', 'actual'] as const).map((role) => {
      const amount = input.header.periods[role];
      const where = `"${input.header.columns[role]}"${inputs.length > 1 ? ` (${input.path})` : ''}`;
      switch (amount.source) {
        case 'header':
          return `${where} ${PERIOD_WORDS[amount.period!]} from its header`;
        case 'option':
          return `${where} ${PERIOD_WORDS[amount.period!]} from --input-period`;
        default:
          return `${where} per row from "${input.header.columns.frequency}"`;
      }
    }),
  );
  const unit = period === 'week' ? 'per week' : 'per year';
  return `Amounts in pounds ${unit} (a year is 52 weeks); input periods: ${how.join('; ')}.`;
}
