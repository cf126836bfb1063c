/**
 * `rasgap inspect`: what rasgap sees in a file before any figure is worked out: encoding,
 * delimiter, where the header is, each column's role, period and sample values, values that do
 * not parse, client-group labels and repeated ids, and the exact options for anything it could not
 * detect.
 */
import { wordWarning } from './warnings.js';
import { sheetWarnings } from './workbook.js';
import { RasgapError } from '../errors.js';
import { parseAge } from './age.js';
import { resolveDuplicates, type DuplicatePolicy } from '../analysis/duplicates.js';
import { canonicalClientGroup, groupMapWarnings, type GroupMap } from './clientGroups.js';
import { ROLE_FLAGS, roleOfHeader, type ColumnOverrides, type Role } from './columns.js';
import { parseDate } from './dates.js';
import { encodingWarnings } from './encoding.js';
import { EXCLUSION_MEANINGS, ExclusionLedger, type ExclusionReason } from './exclusions.js';
import { MONEY_SUPPRESSED, parseMoney } from './money.js';
import { checkPeriods, PeriodMismatchError } from './periodCheck.js';
import {
  describeInputPeriods,
  PERIOD_WORDS,
  periodFromFrequency,
  periodFromHeader,
  type Period,
} from './period.js';
import {
  sharedPeople,
  sameBytesError,
  sharedPeopleWarning,
  streamRecords,
  type FileFacts,
  type ReadOptions,
} from './read.js';
import { ByteSource, type ExportInput } from './source.js';
import { roundingSummary } from '../analysis/tolerance.js';
import { basename } from 'node:path';
import { ExportReader, type AmountPeriod, type HeaderReport } from './reader.js';
import { RecordTableBuilder, type RecordTable } from './records.js';
import { LAYOUT_FIXES, LAYOUT_REASONS, RowClassifier, type LayoutReason } from './rows.js';

const SAMPLE_VALUES = 3;
/** Non-blank values per column looked at closely to suggest its role: enough, and cheap. */
const PROFILE_VALUES = 5000;

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
  /**
   * For the two amount columns: the most decimal places written in the column (0 for `£5,843`,
   * 2 for pence, 3 for finer), the precision analyse compares it at; null for other columns.
   */
  decimals: number | null;
}

/**
 * When the two amounts are written to different precision or in different periods (an annual
 * column in whole pounds beside a weekly one in pence): the largest gap that counts as
 * unchanged, as analyse counts it, and the line saying so.
 */
export interface RoundingInspection {
  /** The largest allowance in pounds, a year when the periods are known, else as written. */
  pounds: number;
  perYear: boolean;
  /** Records that get such an allowance. */
  records: number;
  note: string;
}

/** Several files inspected together: what analyse would do when it pools them. */
export interface PoolInspection {
  files: string[];
  /** Person ids found in more than one of the files, as analyse keys them: a count, never ids. */
  peopleInSeveralFiles: number;
  /** Each file's council column (its header), or null when it has none. */
  councilColumns: (string | null)[];
  /** Whether `--separate-files` keeps each file's ids apart. */
  separateFiles: boolean;
  /**
   * Files with the same bytes (SHA-256) as an earlier one (or the same path again): analyse
   * refuses them, and `peopleInSeveralFiles` leaves them out.
   */
  identical: { path: string; sameAs: string; fix: string }[];
  /** One line each: how the files' people are pooled, and what to do if that is wrong. */
  notes: string[];
}

export interface FileInspection extends FileFacts {
  headerLine: number | null;
  titleLines: number;
  /** Empty lines and rows of empty cells (`,,,,`): not rows, counted as analyse counts them. */
  blankLines: number;
  rowsRead: number;
  columns: ColumnInspection[];
  clientGroups: { label: string; canonical: string | null; count: number }[];
  repeatedIds: { people: number; rows: number };
  exclusions: { reason: ExclusionReason; count: number; lines: number[] }[];
  /**
   * Layout found below the header (totals, subtotals, group labels, repeated headers, a table
   * under the data): what it is, the lines to be excluded, and what to do about it.
   */
  layout: { reason: LayoutReason; count: number; lines: number[]; meaning: string; fix: string }[];
  /** Whether `rasgap analyse` can read this file with the options given. */
  analysable: boolean;
  /** Why not, in one line each (the error analyse would give). */
  problems: string[];
  /** Options that would fix what was not detected, ready to paste. */
  flags: string[];
  /** The same as a config file fragment. */
  config: { columns?: Record<string, string>; inputPeriod?: string | string[]; asOf?: string };
  /**
   * The analyse command with the options already given and the suggested ones; null when there
   * is nothing to suggest, or when no option would make the file readable.
   */
  command: string | null;
  /** Things analyse would warn about (ages not worked out, dates that do not parse, the group map). */
  warnings: string[];
  /** Gaps within the amounts' rounding that count as unchanged; null when the precisions agree. */
  rounding: RoundingInspection | null;
  /** With several files: how they pool (the same for each file); null for one file. */
  pooled: PoolInspection | null;
}

/** What inspect needs beyond reading: the group map, the duplicate policy, the flags given. */
export interface InspectOptions extends ReadOptions {
  groupMap?: GroupMap;
  duplicates?: DuplicatePolicy;
  /**
   * The options given on the command line, as typed (`--column actual="Agreed £"`), kept in the
   * suggested command; derived from the options when not given.
   */
  given?: string[];
}

interface ColumnTally {
  samples: string[];
  blank: number;
  filled: number;
  amounts: number;
  suppressed: number;
  dates: number;
  ages: number;
  profile: ValueProfile;
}

/** What the first PROFILE_VALUES non-blank values of a column look like, to suggest a role. */
interface ValueProfile {
  n: number;
  distinct: Set<string>;
  /** Frequency words: Weekly, 4 Weekly, Monthly, Annual... */
  frequencies: number;
  /** Labels that map to the client-group taxonomy (with the group map). */
  groups: number;
  /** Whole numbers from 0 to 110. */
  ages: number;
  /** Four-digit years from 1880 to 2030. */
  years: number;
  /** Amounts (or FOI markers for them). */
  money: number;
  /** Written as money: a £, pence (`.50`) or thousands (`1,200`). */
  moneyStyled: number;
  dates: number;
  letters: number;
}

/**
 * Inspects one file (a path, or bytes, text or a stream with a name: ExportInput). Never throws
 * for the file's content (that is what it reports); throws only when the file cannot be read at
 * all.
 *
 * @example
 * const inspection = await inspectFile('export.csv', {});
 * inspection.analysable // true
 */
export async function inspectFile(
  input: ExportInput | ByteSource,
  options: InspectOptions,
  pool?: PoolMember,
): Promise<FileInspection> {
  const source = ByteSource.of(input, pool?.source ?? 0);
  const path = source.name;
  const columnsOverride: ColumnOverrides = options.columns ?? {};
  // With several files, a second reader keys this file's people into the shared pool as analyse
  // does; it stops quietly where the file cannot be read (the file's own problems say why).
  const poolReader = pool
    ? new ExportReader(path, pool.source, pool.builder, new ExclusionLedger(), {
        columns: columnsOverride,
        asOf: options.asOf,
        inputPeriod: options.inputPeriod,
        sourceLabel: basename(path),
        separateFiles: options.separateFiles,
      })
    : null;
  let poolFailed = false;
  const feedPool = (step: () => void): void => {
    if (poolReader === null || poolFailed) return;
    try {
      step();
    } catch (error) {
      if (!(error instanceof RasgapError)) throw error;
      poolFailed = true;
    }
  };
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
  let tallies: ColumnTally[] = [];
  const ids = new Map<string, number>();
  let idColumn = -1;
  let groupColumn = -1;
  const groupTally = new Map<string, { label: string; count: number }>();
  // Layout rows as the shared classifier sees them, for when the reader stopped at the header.
  const layout: { line: number; reason: LayoutReason; detail: string }[] = [];

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
      profile: {
        n: 0,
        distinct: new Set<string>(),
        frequencies: 0,
        groups: 0,
        ages: 0,
        years: 0,
        money: 0,
        moneyStyled: 0,
        dates: 0,
        letters: 0,
      },
    }));
    const roleAt = (role: Role): number => {
      const override = columnsOverride[role];
      if (override !== undefined) {
        return headers.findIndex((h) => h.toLowerCase() === override.trim().toLowerCase());
      }
      return headers.findIndex((h) => roleOfHeader(h) === role);
    };
    idColumn = roleAt('personId');
    groupColumn = roleAt('clientGroup');
  };

  const tallyRecord = (fields: string[]): void => {
    tallyRow(fields, tallies, options.groupMap ?? {});
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

  // The same header finder and row classifier as the reader: the header, the blank lines and
  // the layout rows (totals, subtotals, group labels, repeated headers, a table under the data)
  // are the reader's, so only people's rows are tallied and the counts agree with analyse.
  const rows = new RowClassifier(columnsOverride, (row) => {
    if (row.kind === 'header') useHeader(row.fields, row.line);
    else if (row.kind === 'data') tallyRecord(row.fields);
    else if ((LAYOUT_REASONS as readonly string[]).includes(row.kind)) {
      layout.push({ line: row.line, reason: row.kind as LayoutReason, detail: row.detail });
    }
  });

  const facts = await streamRecords(source, options, (fields, line) => {
    if (!readerFailed) {
      try {
        reader.accept(fields, line);
      } catch (error) {
        if (!(error instanceof RasgapError)) throw error;
        readerFailed = true;
        problems.push(oneLine(error));
      }
    }
    feedPool(() => poolReader!.accept(fields, line));
    rows.push(fields, line);
  });
  rows.finish();
  feedPool(() => poolReader!.finish(facts.sheet?.name));
  if (!readerFailed) {
    try {
      reader.finish(facts.sheet?.name);
    } catch (error) {
      if (!(error instanceof RasgapError)) throw error;
      readerFailed = true;
      problems.push(oneLine(error));
    }
  }
  if (readerFailed) {
    // analyse would stop at the header; the layout rows are still worth knowing about.
    for (const item of layout) ledger.add(0, item.line, item.reason, item.detail);
  }

  const mapped = reader.header;
  const columns: ColumnInspection[] = headers.map((header, index) => {
    const tally = tallies[index];
    const role = mapped
      ? ((Object.entries(mapped.columns).find(([, h]) => h === header)?.[0] as Role | undefined) ??
        null)
      : (overrideRole(columnsOverride, header) ?? roleOfHeader(header));
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
      decimals: null,
    };
  });

  // Repeated rows and people are settled as analyse settles them, so both count the same rows.
  let periodFix: string[] | null = null;
  let rounding: RoundingInspection | null = null;
  if (builder.count > 0) {
    const table = builder.build();
    if (mapped) rounding = describeRounding(table, columns, mapped);
    for (const item of resolveDuplicates(table, options.duplicates ?? 'latest').excluded) {
      ledger.add(0, table.line[item.row], item.reason, item.detail);
    }
    // Amounts whose numbers say they are in different periods: analyse stops on them.
    try {
      if (reader.header)
        checkPeriods(table, [{ path, header: reader.header }], options.inputPeriod);
    } catch (error) {
      if (!(error instanceof PeriodMismatchError)) throw error;
      problems.push(oneLine(error));
      periodFix = error.inputPeriods;
    }
  }
  const exclusions = ledger.summary(10);

  // The reader counts rows only once it has a header it can use; the classifier counts them anyway.
  const rowsRead = rows.rowsRead;
  const dataRows = rows.rowsRead;
  // Problems no option can fix: then no command is offered.
  let hopeless = false;
  if (!readerFailed && reader.rowsRead === 0) {
    problems.push('the file has a header but no data rows below it');
    hopeless = true;
  }
  if (!readerFailed && reader.rowsRead > 0 && builder.count === 0) {
    problems.push('no row has two usable amounts');
    hopeless = true;
  }
  if (readerFailed && dataRows === 0) hopeless = true;
  const suggested = suggestions(columns, tallies, {
    mappedOk: mapped !== null,
    overrides: columnsOverride,
    asOf: options.asOf !== undefined,
    problems,
  });
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
  if (periodFix !== null) {
    // The periods the numbers suggest replace a bare --input-period, which would not read it.
    suggested.flags = [
      ...suggested.flags.filter((flag) => !flag.startsWith('--input-period')),
      ...periodFix.map((period) => `--input-period ${period}`),
    ];
    suggested.config.inputPeriod = periodFix;
  }
  const { flags } = suggested;
  // The fragment to save holds the columns already named as well as the ones suggested.
  const named = Object.fromEntries(
    (Object.entries(columnsOverride) as [Role, string][]).map(([role, header]) => [
      ROLE_FLAGS[role],
      header,
    ]),
  );
  const config: FileInspection['config'] =
    Object.keys(named).length > 0 && flags.length > 0
      ? { ...suggested.config, columns: { ...named, ...suggested.config.columns } }
      : suggested.config;
  const command =
    flags.length === 0 || hopeless || !suggested.complete
      ? null
      : [
          'rasgap analyse',
          shellQuote(path),
          ...(options.given ?? givenFlags(options)),
          ...flags,
        ].join(' ');
  // inspect is for the analyst, not for publication: counts are worded as they are.
  const warnings = [
    ...(facts.encoding ? encodingWarnings(path, facts.encoding) : []),
    ...sheetWarnings(path, facts.sheet),
    ...reader.warnings().map(wordWarning),
    ...groupMapWarnings(options.groupMap ?? {}),
  ];

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
    titleLines: rows.titleLines,
    blankLines: rows.blankLines,
    rowsRead,
    columns,
    clientGroups,
    repeatedIds: { people: repeatedPeople, rows: repeatedRows },
    exclusions,
    layout: exclusions
      .filter((item) => (LAYOUT_REASONS as readonly string[]).includes(item.reason))
      .map((item) => ({
        reason: item.reason as LayoutReason,
        count: item.count,
        lines: item.lines,
        meaning: EXCLUSION_MEANINGS[item.reason],
        fix: LAYOUT_FIXES[item.reason as LayoutReason],
      })),
    analysable: problems.length === 0,
    problems,
    flags,
    config,
    command,
    warnings,
    rounding,
    pooled: null,
  };
}

/** A file's place in a pooled inspection: the shared table its people are keyed into. */
interface PoolMember {
  builder: RecordTableBuilder;
  source: number;
}

/**
 * Inspects each file, and with several, how analyse would pool them: person ids found in more
 * than one file (a count), whether the files have a council column, and files with the same
 * bytes, which analyse refuses (then that file is not analysable). The rules are analyse's own
 * (`src/ingest/read.ts`), so the two agree.
 *
 * @example
 * const [q1, q2] = await inspectFiles(['q1.csv', 'q2.csv'], {});
 * q2.pooled?.peopleInSeveralFiles // 5
 */
export async function inspectFiles(
  files: readonly (ExportInput | ByteSource)[],
  options: InspectOptions,
): Promise<FileInspection[]> {
  const builder = new RecordTableBuilder(1024);
  const several = files.length > 1;
  const sources = files.map((file, index) => ByteSource.of(file, index));
  const paths = sources.map((file) => file.name);
  const inspections: FileInspection[] = [];
  for (const [source, file] of sources.entries()) {
    if (several) builder.sourceFiles.push(file.name);
    inspections.push(await inspectFile(file, options, several ? { builder, source } : undefined));
  }
  if (!several) return inspections;
  const identical: PoolInspection['identical'] = [];
  // Counted as analyse would count them once each file is given once.
  const leftOut = new Set<number>();
  inspections.forEach((inspection, index) => {
    const error = sameBytesError(inspections.slice(0, index), inspection);
    if (error === null) return;
    leftOut.add(index);
    const sameAs = inspections.find((item) => item.sha256 === inspection.sha256)!.path;
    identical.push({ path: inspection.path, sameAs, fix: error.fix ?? '' });
    inspection.problems.push(oneLine(error));
    inspection.analysable = false;
  });
  const shared =
    builder.count > 0 ? sharedPeople(builder.build(), leftOut) : { people: 0, sources: [] };
  const councilColumns = inspections.map(
    (inspection) => inspection.columns.find((column) => column.role === 'council')?.header ?? null,
  );
  const separateFiles = options.separateFiles === true;
  const withCouncil = councilColumns.filter((header) => header !== null).length;
  const notes = [
    withCouncil === paths.length
      ? `every file has a council column (${[...new Set(councilColumns)].map((header) => `"${header}"`).join(', ')}): each council's ids are kept apart`
      : separateFiles
        ? `${withCouncil === 0 ? 'no file has' : 'not every file has'} a council column, and --separate-files keeps each file's ids apart`
        : `${withCouncil === 0 ? 'no file has' : 'not every file has'} a council column: files without one are taken as extracts of one council, so an id in two of them is one person; if they are different councils, pass --separate-files to analyse`,
    shared.people > 0
      ? wordWarning(
          sharedPeopleWarning(
            shared.people,
            shared.sources.map((source) => paths[source]),
            options.duplicates,
          ),
        )
      : 'no person id is found in more than one of the files',
  ];
  const pooled: PoolInspection = {
    files: [...paths],
    peopleInSeveralFiles: shared.people,
    councilColumns,
    separateFiles,
    identical,
    notes,
  };
  for (const inspection of inspections) inspection.pooled = pooled;
  return inspections;
}

/** How many decimal places, in words. */
const PRECISION_WORDS = ['whole pounds', 'tens of pence', 'pence', 'fractions of a penny'];

/**
 * Records each amount column's precision, and when the two differ in precision or period, the
 * line saying which gaps count as unchanged (the rule is `roundingSummary`'s, as analyse's).
 */
function describeRounding(
  table: RecordTable,
  columns: ColumnInspection[],
  header: HeaderReport,
): RoundingInspection | null {
  const summary = roundingSummary(table);
  const decimals = { indicative: summary.indicativeDecimals, actual: summary.actualDecimals };
  for (const column of columns) {
    if (column.role === 'indicative' || column.role === 'actual') {
      column.decimals = decimals[column.role];
    }
  }
  if (summary.records === 0) return null;
  const perYear =
    header.periods.indicative.source !== 'not-stated' &&
    header.periods.actual.source !== 'not-stated';
  const pounds = summary.largestSlack / 100;
  const written = (role: 'indicative' | 'actual'): string => {
    const period = header.periods[role];
    const when = period.period
      ? ` ${PERIOD_WORDS[period.period]}`
      : period.source === 'frequency-column'
        ? ' (period per row)'
        : '';
    return `"${header.columns[role]}" in ${PRECISION_WORDS[Math.min(decimals[role], 3)]}${when}`;
  };
  const allowance = `£${pounds.toFixed(2)}${perYear ? ' a year' : ''}`;
  return {
    pounds,
    perYear,
    records: summary.records,
    note: `the amounts are written to different precision or periods (${written('indicative')}, ${written('actual')}): a gap smaller than the coarser one's rounding, up to ±${allowance}, counts as unchanged, as analyse counts it; this applies to ${summary.records.toLocaleString('en-GB')} record${summary.records === 1 ? '' : 's'}, and --tolerance adds to it`,
  };
}

function tallyRow(fields: string[], tallies: ColumnTally[], groupMap: GroupMap): void {
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
    const profile = tally.profile;
    if (profile.n < PROFILE_VALUES) profileValue(profile, trimmed, money, groupMap);
  }
}

function profileValue(profile: ValueProfile, text: string, money: number, map: GroupMap): void {
  profile.n++;
  profile.distinct.add(text);
  if (periodFromFrequency(text) !== null) profile.frequencies++;
  const group = canonicalClientGroup(text, map);
  if (group !== null && group !== 'Unknown' && /[a-z]/i.test(text)) profile.groups++;
  if (/^\d{1,3}$/.test(text) && Number(text) <= 110) profile.ages++;
  if (/^\d{4}$/.test(text) && Number(text) >= 1880 && Number(text) <= 2030) profile.years++;
  if (money >= 0 || money === MONEY_SUPPRESSED) profile.money++;
  if (money >= 0 && /£|\.\d\d$|\d,\d{3}/.test(text)) profile.moneyStyled++;
  if (!Number.isNaN(parseDate(text))) profile.dates++;
  if (/[a-z]/i.test(text)) profile.letters++;
}

/** Header words that say a column holds money, and which of the two amounts it is. */
const MONEY_HEADER =
  /£|\$|\bgbp\b|budget|cost|amount|allocation|\bras\b|\bpb\b|\bib\b|pound|value|spend|award|rate|weekly|annual|per week|per annum/i;
const INDICATIVE_HEADER = /indicative|\bras\b|estimat|provisional|upfront|\bib\b|allocation/i;
const ACTUAL_HEADER =
  /actual|agreed|final|approved|\bpb\b|support plan|personal budget|award|confirmed/i;
const ID_HEADER = /\b(id|ref|reference|number|no|nhs|mosaic|las|client|person|user|case)\b/i;
const BIRTH_HEADER = /birth|\bdob\b|\bborn\b|\byob\b/i;
const DATE_AGREED_HEADER = /agree|approv|panel|decision|start|authoris/i;
const AGE_HEADER = /\bage\b|years|\byrs\b|\bold\b/i;

interface Suggestions {
  flags: string[];
  config: FileInspection['config'];
  /** Whether, with these flags, the indicative and actual columns are both named. */
  complete: boolean;
}

/**
 * The options that name what was not detected, suggested only where a column's values fit the
 * role (frequency words, dates, taxonomy labels, ages, ids, money) so that no suggestion reads a
 * column as something it is not. Where the values cannot tell two columns apart (two amounts
 * with no indicative or actual word in their headers), it says so and leaves the choice.
 */
function suggestions(
  columns: ColumnInspection[],
  tallies: ColumnTally[],
  context: { mappedOk: boolean; overrides: ColumnOverrides; asOf: boolean; problems: string[] },
): Suggestions {
  const flags: string[] = [];
  const columnsConfig: Record<string, string> = {};
  const config: FileInspection['config'] = {};
  const taken = new Set<Role>(columns.flatMap((column) => (column.role ? [column.role] : [])));
  for (const role of Object.keys(context.overrides) as Role[]) taken.add(role);
  const overridden = new Set(Object.values(context.overrides).map((h) => h.trim().toLowerCase()));
  // Columns with no role yet, each with what its values look like.
  const free = columns
    .map((column, index) => ({ column, profile: tallies[index].profile }))
    .filter(
      ({ column, profile }) =>
        column.role === null &&
        profile.n > 0 &&
        !overridden.has(column.header.trim().toLowerCase()),
    );
  const claim = (role: Role, column: ColumnInspection): void => {
    flags.push(`--column ${ROLE_FLAGS[role]}=${shellQuote(column.header, true)}`);
    columnsConfig[ROLE_FLAGS[role]] = column.header;
    taken.add(role);
    const at = free.findIndex((item) => item.column === column);
    if (at >= 0) free.splice(at, 1);
  };
  const most = (count: number, n: number): boolean => count >= 0.8 * n;
  /** The one candidate, or the one whose header fits when there are several; else null. */
  const pick = <T extends { column: ColumnInspection }>(
    candidates: T[],
    header: RegExp,
  ): T | null => {
    if (candidates.length === 1) return candidates[0];
    const fitting = candidates.filter((item) => header.test(item.column.header));
    return fitting.length === 1 ? fitting[0] : null;
  };

  const frequencyLike = free.filter(({ profile }) => most(profile.frequencies, profile.n));
  if (!taken.has('frequency')) {
    const chosen = pick(frequencyLike, /freq|period/i);
    if (chosen) claim('frequency', chosen.column);
  }

  const dateLike = free.filter(({ profile }) => most(profile.dates, profile.n));
  const birthDates = dateLike.filter(({ column }) => BIRTH_HEADER.test(column.header));
  if (!taken.has('dateOfBirth') && birthDates.length === 1) {
    claim('dateOfBirth', birthDates[0].column);
  }
  if (!taken.has('dateAgreed')) {
    const chosen = pick(
      dateLike.filter(({ column }) => !BIRTH_HEADER.test(column.header)),
      DATE_AGREED_HEADER,
    );
    if (chosen) claim('dateAgreed', chosen.column);
  }
  if (!taken.has('yearOfBirth') && !taken.has('dateOfBirth')) {
    const years = free.filter(
      ({ column, profile }) => BIRTH_HEADER.test(column.header) && most(profile.years, profile.n),
    );
    if (years.length === 1) claim('yearOfBirth', years[0].column);
  }

  if (!taken.has('clientGroup')) {
    const chosen = pick(
      free.filter(({ profile }) => most(profile.groups, profile.n)),
      /group|categor|reason|psr|client/i,
    );
    if (chosen) claim('clientGroup', chosen.column);
  }

  const ageBandKnown = taken.has('ageBand') || taken.has('dateOfBirth') || taken.has('yearOfBirth');
  if (!taken.has('age') && !ageBandKnown) {
    // Every value a whole number 0-110, not written as money, under a header that is not an id's.
    const chosen = pick(
      free.filter(
        ({ column, profile }) =>
          profile.ages === profile.n &&
          profile.moneyStyled === 0 &&
          !ID_HEADER.test(column.header) &&
          !MONEY_HEADER.test(column.header),
      ),
      AGE_HEADER,
    );
    if (chosen) claim('age', chosen.column);
  }

  if (!taken.has('personId')) {
    // Mostly distinct, not dates, money or labels; a header that says id, or codes with letters.
    const idLike = free.filter(
      ({ column, profile }) =>
        profile.n >= 2 &&
        profile.distinct.size >= 0.7 * profile.n &&
        profile.dates === 0 &&
        profile.moneyStyled === 0 &&
        profile.groups === 0 &&
        profile.frequencies === 0 &&
        !MONEY_HEADER.test(column.header),
    );
    const named = idLike.filter(({ column }) => ID_HEADER.test(column.header));
    const coded = idLike.filter(({ profile }) => most(profile.letters, profile.n));
    const chosen =
      named.length === 1 ? named[0] : named.length === 0 && coded.length === 1 ? coded[0] : null;
    if (chosen) claim('personId', chosen.column);
  }

  let complete = context.mappedOk;
  const missing = (['indicative', 'actual'] as const).filter((role) => !taken.has(role));
  if (!context.mappedOk && missing.length > 0) {
    // Money columns that are not dates; ids and ages were claimed above, so they are not here.
    const amountLike = free.filter(
      ({ profile }) => most(profile.money, profile.n) && profile.dates < profile.n / 2,
    );
    const strong = amountLike.filter(
      ({ column, profile }) =>
        MONEY_HEADER.test(column.header) || profile.moneyStyled >= profile.n / 2,
    );
    const choices = new Map<Role, ColumnInspection>();
    for (const role of missing) {
      const [own, other] =
        role === 'indicative'
          ? [INDICATIVE_HEADER, ACTUAL_HEADER]
          : [ACTUAL_HEADER, INDICATIVE_HEADER];
      const fitting = strong.filter(
        ({ column }) => own.test(column.header) && !other.test(column.header),
      );
      if (fitting.length === 1) choices.set(role, fitting[0].column);
    }
    // One amount missing and one money column left: that is it, whatever its header says.
    if (missing.length === 1 && !choices.has(missing[0]) && strong.length === 1) {
      choices.set(missing[0], strong[0].column);
    }
    const distinct = new Set(choices.values()).size === choices.size;
    if (choices.size === missing.length && distinct) {
      for (const role of missing) claim(role, choices.get(role)!);
      complete = true;
    } else {
      const shown = (strong.length > 0 ? strong : amountLike).map(({ column }) => column.header);
      if (shown.length > 0) {
        const [a, b] = shown;
        const example =
          missing.length === 2 && b !== undefined
            ? `--column indicative=${shellQuote(a, true)} --column actual=${shellQuote(b, true)}, or the other way round`
            : `--column ${ROLE_FLAGS[missing[0]]}=${shellQuote(a, true)}`;
        context.problems.push(
          `columns that look like amounts: ${shown.map((h) => `"${h}"`).join(', ')}; their headers do not say which is the indicative (RAS) budget and which the actual one, so choose: ${example}`,
        );
      }
    }
  }

  const frequencyWords = frequencyLike.length > 0 || taken.has('frequency');
  const unstated = columns.filter((column) => column.period?.source === 'not-stated');
  if (frequencyLike.length > 1 && !columnsConfig.frequency && !context.overrides.frequency) {
    context.problems.push(
      `columns that hold frequency words: ${frequencyLike.map(({ column }) => `"${column.header}"`).join(', ')}; name the amounts' one with --column frequency="<header>"`,
    );
  }
  // A column of Weekly/Monthly words is the period, row by row: one period for all would be wrong.
  if (unstated.length > 0 && !frequencyWords) {
    flags.push('--input-period week');
    config.inputPeriod = 'week';
  }

  const birth = taken.has('dateOfBirth') || taken.has('yearOfBirth');
  if (
    birth &&
    !taken.has('dateAgreed') &&
    !taken.has('age') &&
    !taken.has('ageBand') &&
    !context.asOf
  ) {
    // No date to work ages out at: analyse would put everyone in Unknown.
    flags.push('--as-of DD/MM/YYYY');
    config.asOf = 'DD/MM/YYYY';
  }
  if (Object.keys(columnsConfig).length > 0) config.columns = columnsConfig;
  // Keep the config's key order stable: columns first.
  const ordered: FileInspection['config'] = {};
  if (config.columns) ordered.columns = config.columns;
  if (config.inputPeriod) ordered.inputPeriod = config.inputPeriod;
  if (config.asOf) ordered.asOf = config.asOf;
  return { flags, config: ordered, complete };
}

/** A value for the shell: as is when plain, else in double quotes (always for a header). */
function shellQuote(text: string, always = false): string {
  if (!always && /^[\w./-]+$/.test(text)) return text;
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The options given, as flags, when the command line's own are not known (the Node API). */
function givenFlags(options: InspectOptions): string[] {
  const flags = Object.entries(options.columns ?? {}).map(
    ([role, header]) => `--column ${ROLE_FLAGS[role as Role]}=${shellQuote(header, true)}`,
  );
  for (const period of describeInputPeriods(options.inputPeriod ?? {})) {
    flags.push(`--input-period ${period}`);
  }
  if (options.encoding) flags.push(`--encoding ${options.encoding}`);
  if (options.delimiter) flags.push(`--delimiter ${DELIMITER_FLAGS[options.delimiter] ?? 'comma'}`);
  if (options.sheet) flags.push(`--sheet ${shellQuote(options.sheet, true)}`);
  return flags;
}

const DELIMITER_FLAGS: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** The role a `--column` override gives this header, when the mapping as a whole failed. */
function overrideRole(overrides: ColumnOverrides, header: string): Role | null {
  const wanted = header.trim().toLowerCase();
  const found = (Object.entries(overrides) as [Role, string][]).find(
    ([, text]) => text.trim().toLowerCase() === wanted,
  );
  return found ? found[0] : null;
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
