/**
 * statistics -> the exact report: every figure of the run with where it came from, before any
 * publishing rule (src/disclose turns it into the published report that every format renders).
 */
import type { Analysis, Breakdown, OutputPeriod } from './analyse.js';
import type { Dimension } from './groups.js';
import type { GroupStatistics } from './summary.js';
import { describeTolerance } from './tolerance.js';
import type { ClientGroupLabel } from './dimensions.js';
import type { AnalyseSettings } from '../options.js';
import { describeInputPeriods, PERIOD_WORDS } from '../ingest/period.js';
import { formatDays } from '../ingest/dates.js';
import type { ChartData } from './charts.js';
import type { GapBandLayout } from './councils.js';
import type { AppliedFilters, WhereFilter } from './filter.js';
import { columnName, DIMENSION_FLAGS, isColumnDimension } from './dimensions.js';
import { findingWarning, type PrivacyFinding } from '../ingest/privacy.js';
import {
  counted,
  plainWarning,
  warning,
  type CountPart,
  type Warning,
} from '../ingest/warnings.js';
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
  /** `text` (CSV and the like) or `xlsx`, decided from the content. */
  format: 'text' | 'xlsx';
  /** Null for a workbook. */
  encoding: string | null;
  delimiter: string | null;
  /** The sheet read, for a workbook; its row numbers are the line numbers. */
  sheet: string | null;
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
  /** `--from` and `--to` (YYYY-MM-DD), null when not given. */
  from: string | null;
  to: string | null;
  /** `--where`: the groups kept, as the report's labels; empty when not given. */
  where: WhereFilter[];
  /** `--separate-files`: each file's person ids kept apart. */
  separateFiles?: boolean;
  by: Dimension[][];
  columns: Record<string, string>;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  asOf: string | null;
  groupMap: Record<string, string>;
  configFile: string | null;
  /** Intervals and tests: `null` when left out with --no-tests. */
  confidence: number | null;
  scale: string | null;
}

export interface ExactReport {
  schemaVersion: number;
  tool: { name: 'rasgap'; version: string };
  generatedAt: string;
  /** The command line of the run, when it came from the CLI. */
  command: string | null;
  period: OutputPeriod;
  /** A sentence on the amount unit, saying when a period was assumed rather than read. */
  periodNote: string;
  /** A sentence naming the records kept by --from, --to and --where; null without filters. */
  filterNote: string | null;
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
  /** The bands of % gap that every row's `bands` counts, in order (`--bands`). */
  gapBands: GapBandLayout;
  overall: GroupStatistics;
  breakdowns: Breakdown[];
  /** Every client-group label as written, with its canonical label (null: not recognised). */
  clientGroups: ClientGroupLabel[];
  /** Things a reader should know that did not stop the run, e.g. unrecognised client groups. */
  warnings: Warning[];
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
export function buildReport(analysis: Analysis, context: ReportContext): ExactReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rasgap', version: VERSION },
    generatedAt: (context.now ?? reportTime()).toISOString(),
    command: context.settings.command,
    period: analysis.period,
    periodNote: describePeriods(analysis.period, context.inputs),
    filterNote: describeFilters(analysis.filters),
    options: {
      period: analysis.period,
      inputPeriod: context.settings.inputPeriod
        ? describeInputPeriods(context.settings.inputPeriod).join(' ')
        : null,
      tolerance: describeTolerance(context.settings.tolerance),
      duplicates: context.settings.duplicates,
      from: analysis.filters.from,
      to: analysis.filters.to,
      where: analysis.filters.where,
      separateFiles: context.settings.separateFiles,
      by: analysis.breakdowns.map((breakdown) => breakdown.by),
      columns: { ...context.settings.columns },
      encoding: context.settings.encoding ?? null,
      delimiter: context.settings.delimiter ?? null,
      sheet: context.settings.sheet ?? null,
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
      format: input.format,
      encoding: input.encoding?.encoding ?? null,
      delimiter: input.delimiter?.delimiter ?? null,
      sheet: input.sheet?.name ?? null,
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
    gapBands: analysis.gapBands,
    overall: analysis.overall,
    breakdowns: analysis.breakdowns,
    clientGroups: analysis.clientGroups,
    ...(analysis.charts ? { charts: analysis.charts } : {}),
    warnings: [
      ...context.inputs.flatMap((input) =>
        input.identifiers.map((finding) => findingWarning(finding, input.path)),
      ),
      // What the reader noticed (ages not worked out, dates that do not parse) and group-map
      // targets outside the taxonomy.
      ...context.inputs.flatMap((input) => input.warnings ?? []),
      ...groupMapWarnings(context.settings.groupMap).map(plainWarning),
      ...periodWarnings(analysis.period, context.inputs).map(plainWarning),
      ...clientGroupWarnings(analysis.clientGroups),
      ...(analysis.earlierUsed > 0
        ? [
            warning`${counted(analysis.earlierUsed, 'person has', 'people have', 'some people (count not shown) have')} a latest record with no usable amount (blank, suppressed or not a number), so an earlier record of theirs is used; --exclusions FILE names those lines ("an earlier record of this person is used"): correct the amounts if the earlier budgets no longer stand`,
          ]
        : []),
    ],
  };
}

/**
 * Amounts shown as given (no header, frequency column or option states their period) are said to
 * be so on stderr too: the period note alone sits in the output, where a reader may not look.
 */
function periodWarnings(period: OutputPeriod, inputs: InputFile[]): string[] {
  if (period !== 'not-stated' || inputs.length === 0) return [];
  const { columns } = inputs[0].header;
  const files = inputs.map((input) => input.path).join(', ');
  return [
    `${files}: amounts are shown as given, not converted: neither "${columns.indicative}" nor "${columns.actual}" says whether they are weekly, monthly or annual; pass --input-period week|fortnight|four-weeks|month|year to say it (they are then shown per week, or per --period)`,
  ];
}

/** Unrecognised client groups, each with its count (which the publishing stage may hide). */
function clientGroupWarnings(groups: ClientGroupLabel[]): Warning[] {
  const unknown = groups.filter((group) => group.canonical === null);
  if (unknown.length === 0) return [];
  const parts: (string | CountPart)[] = ['client groups not in the taxonomy, kept as written: '];
  unknown.forEach((group, k) => {
    parts.push(`${k > 0 ? ', ' : ''}"${group.label}" (`, counted(group.count), ')');
  });
  parts.push('; map them with --group-map FILE');
  return [{ parts }];
}

/** The time a report is stamped with: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds. */
export function reportTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  return new Date();
}

/**
 * The records kept, in words, so that no format shows a filtered report as if it were all records.
 *
 * @example
 * describeFilters({ from: '2023-04-01', to: null, where: [] })
 * // 'Records kept: agreed on or after 2023-04-01 (each person's latest record in those dates). ...'
 */
export function describeFilters(filters: AppliedFilters): string | null {
  const { from, to, where } = filters;
  if (from === null && to === null && where.length === 0) return null;
  const parts: string[] = [];
  if (from !== null || to !== null) {
    const dates =
      from !== null && to !== null
        ? `agreed from ${from} to ${to}`
        : from !== null
          ? `agreed on or after ${from}`
          : `agreed on or before ${to}`;
    parts.push(`${dates} (each person's latest record in those dates)`);
  }
  for (const filter of where) {
    const values = filter.values.map((value) => `"${value}"`).join(' or ');
    parts.push(
      `${isColumnDimension(filter.dimension) ? columnName(filter.dimension) : DIMENSION_FLAGS[filter.dimension].replace(/-/g, ' ')} ${values}`,
    );
  }
  const reasons = [
    ...(from !== null || to !== null ? ['outside-dates', 'no-date-agreed'] : []),
    ...(where.length > 0 ? ['filtered-out'] : []),
  ];
  return `Records kept: ${parts.join('; ')}. The others are counted as excluded (${reasons.join(', ')}).`;
}

/** How the output period relates to a year, by the council convention of 52 weeks a year. */
const CONVENTION: Record<Exclude<OutputPeriod, 'not-stated'>, string> = {
  week: 'a year is 52 weeks',
  fortnight: 'a year is 26 fortnights of 52 weeks',
  'four-weeks': 'a year is 13 four-week periods of 52 weeks',
  month: 'a month is a twelfth of a 52-week year',
  year: 'a year is 52 weeks',
};

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
  return `Amounts in pounds ${PERIOD_WORDS[period]} (${CONVENTION[period]}); input periods: ${how.join('; ')}.`;
}
