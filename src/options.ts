/**
 * All checking of analysis options in one place, for the CLI and the Node API alike: text from the
 * command line or values from code come in, checked and typed settings go out.
 */
import type { OutputPeriod } from './analysis/analyse.js';
import type { DuplicatePolicy } from './analysis/duplicates.js';
import { DIMENSION_FLAGS, DIMENSIONS, type Dimension } from './analysis/dimensions.js';
import { parseTolerance, type Tolerance } from './analysis/tolerance.js';
import { RasgapError } from './errors.js';
import { parseColumnOverride, type ColumnOverrides } from './ingest/columns.js';
import { parseDate } from './ingest/dates.js';
import { parseDelimiter, type Delimiter } from './ingest/dialect.js';
import { parseEncoding, type Encoding } from './ingest/encoding.js';
import type { GroupMap } from './ingest/clientGroups.js';
import { parseInputPeriods, type InputPeriods, type Period } from './ingest/period.js';

/** Options as a person or a program may give them: strings where the CLI has strings. */
export interface AnalyseOptionsInput {
  /** `{ indicative: 'RAS £' }`, or CLI strings `['indicative=RAS £']`. */
  columns?: ColumnOverrides | string[];
  /** `[['ageBand'], ['clientGroup']]`, or CLI strings `['age-band', 'client-group,age-band']`. */
  by?: Dimension[][] | string[];
  /** Unit of amounts shown: `week` (default) or `year`. */
  period?: 'week' | 'year' | string;
  /**
   * Period of amounts whose header does not say and that have no frequency column (`'week'`), or
   * per amount (`['indicative=week', 'actual=year']` or `{ indicative: 'week', actual: 'year' }`).
   */
  inputPeriod?: Period | string | string[] | InputPeriods;
  /** A council's labels mapped to canonical client groups (already loaded: see loadGroupMap). */
  groupMap?: GroupMap;
  tolerance?: Tolerance | string;
  duplicates?: DuplicatePolicy | string;
  encoding?: Encoding | string;
  delimiter?: Delimiter | string;
  /** The sheet of an .xlsx workbook to read (default: the first sheet with a header row). */
  sheet?: string;
  /** Reference date for ages from a date or year of birth: a Date or `DD/MM/YYYY` / ISO text. */
  asOf?: Date | string;
  /** The config file the settings came from, echoed in the report. */
  configFile?: string;
  /** Confidence level of intervals: 0.95 by default. */
  confidence?: number | string;
  /** Bland–Altman on differences (default) or on ratios. */
  scale?: 'difference' | 'ratio' | string;
  /** False leaves out intervals, tests and agreement. */
  tests?: boolean;
  /** Counts below this are suppressed (default 5). */
  minCount?: number | string;
  /** Round published counts to the nearest multiple of this. */
  roundCounts?: number | string;
  /** p of the p% rule for money totals (default 10). */
  dominanceP?: number | string;
  /** False turns small-number suppression off (the output then says it is not for publication). */
  suppression?: boolean;
  /** The command line that asked for this run, echoed in the report's provenance. */
  command?: string;
  /** Make a column that looks like direct identifiers an error rather than a warning. */
  strictPrivacy?: boolean;
  /** Compute what the HTML report's charts draw. */
  charts?: boolean;
  /** Keep each file's person ids apart: files of different councils without a council column. */
  separateFiles?: boolean;
}

export interface AnalyseSettings {
  columns: ColumnOverrides;
  /** Undefined: the default breakdowns (age band, and client group, where the columns exist). */
  by: Dimension[][] | undefined;
  /** Undefined: per week, or as given when the input never states a period. */
  period: Exclude<OutputPeriod, 'not-stated'> | undefined;
  inputPeriod: InputPeriods | undefined;
  groupMap: GroupMap;
  tolerance: Tolerance;
  duplicates: DuplicatePolicy;
  encoding: Encoding | undefined;
  delimiter: Delimiter | undefined;
  sheet: string | undefined;
  asOf: number | undefined;
  configFile: string | undefined;
  confidence: number;
  scale: 'difference' | 'ratio';
  tests: boolean;
  minCount: number;
  roundCounts: number | null;
  dominanceP: number;
  suppression: boolean;
  command: string | null;
  strictPrivacy: boolean;
  charts: boolean;
  separateFiles: boolean;
}

/** `client-group`, `clientGroup`, `client_group` all name the same dimension. */
const DIMENSION_NAMES = new Map<string, Dimension>(
  DIMENSIONS.flatMap((dimension) => [
    [DIMENSION_FLAGS[dimension], dimension],
    [dimension.toLowerCase(), dimension],
  ]),
);

/**
 * @example
 * checkAnalyseOptions({ by: ['client-group,age-band'], tolerance: '2%' }).by
 * // [['clientGroup', 'ageBand']]
 */
export function checkAnalyseOptions(input: AnalyseOptionsInput = {}): AnalyseSettings {
  return {
    columns: checkColumns(input.columns),
    by: input.by === undefined || input.by.length === 0 ? undefined : input.by.map(checkBreakdown),
    period:
      input.period === undefined
        ? undefined
        : checkChoice('--period', input.period, ['week', 'year'] as const),
    inputPeriod:
      input.inputPeriod === undefined ||
      (Array.isArray(input.inputPeriod) && input.inputPeriod.length === 0)
        ? undefined
        : parseInputPeriods(input.inputPeriod),
    groupMap: input.groupMap ?? {},
    tolerance:
      typeof input.tolerance === 'object'
        ? input.tolerance
        : parseTolerance(input.tolerance ?? '0'),
    duplicates: checkChoice('--duplicates', input.duplicates ?? 'latest', [
      'latest',
      'keep-all',
    ] as const),
    encoding: input.encoding === undefined ? undefined : parseEncoding(input.encoding),
    delimiter: input.delimiter === undefined ? undefined : checkDelimiter(input.delimiter),
    sheet: input.sheet === undefined ? undefined : checkSheet(input.sheet),
    asOf: input.asOf === undefined ? undefined : checkDate(input.asOf),
    configFile: input.configFile,
    confidence: checkConfidence(input.confidence ?? 0.95),
    scale: checkChoice('--scale', input.scale ?? 'difference', ['difference', 'ratio'] as const),
    tests: input.tests ?? true,
    minCount: checkWhole('--min-count', input.minCount ?? 5, 1),
    roundCounts:
      input.roundCounts === undefined ? null : checkWhole('--round-counts', input.roundCounts, 1),
    dominanceP: checkPercent('--dominance-p', input.dominanceP ?? 10),
    suppression: input.suppression ?? true,
    command: input.command ?? null,
    strictPrivacy: input.strictPrivacy ?? false,
    charts: input.charts ?? false,
    separateFiles: input.separateFiles ?? false,
  };
}

function checkColumns(columns: AnalyseOptionsInput['columns']): ColumnOverrides {
  if (columns === undefined) return {};
  if (!Array.isArray(columns)) return { ...columns };
  const overrides: ColumnOverrides = {};
  for (const text of columns) {
    const [role, header] = parseColumnOverride(text);
    overrides[role] = header;
  }
  return overrides;
}

function checkBreakdown(breakdown: string | Dimension[]): Dimension[] {
  const parts = Array.isArray(breakdown) ? breakdown : breakdown.split(',');
  const dimensions = parts.map((part) => {
    const key = part.trim().toLowerCase().replace(/[_\s]/g, '-');
    const dimension = DIMENSION_NAMES.get(key) ?? DIMENSION_NAMES.get(key.replace(/-/g, ''));
    if (!dimension) {
      throw new RasgapError('USAGE', `--by does not know "${part}"`, {
        fix: `use ${DIMENSIONS.map((d) => DIMENSION_FLAGS[d]).join(', ')}, or two crossed: --by client-group,age-band`,
      });
    }
    return dimension as Dimension;
  });
  if (new Set(dimensions).size !== dimensions.length) {
    throw new RasgapError('USAGE', `--by names a dimension twice: "${parts.join(',')}"`, {
      fix: 'name each dimension once, e.g. --by client-group,age-band',
    });
  }
  return dimensions;
}

function checkChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new RasgapError('USAGE', `${flag} does not accept "${value}"`, {
    fix: `use ${choices.map((choice) => `${flag} ${choice}`).join(' or ')}`,
  });
}

function checkDelimiter(text: string): Delimiter {
  const delimiter = parseDelimiter(text);
  if (delimiter === null) {
    throw new RasgapError('USAGE', `--delimiter does not accept "${text}"`, {
      fix: 'use comma, semicolon, tab or pipe',
    });
  }
  return delimiter;
}

/** A sheet name as Excel allows: 1 to 31 characters, none of `: \\ / ? * [ ]`. */
function checkSheet(text: string): string {
  const name = text.trim();
  if (name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name)) {
    throw new RasgapError('USAGE', `--sheet is not a sheet name: "${text}"`, {
      fix: 'give the name as shown on the sheet tab, e.g. --sheet "Data" (rasgap inspect lists the sheets)',
    });
  }
  return name;
}

function checkWhole(flag: string, value: number | string, minimum: number): number {
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < minimum) {
    throw new RasgapError(
      'USAGE',
      `${flag} takes a whole number of at least ${minimum}, got "${text}"`,
      {
        fix: `e.g. ${flag} 5`,
      },
    );
  }
  return number;
}

/** A percentage from 0 to 100 (0 turns the dominance rule off). */
function checkPercent(flag: string, value: number | string): number {
  const text = String(value).trim().replace(/%$/, '');
  const number = Number(text);
  if (text === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new RasgapError(
      'USAGE',
      `${flag} takes a percentage from 0 to 100, got "${String(value)}"`,
      {
        fix: `e.g. ${flag} 10`,
      },
    );
  }
  return number;
}

function checkConfidence(value: number | string): number {
  const text = String(value).trim();
  const level = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!(level > 0 && level < 1) || text === '') {
    throw new RasgapError('USAGE', `--confidence takes a level between 0 and 1, got "${text}"`, {
      fix: 'use e.g. --confidence 0.9 or --confidence 99%',
    });
  }
  return level;
}

function checkDate(value: Date | string): number {
  const days = value instanceof Date ? value.getTime() / 86_400_000 : parseDate(value);
  if (Number.isNaN(days)) {
    throw new RasgapError('USAGE', `--as-of is not a date: "${String(value)}"`, {
      fix: 'give a date as DD/MM/YYYY or YYYY-MM-DD',
    });
  }
  return Math.floor(days);
}
