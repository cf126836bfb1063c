/**
 * The Node API: the same stages the CLI runs, typed.
 *
 * @example
 * import { analyse, render } from 'rasgap';
 * const { report } = await analyse(['export.csv'], { by: [['ageBand']] });
 * console.log(report.overall.medianPctGap);
 */
import { analyseTable, type Analysis, type OutputPeriod } from './analysis/analyse.js';
import { DIMENSION_FLAGS, type Dimension } from './analysis/dimensions.js';
import { RasgapError } from './errors.js';
import type { ExclusionLedger } from './ingest/exclusions.js';
import { readExports, type AmountBasis, type InputFile } from './ingest/read.js';
import type { RecordTable } from './ingest/records.js';
import { describeFinding } from './ingest/privacy.js';
import { buildReport, type ExactReport } from './analysis/report.js';
import type { Report } from './report/model.js';
import { publish } from './disclose/publish.js';
import { checkAnalyseOptions, type AnalyseOptionsInput, type AnalyseSettings } from './options.js';

export interface AnalyseResult {
  /** The published report: what every format renders (small numbers hidden unless turned off). */
  report: Report;
  /** Every figure before any publishing rule: for internal analysis, never for publication. */
  exact: ExactReport;
  /** The records as read, for further analysis (e.g. `compare`). */
  table: RecordTable;
  analysis: Analysis;
  inputs: InputFile[];
  ledger: ExclusionLedger;
  settings: AnalyseSettings;
}

/**
 * Reads one or more exports, pools them, and reports the moderation gaps.
 * Throws RasgapError (with a stable `code`) for bad input or options.
 */
export async function analyse(
  paths: string[],
  options: AnalyseOptionsInput & { now?: Date } = {},
): Promise<AnalyseResult> {
  const settings = checkAnalyseOptions(options);
  const { table, ledger, inputs, amountBasis } = await readExports(paths, settings);
  if (settings.strictPrivacy) refuseIdentifiers(inputs);
  const breakdowns = settings.by ?? defaultBreakdowns(inputs);
  for (const dimension of new Set(breakdowns.flat())) requireDimension(dimension, inputs);
  const analysis = analyseTable(
    table,
    ledger,
    inputs.map((input) => input.rowsRead),
    {
      period: outputPeriod(settings, amountBasis, inputs),
      tolerance: settings.tolerance,
      duplicates: settings.duplicates,
      breakdowns,
      groupMap: settings.groupMap,
      inference: settings.tests ? { confidence: settings.confidence, scale: settings.scale } : null,
      charts: settings.charts,
    },
  );
  const exact = buildReport(analysis, { inputs, settings, now: options.now });
  const report = await publish(exact, settings);
  return { report, exact, table, analysis, inputs, ledger, settings };
}

/**
 * Amounts with a known period are shown per week unless asked otherwise. Amounts whose period no
 * header, frequency column or option states are shown as given, and converting them is refused.
 */
function outputPeriod(
  settings: AnalyseSettings,
  basis: AmountBasis,
  inputs: InputFile[],
): OutputPeriod {
  if (basis === 'pence-per-year') return settings.period ?? 'week';
  if (settings.period === undefined) return 'not-stated';
  const input = inputs[0];
  throw new RasgapError(
    'PERIOD_UNKNOWN',
    `--period ${settings.period} needs to know the period of the amounts, and neither "${input.header.columns.indicative}" nor "${input.header.columns.actual}" says whether they are weekly, monthly or annual`,
    {
      file: input.path,
      line: input.header.line,
      fix: `add --input-period week (or fortnight, four-weeks, month, year), or leave out --period to see the amounts as given`,
    },
  );
}

/** --strict-privacy: a column that looks like direct identifiers stops the run. */
function refuseIdentifiers(inputs: InputFile[]): void {
  for (const input of inputs) {
    const finding = input.identifiers[0];
    if (finding) {
      throw new RasgapError(
        'PRIVACY',
        describeFinding(finding, input.path).replace(/^[^:]+: /, ''),
        {
          file: input.path,
          line: input.header.line,
          fix: 'remove or blank the column before analysing, or leave out --strict-privacy',
        },
      );
    }
  }
}

const AGE_ROLES = ['ageBand', 'age', 'dateOfBirth', 'yearOfBirth'] as const;

function hasDimension(input: InputFile, dimension: Dimension): boolean {
  const columns = input.header.columns;
  switch (dimension) {
    case 'clientGroup':
    case 'rawClientGroup':
      return columns.clientGroup !== undefined;
    case 'ageBand':
      return AGE_ROLES.some((role) => columns[role] !== undefined);
    case 'source':
      return true;
  }
}

/** Age band, then client group, each where some input has the column. */
function defaultBreakdowns(inputs: InputFile[]): Dimension[][] {
  return (['ageBand', 'clientGroup'] as const)
    .filter((dimension) => inputs.some((input) => hasDimension(input, dimension)))
    .map((dimension) => [dimension]);
}

function requireDimension(dimension: Dimension, inputs: InputFile[]): void {
  const missing = inputs.find((input) => !hasDimension(input, dimension));
  if (!missing) return;
  const flag = DIMENSION_FLAGS[dimension];
  const needs = dimension === 'ageBand' ? 'an age, age band or date of birth' : 'a client group';
  throw new RasgapError(
    'COLUMN_NOT_FOUND',
    `--by ${flag} needs ${needs} column; the headers are: ${missing.header.headers.map((h) => `"${h}"`).join(', ')}`,
    {
      file: missing.path,
      line: missing.header.line,
      fix: `name it with --column ${dimension === 'ageBand' ? 'age' : 'client-group'}="<header>", or leave out --by ${flag}`,
    },
  );
}

export { RasgapError, EXIT, formatError, type ErrorCode } from './errors.js';
export { render, FORMATS, type Format } from './report/render.js';
export type { Report } from './report/model.js';
export type { ExactReport } from './analysis/report.js';
export { publish, NOT_FOR_PUBLICATION, type DisclosureSettings } from './disclose/publish.js';
export type { WithheldReason } from './disclose/types.js';
export type { Summary } from './analysis/summary.js';
export type { AnalyseOptionsInput, AnalyseSettings } from './options.js';
export { parseMoney, MONEY_MISSING, MONEY_SUPPRESSED, MONEY_INVALID } from './ingest/money.js';
export { generateExport, generateExportLines } from './generate/export.js';
