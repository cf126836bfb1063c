/**
 * The Node API: the same stages the CLI runs, typed.
 *
 * @example
 * import { analyse, render } from 'rasgap';
 * const { report } = await analyse(['export.csv'], { by: [['ageBand']] });
 * console.log(report.overall.medianPctGap);
 */
import { analyseTable, type Analysis } from './analysis/analyse.js';
import type { Dimension } from './analysis/groups.js';
import { RasgapError } from './errors.js';
import type { ExclusionLedger } from './ingest/exclusions.js';
import { readExports, type InputFile } from './ingest/read.js';
import { buildReport, type Report } from './report/model.js';
import { checkAnalyseOptions, type AnalyseOptionsInput, type AnalyseSettings } from './options.js';

export interface AnalyseResult {
  report: Report;
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
  const { table, ledger, inputs } = await readExports(paths, settings);
  const breakdowns = settings.by ?? defaultBreakdowns(inputs);
  for (const dimension of new Set(breakdowns.flat())) requireDimension(dimension, inputs);
  const analysis = analyseTable(
    table,
    ledger,
    inputs.map((input) => input.rowsRead),
    {
      period: settings.period,
      tolerance: settings.tolerance,
      duplicates: settings.duplicates,
      breakdowns,
    },
  );
  const report = buildReport(analysis, {
    inputs,
    tolerance: settings.tolerance,
    duplicates: settings.duplicates,
    now: options.now,
  });
  return { report, analysis, inputs, ledger, settings };
}

const AGE_ROLES = ['ageBand', 'age', 'dateOfBirth', 'yearOfBirth'] as const;

function hasDimension(input: InputFile, dimension: Dimension): boolean {
  const columns = input.header.columns;
  return dimension === 'clientGroup'
    ? columns.clientGroup !== undefined
    : AGE_ROLES.some((role) => columns[role] !== undefined);
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
  const flag = dimension === 'clientGroup' ? 'client-group' : 'age-band';
  throw new RasgapError(
    'COLUMN_NOT_FOUND',
    `--by ${flag} needs a ${dimension === 'clientGroup' ? 'client group' : 'age, age band or date of birth'} column; the headers are: ${missing.header.headers.map((h) => `"${h}"`).join(', ')}`,
    {
      file: missing.path,
      line: missing.header.line,
      fix: `name it with --column ${flag === 'age-band' ? 'age' : flag}="<header>", or leave out --by ${flag}`,
    },
  );
}

export { RasgapError, EXIT, formatError, type ErrorCode } from './errors.js';
export { render, FORMATS, type Format } from './report/render.js';
export type { Report } from './report/model.js';
export type { Summary } from './analysis/summary.js';
export type { AnalyseOptionsInput, AnalyseSettings } from './options.js';
export { parseMoney, MONEY_MISSING, MONEY_SUPPRESSED, MONEY_INVALID } from './ingest/money.js';
export { generateExport, generateExportLines } from './generate/export.js';
