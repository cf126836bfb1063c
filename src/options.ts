/**
 * All checking of analysis options in one place, for the CLI and the Node API alike: text from the
 * command line or values from code come in, checked and typed settings go out.
 */
import type { OutputPeriod } from './analysis/analyse.js';
import type { DuplicatePolicy } from './analysis/duplicates.js';
import { DIMENSIONS, type Dimension } from './analysis/groups.js';
import { parseTolerance, type Tolerance } from './analysis/tolerance.js';
import { RasgapError } from './errors.js';
import { parseColumnOverride, type ColumnOverrides } from './ingest/columns.js';
import { parseDate } from './ingest/dates.js';
import { parseDelimiter, type Delimiter } from './ingest/dialect.js';
import { parseEncoding, type Encoding } from './ingest/encoding.js';

/** Options as a person or a program may give them: strings where the CLI has strings. */
export interface AnalyseOptionsInput {
  /** `{ indicative: 'RAS £' }`, or CLI strings `['indicative=RAS £']`. */
  columns?: ColumnOverrides | string[];
  /** `[['ageBand'], ['clientGroup']]`, or CLI strings `['age-band', 'client-group,age-band']`. */
  by?: Dimension[][] | string[];
  period?: OutputPeriod | string;
  tolerance?: Tolerance | string;
  duplicates?: DuplicatePolicy | string;
  encoding?: Encoding | string;
  delimiter?: Delimiter | string;
  /** Reference date for ages from a date or year of birth: a Date or `DD/MM/YYYY` / ISO text. */
  asOf?: Date | string;
}

export interface AnalyseSettings {
  columns: ColumnOverrides;
  /** Undefined: the default breakdowns (age band, and client group, where the columns exist). */
  by: Dimension[][] | undefined;
  period: OutputPeriod;
  tolerance: Tolerance;
  duplicates: DuplicatePolicy;
  encoding: Encoding | undefined;
  delimiter: Delimiter | undefined;
  asOf: number | undefined;
}

const DIMENSION_NAMES: Record<string, Dimension> = {
  'client-group': 'clientGroup',
  clientgroup: 'clientGroup',
  'age-band': 'ageBand',
  ageband: 'ageBand',
};

/**
 * @example
 * checkAnalyseOptions({ by: ['client-group,age-band'], tolerance: '2%' }).by
 * // [['clientGroup', 'ageBand']]
 */
export function checkAnalyseOptions(input: AnalyseOptionsInput = {}): AnalyseSettings {
  return {
    columns: checkColumns(input.columns),
    by: input.by === undefined || input.by.length === 0 ? undefined : input.by.map(checkBreakdown),
    period: checkChoice('--period', input.period ?? 'week', ['week', 'year'] as const),
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
    asOf: input.asOf === undefined ? undefined : checkDate(input.asOf),
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
    const dimension =
      DIMENSION_NAMES[key] ?? (DIMENSIONS as readonly string[]).find((d) => d === part.trim());
    if (!dimension) {
      throw new RasgapError('USAGE', `--by does not know "${part}"`, {
        fix: 'use --by client-group, --by age-band or --by client-group,age-band',
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

function checkDate(value: Date | string): number {
  const days = value instanceof Date ? value.getTime() / 86_400_000 : parseDate(value);
  if (Number.isNaN(days)) {
    throw new RasgapError('USAGE', `--as-of is not a date: "${String(value)}"`, {
      fix: 'give a date as DD/MM/YYYY or YYYY-MM-DD',
    });
  }
  return Math.floor(days);
}
