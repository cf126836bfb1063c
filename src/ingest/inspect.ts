/**
 * `rasgap inspect`: what rasgap sees in a file before any figure is worked out: encoding,
 * delimiter, where the header is, each column's role, period and sample values, values that do
 * not parse, client-group labels and repeated ids, and the exact options for anything it could not
 * detect.
 */
import { RasgapError } from '../errors.js';
import { parseAge } from './age.js';
import { canonicalClientGroup, type GroupMap } from './clientGroups.js';
import {
  looksLikeHeader,
  ROLE_FLAGS,
  roleOfHeader,
  type ColumnOverrides,
  type Role,
} from './columns.js';
import { parseDate } from './dates.js';
import { ExclusionLedger, type ExclusionReason } from './exclusions.js';
import { MONEY_SUPPRESSED, parseMoney } from './money.js';
import { periodFromHeader, type Period } from './period.js';
import { streamRecords, type FileFacts, type ReadOptions } from './read.js';
import { ExportReader, totalRowLabel, type AmountPeriod } from './reader.js';
import { RecordTableBuilder } from './records.js';

const SAMPLE_VALUES = 3;
const HEADER_SEARCH_LINES = 50;

export interface ColumnInspection {
  /** 1-based column number. */
  number: number;
  header: string;
  role: Role | null;
  /** For the two amount columns: how their period was decided. */
  period: AmountPeriod | null;
  /** Period words in the header, for any column. */
  headerPeriod: Period | null;
  samples: string[];
  blank: number;
  /** Values that look like amounts / dates / ages, and FOI markers, among the non-blank ones. */
  amounts: number;
  suppressed: number;
  dates: number;
  ages: number;
  /** For role columns: values that do not parse as that role wants. */
  unparsed: number;
}

export interface FileInspection extends FileFacts {
  headerLine: number | null;
  titleLines: number;
  rowsRead: number;
  columns: ColumnInspection[];
  clientGroups: { label: string; canonical: string | null; count: number }[];
  repeatedIds: { people: number; rows: number };
  exclusions: { reason: ExclusionReason; count: number; lines: number[] }[];
  /** Whether `rasgap analyse` can read this file with the options given. */
  analysable: boolean;
  /** Why not, in one line each (the error analyse would give). */
  problems: string[];
  /** Options that would fix what was not detected, ready to paste. */
  flags: string[];
  /** The same as a config file fragment. */
  config: { columns?: Record<string, string>; inputPeriod?: string };
}

interface ColumnTally {
  samples: string[];
  blank: number;
  filled: number;
  amounts: number;
  suppressed: number;
  dates: number;
  ages: number;
}

/**
 * Inspects one file. Never throws for the file's content (that is what it reports); throws only
 * when the file cannot be read at all.
 *
 * @example
 * const inspection = await inspectFile('export.csv', {});
 * inspection.analysable // true
 */
export async function inspectFile(
  path: string,
  options: ReadOptions & { groupMap?: GroupMap },
): Promise<FileInspection> {
  const columnsOverride: ColumnOverrides = options.columns ?? {};
  const builder = new RecordTableBuilder(1024);
  const ledger = new ExclusionLedger();
  const reader = new ExportReader(path, 0, builder, ledger, {
    columns: columnsOverride,
    asOf: options.asOf,
    inputPeriod: options.inputPeriod,
  });
  const problems: string[] = [];
  let readerFailed = false;

  let headerLine: number | null = null;
  let headers: string[] = [];
  let candidate: { fields: string[]; line: number } | null = null;
  let searched = 0;
  // Rows seen while looking for the header: tallied once it is known, if they fall below it.
  const searchedRows: { fields: string[]; line: number }[] = [];
  let tallies: ColumnTally[] = [];
  const ids = new Map<string, number>();
  let idColumn = -1;
  let groupColumn = -1;
  const groupTally = new Map<string, { label: string; count: number }>();

  const useHeader = (fields: string[], line: number): void => {
    headerLine = line;
    headers = fields.map((field) => field.trim());
    tallies = headers.map(() => ({
      samples: [],
      blank: 0,
      filled: 0,
      amounts: 0,
      suppressed: 0,
      dates: 0,
      ages: 0,
    }));
    const pending = searchedRows.filter((row) => row.line > line);
    searchedRows.length = 0;
    const roleAt = (role: Role): number => {
      const override = columnsOverride[role];
      if (override !== undefined) {
        return headers.findIndex((h) => h.toLowerCase() === override.trim().toLowerCase());
      }
      return headers.findIndex((h) => roleOfHeader(h) === role);
    };
    idColumn = roleAt('personId');
    groupColumn = roleAt('clientGroup');
    for (const row of pending) tallyRecord(row.fields);
    pending.length = 0;
  };

  let dataRows = 0;
  const tallyRecord = (fields: string[]): void => {
    dataRows++;
    // A summary row is not a person: its cells would count as one more client group or id.
    if (totalRowLabel(fields) !== null) return;
    tallyRow(fields, tallies);
    if (idColumn >= 0) {
      const id = fields[idColumn]?.trim() ?? '';
      if (id !== '') ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    if (groupColumn >= 0) {
      const label = fields[groupColumn]?.trim().replace(/\s+/g, ' ') ?? '';
      // One spelling per label ignoring case, as analyse does: the first one seen.
      const key = label === '' ? 'unknown' : label.toLowerCase();
      const group = groupTally.get(key);
      if (group) group.count++;
      else groupTally.set(key, { label: label === '' ? 'Unknown' : label, count: 1 });
    }
  };

  const facts = await streamRecords(path, options, (fields, line) => {
    if (!readerFailed) {
      try {
        reader.accept(fields, line);
      } catch (error) {
        if (!(error instanceof RasgapError)) throw error;
        readerFailed = true;
        problems.push(oneLine(error));
      }
    }
    if (fields.length === 1 && fields[0].trim() === '') return;
    if (headerLine === null) {
      searched++;
      searchedRows.push({ fields, line });
      if (candidate === null && fields.filter((f) => f.trim() !== '').length >= 2) {
        candidate = { fields, line };
      }
      if (looksLikeHeader(fields, columnsOverride)) useHeader(fields, line);
      else if (searched >= HEADER_SEARCH_LINES && candidate !== null) {
        const first: { fields: string[]; line: number } = candidate;
        useHeader(first.fields, first.line);
      }
      return;
    }
    tallyRecord(fields);
  });
  if (headerLine === null && candidate !== null) {
    const first: { fields: string[]; line: number } = candidate;
    useHeader(first.fields, first.line);
  }
  if (!readerFailed) {
    try {
      reader.finish();
    } catch (error) {
      if (!(error instanceof RasgapError)) throw error;
      readerFailed = true;
      problems.push(oneLine(error));
    }
  }

  const mapped = reader.header;
  const columns: ColumnInspection[] = headers.map((header, index) => {
    const tally = tallies[index];
    const role = mapped
      ? ((Object.entries(mapped.columns).find(([, h]) => h === header)?.[0] as Role | undefined) ??
        null)
      : roleOfHeader(header);
    return {
      number: index + 1,
      header,
      role,
      period: mapped && (role === 'indicative' || role === 'actual') ? mapped.periods[role] : null,
      headerPeriod: periodFromHeader(header),
      samples: tally.samples,
      blank: tally.blank,
      amounts: tally.amounts,
      suppressed: tally.suppressed,
      dates: tally.dates,
      ages: tally.ages,
      unparsed: unparsedCount(role, tally),
    };
  });

  const exclusions = ledger.summary(10);

  const { flags, config } = suggestions(columns, tallies, mapped !== null, problems);
  // The reader counts rows only once it has a header it can use; the tally counts them anyway.
  const rowsRead = Math.max(reader.rowsRead, dataRows);
  if (!readerFailed && reader.rowsRead === 0)
    problems.push('the file has a header but no data rows');
  if (!readerFailed && reader.rowsRead > 0 && builder.count === 0) {
    problems.push('no row has two usable amounts');
  }
  if (mapped) {
    const stated = (['indicative', 'actual'] as const).filter(
      (role) => mapped.periods[role].source !== 'not-stated',
    );
    if (stated.length === 1) {
      problems.push(
        'one amount column states its period and the other does not: pass --input-period for the other',
      );
    }
  }

  const clientGroups = [...groupTally.values()]
    .map(({ label, count }) => ({
      label,
      canonical: canonicalClientGroup(label === 'Unknown' ? '' : label, options.groupMap ?? {}),
      count,
    }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  let repeatedPeople = 0;
  let repeatedRows = 0;
  for (const count of ids.values()) {
    if (count > 1) {
      repeatedPeople++;
      repeatedRows += count;
    }
  }

  return {
    ...facts,
    headerLine,
    titleLines: reader.titleLines,
    rowsRead,
    columns,
    clientGroups,
    repeatedIds: { people: repeatedPeople, rows: repeatedRows },
    exclusions,
    analysable: problems.length === 0,
    problems,
    flags,
    config,
  };
}

function tallyRow(fields: string[], tallies: ColumnTally[]): void {
  for (let index = 0; index < tallies.length; index++) {
    const value = fields[index] ?? '';
    const tally = tallies[index];
    const trimmed = value.trim();
    if (trimmed === '') {
      tally.blank++;
      continue;
    }
    tally.filled++;
    if (tally.samples.length < SAMPLE_VALUES && !tally.samples.includes(trimmed)) {
      tally.samples.push(trimmed);
    }
    const money = parseMoney(trimmed);
    if (money >= 0) tally.amounts++;
    else if (money === MONEY_SUPPRESSED) tally.suppressed++;
    if (!Number.isNaN(parseDate(trimmed))) tally.dates++;
    if (!Number.isNaN(parseAge(trimmed))) tally.ages++;
  }
}

/** The options that name what was not detected: amount columns, their period. */
function suggestions(
  columns: ColumnInspection[],
  tallies: ColumnTally[],
  mappedOk: boolean,
  problems: string[],
): { flags: string[]; config: FileInspection['config'] } {
  const flags: string[] = [];
  const config: FileInspection['config'] = {};
  const has = (role: Role): boolean => columns.some((column) => column.role === role);
  if (!mappedOk && (!has('indicative') || !has('actual'))) {
    // Columns whose values are nearly all amounts (and not ages or dates) are the candidates.
    const amountLike = columns.filter((column, index) => {
      const tally = tallies[index];
      const filled = tally.amounts + tally.suppressed;
      const seen = filled + tally.blank;
      return (
        column.role === null &&
        seen > 0 &&
        tally.amounts > 0 &&
        tally.dates < tally.amounts / 2 &&
        filled >= 0.8 * (seen - tally.blank)
      );
    });
    const missing = (['indicative', 'actual'] as const).filter((role) => !has(role));
    const pairs = missing.map((role, i) => [role, amountLike[i]?.header ?? '<header>'] as const);
    config.columns = {};
    for (const [role, header] of pairs) {
      flags.push(`--column ${ROLE_FLAGS[role]}="${header}"`);
      config.columns[role] = header;
    }
    if (amountLike.length > 0) {
      problems.push(
        `columns that hold amounts: ${amountLike.map((c) => `"${c.header}"`).join(', ')}; check which is the indicative (RAS) budget and which the actual one`,
      );
    }
  }
  const unstated = columns.filter((column) => column.period?.source === 'not-stated');
  if (unstated.length > 0) {
    flags.push('--input-period week');
    config.inputPeriod = 'week';
  }
  return { flags, config };
}

/** Non-blank values that do not parse as the column's role needs. */
function unparsedCount(role: Role | null, tally: ColumnTally): number {
  switch (role) {
    case 'indicative':
    case 'actual':
      return tally.filled - tally.amounts - tally.suppressed;
    case 'dateAgreed':
    case 'dateOfBirth':
      return tally.filled - tally.dates;
    case 'age':
      return tally.filled - tally.ages;
    default:
      return 0;
  }
}

function oneLine(error: RasgapError): string {
  return error.fix ? `${error.message}. Fix: ${error.fix}` : error.message;
}
