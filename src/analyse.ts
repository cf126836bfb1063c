/**
 * `analyse` for the Node API (re-exported by src/index.ts): read the exports, check the options
 * against what they hold, analyse, publish. In a module of its own so that `rasgap analyse` loads
 * only what it runs, not every command's code and renderer that the API re-exports.
 */
import { analyseTable, type Analysis, type OutputPeriod } from './analysis/analyse.js';
import {
  canonicalDimension,
  columnNames,
  DIMENSION_FLAGS,
  isColumnDimension,
  isPeriodDimension,
  type Dimension,
} from './analysis/dimensions.js';
import { columnDimensionWarnings } from './analysis/columnDimensions.js';
import { RasgapError } from './errors.js';
import type { ExclusionLedger } from './ingest/exclusions.js';
import {
  readExports,
  type AmountBasis,
  type InputFile,
  type ReadProgressListener,
} from './ingest/read.js';
import { listOf, type Inputs } from './ingest/source.js';
import type { RecordTable } from './ingest/records.js';
import { describeFinding } from './ingest/privacy.js';
import { formatDays } from './ingest/dates.js';
import { buildReport, type ExactReport } from './analysis/report.js';
import type { Report } from './report/model.js';
import { publish } from './disclose/publish.js';
import { checkAnalyseOptions, type AnalyseOptionsInput, type AnalyseSettings } from './options.js';

export interface AnalyseOptions extends AnalyseOptionsInput {
  /** The time stamped in the report's provenance (default: now). */
  now?: Date;
  /**
   * Also return the exact analysis: every figure before any publishing rule, and the records as
   * read. For internal analysis only, never for publication.
   */
  exact?: boolean;
  /**
   * Told as the exports are read, about once a megabyte: bytes read of the total (0 when unknown,
   * as for a stream) and rows read so far. For a progress line.
   */
  onProgress?: ReadProgressListener;
}

export interface AnalyseResult {
  /** The published report: what every format renders (small numbers hidden unless turned off). */
  report: Report;
  /** Each input as read: its name (or path), bytes, SHA-256, encoding, header and rows read. */
  inputs: InputFile[];
  /** Every row left out, with its input, line and reason. */
  ledger: ExclusionLedger;
  settings: AnalyseSettings;
  /** With `exact: true` only: every figure before any publishing rule. */
  exact?: ExactReport;
  /** With `exact: true` only: the records as read (one per row, in typed arrays). */
  table?: RecordTable;
  /** With `exact: true` only: per-row gaps and which rows were used. */
  analysis?: Analysis;
}

/** What `analyse(inputs, { exact: true })` returns: the published report and the exact one. */
export interface ExactAnalyseResult extends AnalyseResult {
  exact: ExactReport;
  table: RecordTable;
  analysis: Analysis;
}

/**
 * Reads one or more exports, pools them, and reports the moderation gaps: the published report,
 * and with `exact: true` the exact analysis too. Throws RasgapError (with a stable `code`) for
 * bad input or options.
 *
 * @example
 * const { report } = await analyse('fixtures/sample-export.csv', { by: ['age-band'] });
 * const { exact } = await analyse([{ name: 'q1.csv', text }], { exact: true });
 */
export function analyse(
  inputs: Inputs,
  options: AnalyseOptions & { exact: true },
): Promise<ExactAnalyseResult>;
export function analyse(inputs: Inputs, options?: AnalyseOptions): Promise<AnalyseResult>;
export function analyse(given: Inputs, options: AnalyseOptions = {}): Promise<AnalyseResult> {
  return analyseWith(given, options, {});
}

/** What rasgap's own commands can ask of an analysis beyond the API's options. */
export interface InternalAnalyseOptions {
  /**
   * false: count no gap bands, so that no band cell is published, protected or audited; for a
   * command whose output shows none (`trend`). Default true.
   */
  gapBands?: boolean;
}

/** `analyse` with the internal options: not part of the API (src/index.ts does not export it). */
export function analyseWith(
  inputs: Inputs,
  options: AnalyseOptions & { exact: true },
  internal: InternalAnalyseOptions,
): Promise<ExactAnalyseResult>;
export function analyseWith(
  inputs: Inputs,
  options: AnalyseOptions,
  internal: InternalAnalyseOptions,
): Promise<AnalyseResult>;
export async function analyseWith(
  given: Inputs,
  options: AnalyseOptions,
  internal: InternalAnalyseOptions,
): Promise<AnalyseResult> {
  const settings = checkAnalyseOptions(options);
  checkDateRange(settings);
  const named = columnNames([
    ...(settings.by ?? []).flat(),
    ...(settings.where ?? []).map((filter) => filter.dimension),
  ]);
  const { table, ledger, inputs, amountBasis } = await readExports(listOf(given), {
    ...settings,
    keepColumns: named,
    onProgress: options.onProgress,
  });
  if (settings.strictPrivacy) refuseIdentifiers(inputs);
  refuseIdentifierColumns(named, inputs);
  // column:team and column:Team are one dimension, keyed by the header as written.
  const breakdowns = (settings.by ?? defaultBreakdowns(inputs)).map((by) =>
    by.map((dimension) => canonicalDimension(table, dimension)),
  );
  const where = settings.where?.map((filter) => ({
    ...filter,
    dimension: canonicalDimension(table, filter.dimension),
  }));
  const filtered = (where ?? []).map((filter) => filter.dimension);
  for (const dimension of new Set([...breakdowns.flat(), ...filtered])) {
    requireDimension(dimension, inputs, filtered.includes(dimension) ? '--where' : '--by');
  }
  if (settings.from !== undefined || settings.to !== undefined) requireDateAgreed(inputs);
  const analysis = analyseTable(
    table,
    ledger,
    inputs.map((input) => input.rowsRead),
    {
      period: outputPeriod(settings, amountBasis, inputs),
      tolerance: settings.tolerance,
      duplicates: settings.duplicates,
      filters: { from: settings.from, to: settings.to, where },
      breakdowns,
      groupMap: settings.groupMap,
      inference: settings.tests ? { confidence: settings.confidence, scale: settings.scale } : null,
      charts: settings.charts,
      bandEdges: internal.gapBands === false ? null : settings.bands,
    },
  );
  const exact = buildReport(analysis, { inputs, settings, now: options.now });
  exact.warnings.push(
    ...columnDimensionWarnings(table, analysis.used, breakdowns.flat(), settings.minCount),
  );
  const report = await publish(exact, settings);
  const result: AnalyseResult = { report, inputs, ledger, settings };
  return options.exact === true ? { ...result, exact, table, analysis } : result;
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

/**
 * `column:NAME` publishes the column's values as labels: a column the privacy scan finds to hold
 * direct identifiers (names, NHS numbers, postcodes, dates of birth, addresses), or that holds the
 * person id or date of birth, would publish them. Refused whatever --strict-privacy says.
 */
function refuseIdentifierColumns(names: string[], inputs: InputFile[]): void {
  for (const name of names) {
    const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
    const same = (header: string | undefined): boolean =>
      header !== undefined && header.trim().replace(/\s+/g, ' ').toLowerCase() === key;
    for (const input of inputs) {
      const { personId, dateOfBirth } = input.header.columns;
      const finding = input.identifiers.find((item) => same(item.column));
      const role = same(personId) ? 'the person id' : same(dateOfBirth) ? 'dates of birth' : null;
      if (finding === undefined && role === null) continue;
      const what = finding ? describeFinding(finding, input.path).replace(/^[^:]+: /, '') : '';
      throw new RasgapError(
        'USAGE',
        finding
          ? `column:${name} cannot be a breakdown: ${what.replace(/; remove direct.*$/, '')}, and its values would be published as group labels`
          : `column:${name} cannot be a breakdown: it holds ${role}, and its values would be published as group labels`,
        {
          file: input.path,
          line: input.header.line,
          fix: `leave out column:${name}; break down by a column of categories (a team, a locality, a service type)`,
        },
      );
    }
  }
}

const AGE_ROLES = ['ageBand', 'age', 'dateOfBirth', 'yearOfBirth'] as const;

function hasDimension(input: InputFile, dimension: Dimension): boolean {
  // The reader stops on a file without a named column (COLUMN_NOT_FOUND, naming the file).
  if (isColumnDimension(dimension)) return true;
  const columns = input.header.columns;
  switch (dimension) {
    case 'clientGroup':
    case 'rawClientGroup':
      return columns.clientGroup !== undefined;
    case 'ageBand':
      return AGE_ROLES.some((role) => columns[role] !== undefined);
    case 'source':
      return true;
    case 'financialYear':
    case 'quarter':
    case 'month':
      return columns.dateAgreed !== undefined;
  }
}

/** Age band, then client group, each where some input has the column. */
function defaultBreakdowns(inputs: InputFile[]): Dimension[][] {
  return (['ageBand', 'clientGroup'] as const)
    .filter((dimension) => inputs.some((input) => hasDimension(input, dimension)))
    .map((dimension) => [dimension]);
}

function requireDimension(dimension: Dimension, inputs: InputFile[], option = '--by'): void {
  const missing = inputs.find((input) => !hasDimension(input, dimension));
  if (!missing || isColumnDimension(dimension)) return;
  const flag = DIMENSION_FLAGS[dimension];
  const [needs, role] = isPeriodDimension(dimension)
    ? ['a date agreed', 'date-agreed']
    : dimension === 'ageBand'
      ? ['an age, age band or date of birth', 'age']
      : ['a client group', 'client-group'];
  throw new RasgapError(
    'COLUMN_NOT_FOUND',
    `${option} ${flag} needs ${needs} column; the headers are: ${missing.header.headers.map((h) => `"${h}"`).join(', ')}`,
    {
      file: missing.path,
      line: missing.header.line,
      fix: `name it with --column ${role}="<header>", or leave out ${option} ${flag}`,
    },
  );
}

/** --from after --to would leave nothing, and is surely a slip: said before any file is read. */
function checkDateRange(settings: AnalyseSettings): void {
  const { from, to } = settings;
  if (from === undefined || to === undefined || from <= to) return;
  throw new RasgapError(
    'USAGE',
    `--from ${formatDays(from)} is after --to ${formatDays(to)}: no date is in between`,
    { option: 'from', fix: 'give the earlier date with --from and the later one with --to' },
  );
}

/** --from/--to select by date agreed: every input needs that column. */
function requireDateAgreed(inputs: InputFile[]): void {
  const missing = inputs.find((input) => input.header.columns.dateAgreed === undefined);
  if (!missing) return;
  throw new RasgapError(
    'COLUMN_NOT_FOUND',
    `--from/--to keep records by date agreed, and no column holds it; the headers are: ${missing.header.headers.map((h) => `"${h}"`).join(', ')}`,
    {
      file: missing.path,
      line: missing.header.line,
      fix: 'name it with --column date-agreed="<header>", or leave out --from and --to',
    },
  );
}
