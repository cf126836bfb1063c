/**
 * The streaming front end: file bytes -> UTF-8 -> csv-parse -> ExportReader. The file is read once;
 * its SHA-256 is taken from the same chunks.
 */
import { counted, plainWarning, warning, type Warning } from './warnings.js';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { RasgapError } from '../errors.js';
import type { ColumnOverrides } from './columns.js';
import { csvRecords, CsvSyntaxError } from './csv.js';
import { sniffDelimiter, type Delimiter } from './dialect.js';
import {
  detectEncoding,
  encodingWarnings,
  ToUtf8,
  type DetectedEncoding,
  type Encoding,
} from './encoding.js';
import { ExclusionLedger } from './exclusions.js';
import { ExportReader, type HeaderReport } from './reader.js';
import type { InputPeriods } from './period.js';
import type { PrivacyFinding } from './privacy.js';
import { RecordTableBuilder, type RecordTable } from './records.js';
import { LAYOUT_REASONS } from './rows.js';
import {
  ole2Error,
  sheetWarnings,
  sniffContainer,
  streamWorkbookRows,
  type SheetChoice,
} from './workbook.js';
import { checkPeriods } from './periodCheck.js';
import type { DuplicatePolicy } from '../analysis/duplicates.js';
import { basename } from 'node:path';
import { listSome } from '../list.js';
import { ByteSource, type ExportInput } from './source.js';

export interface ReadOptions {
  columns?: ColumnOverrides;
  /** `--input-period`: for amounts whose header does not say, or named per amount. */
  inputPeriod?: InputPeriods;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** Days since 1970 used for ages from a date or year of birth when a row has no date agreed. */
  asOf?: number;
  /** The sheet of a workbook to read (default: the first with a header row); text files ignore it. */
  sheet?: string;
  /** Keep each file's person ids apart (files of different councils with no council column). */
  separateFiles?: boolean;
  /** How a person's several records are resolved (`--duplicates`): for the warnings' words. */
  duplicates?: DuplicatePolicy;
  /** Headers of columns to keep per row for `column:NAME` dimensions. */
  keepColumns?: readonly string[];
  /** Told as the files are read: for a progress line (see ReadProgressListener). */
  onProgress?: ReadProgressListener;
}

/**
 * Where a read has got to: bytes of all the files read so far, their total, and the rows read
 * (data and layout rows below the header). Called about once a megabyte, and after each file.
 */
export type ReadProgressListener = (bytesRead: number, totalBytes: number, rows: number) => void;

/** One input file as read. */
export interface InputFile extends FileFacts {
  header: HeaderReport;
  titleLines: number;
  blankLines: number;
  /** Data rows below the header (blank lines are not rows). */
  rowsRead: number;
  /** Columns that look like direct identifiers (checked on the first rows). */
  identifiers: PrivacyFinding[];
  /** Things to know that did not stop the read (ages not worked out, dates that do not parse). */
  warnings?: Warning[];
}

/**
 * What the table's amounts are in: whole pence per year when every amount's period is known, or
 * whole pence as given when none is (never a mix: see `amountBasis`).
 */
export type AmountBasis = 'pence-per-year' | 'pence-as-given';

export interface ReadResult {
  table: RecordTable;
  ledger: ExclusionLedger;
  inputs: InputFile[];
  amountBasis: AmountBasis;
}

/**
 * Reads one or more exports into one pooled table. Each file keeps its own encoding, delimiter
 * and header mapping. An export is a path, or bytes, text or a stream with a name (ExportInput).
 *
 * @example
 * const { table, ledger, inputs } = await readExports(['export.csv']);
 * await readExports([{ name: 'q1.csv', text: 'Person ID,Indicative,Actual\nP1,100,90\n' }]);
 */
export async function readExports(
  exports: readonly (ExportInput | ByteSource)[],
  options: ReadOptions = {},
): Promise<ReadResult> {
  const builder = new RecordTableBuilder(4096);
  const ledger = new ExclusionLedger();
  const inputs: InputFile[] = [];
  const sources = exports.map((item, index) => ByteSource.of(item, index));
  const paths = sources.map((item) => item.name);
  const listener = options.onProgress;
  const totalBytes = await sizeOfAll(sources);
  let bytesBefore = 0;
  let rowsBefore = 0;
  let bytesRead = 0;
  // The table is sized from the rows per byte so far, not by doubling (see expectedRows).
  builder.expectedRows = () =>
    bytesRead > 0 && totalBytes > 0
      ? Math.min((builder.count * totalBytes) / bytesRead, 2 ** 31)
      : 0;
  for (const [source, bytes] of sources.entries()) {
    builder.sourceFiles.push(bytes.name);
    const progress = (read: number, rows: number): void => {
      bytesRead = bytesBefore + read;
      listener?.(bytesRead, totalBytes, rowsBefore + rows);
    };
    const input = await readOne(bytes, source, options, builder, ledger, progress);
    bytesBefore += input.bytes;
    bytesRead = bytesBefore;
    rowsBefore += input.rowsRead;
    listener?.(bytesBefore, totalBytes, rowsBefore);
    const same = sameBytesError(inputs, input);
    // Pooled twice, every person would count twice.
    if (same !== null) throw same;
    inputs.push(input);
  }
  if (builder.count === 0) throw noUsableRows(inputs, ledger);
  const table = builder.build();
  // Numbers that say the two columns hold different periods stop the run before any figure.
  checkPeriods(table, inputs, options.inputPeriod);
  const shared = sharedPeople(table);
  if (shared.people > 0) {
    inputs[inputs.length - 1].warnings = [
      ...(inputs[inputs.length - 1].warnings ?? []),
      sharedPeopleWarning(
        shared.people,
        shared.sources.map((source) => paths[source]),
        options.duplicates,
      ),
    ];
  }
  return { table, ledger, inputs, amountBasis: amountBasis(inputs) };
}

/**
 * The refusal for a file with the same bytes (SHA-256) as one before it, or null: pooled twice,
 * every person would count twice. `inspect` names it with the same words.
 *
 * @example
 * sameBytesError([first], second) // RasgapError DUPLICATE_INPUT, or null
 */
export function sameBytesError(earlier: FileFacts[], input: FileFacts): RasgapError | null {
  const same = earlier.find((item) => item.sha256 === input.sha256);
  if (same === undefined) return null;
  const path = input.path;
  return new RasgapError(
    'DUPLICATE_INPUT',
    same.path === path
      ? 'this file is given twice, so its rows would be counted twice'
      : `this file has the same bytes (SHA-256 ${input.sha256.slice(0, 12)}…) as ${same.path}, so its rows would be counted twice`,
    {
      file: path,
      fix:
        same.path === path
          ? 'name each export once'
          : `give each export once: leave out ${path} or ${same.path}`,
    },
  );
}

/** How many people recur across pooled files, and the files they are in. */
export interface SharedPeople {
  /** People (person indices) with rows in more than one file. */
  people: number;
  /** The files (source indices, in order) holding a row of any of them. */
  sources: number[];
}

/** Files named in a warning before "and N more". */
const FILES_NAMED = 3;

/**
 * What analyse (and `inspect`) say when ids recur across pooled files: a count, never the ids,
 * and only the files they recur in (`paths` of those; at most three named, then "and N more").
 * The count is of people; the rows it makes superseded are counted apart (the exclusions), so
 * the sentence says which is which, whichever the publishing stage hides.
 *
 * @example
 * wordWarning(sharedPeopleWarning(5, ['q1.csv', 'q2.csv'])) // '5 people (ids) appear in more than one file (q1.csv, q2.csv): ...'
 */
export function sharedPeopleWarning(
  shared: number,
  paths: string[],
  duplicates: DuplicatePolicy = 'latest',
): Warning {
  const kept =
    duplicates === 'keep-all'
      ? 'each is one person across them, and with --duplicates keep-all every record of theirs is used'
      : 'each is one person across them: their latest record (by date agreed) is used, and their earlier records are among the rows excluded as superseded';
  return warning`${counted(shared, 'person (id) appears', 'people (ids) appear', 'some people (ids; count of people not shown) appear')} in more than one file (${listSome(paths, FILES_NAMED)}): the files are taken as extracts of one council, so ${kept}; if the files are different councils, pass --separate-files`;
}

/**
 * How many people (person indices) have rows in more than one file, and which files hold their
 * rows; files in `leftOut` (by source index) are not counted.
 *
 * @example
 * sharedPeople(table) // { people: 5, sources: [0, 1] } for two quarters with five people reviewed in both
 */
export function sharedPeople(
  table: RecordTable,
  leftOut: ReadonlySet<number> = new Set(),
): SharedPeople {
  const firstSource = new Int32Array(table.personIds.length).fill(-1);
  const several = new Uint8Array(table.personIds.length);
  let people = 0;
  const involved = new Set<number>();
  for (let row = 0; row < table.count; row++) {
    const who = table.person[row];
    const source = table.source[row];
    if (who < 0 || leftOut.has(source)) continue;
    if (firstSource[who] < 0) firstSource[who] = source;
    else if (firstSource[who] !== source) {
      if (several[who] === 0) {
        several[who] = 1;
        people++;
        involved.add(firstSource[who]);
      }
      involved.add(source);
    }
  }
  return { people, sources: [...involved].sort((a, b) => a - b) };
}

/**
 * Nothing to analyse: says which file, where, why, and what would help, by the reasons the rows
 * were left out (every amount suppressed needs other figures; blanks or text in every amount
 * more likely mean the wrong columns).
 */
function noUsableRows(inputs: InputFile[], ledger: ExclusionLedger): RasgapError {
  const input = inputs.find((item) => item.rowsRead > 0) ?? inputs[0];
  const names = inputs.map((item) => item.path).join(', ');
  const several = inputs.length > 1;
  if (inputs.every((item) => item.rowsRead === 0)) {
    return new RasgapError(
      'NO_USABLE_ROWS',
      several
        ? `none of the files (${names}) has data rows below its header`
        : 'the file has a header but no data rows below it',
      {
        file: input.path,
        line: input.header.line,
        fix: 'check that this is the export you meant (the rows may be on another sheet, or filtered out before saving), and export it again',
      },
    );
  }
  const summary = ledger.summary(1);
  const reasons = summary.map((item) => `${item.count} ${item.reason}`).join(', ');
  const read = inputs.reduce((sum, item) => sum + item.rowsRead, 0);
  const only = (reason: string): boolean => summary.every((item) => item.reason === reason);
  const columns = `"${input.header.columns.indicative}" and "${input.header.columns.actual}"`;
  const within = (reasons: string[]): boolean =>
    summary.every((item) => reasons.includes(item.reason));
  const fix = only('suppressed-value')
    ? 'every amount is an FOI suppression marker, so there are no figures to analyse: ask the council for the amounts unsuppressed'
    : within(['missing-value', 'suppressed-value'])
      ? `every row has a blank or suppressed amount in ${columns}, so there are no figures to analyse: check that these are the budget columns (rasgap inspect shows each column's values), or ask the council for a complete export`
      : only('unknown-period')
        ? `no row's frequency in "${input.header.columns.frequency}" names a period: check that it is the frequency column, or name another with --column frequency="<header>"`
        : within([...LAYOUT_REASONS, 'malformed-row'])
          ? 'run rasgap inspect on the file to see where its header and rows are, or --exclusions excluded.csv to see each row left out'
          : `check that ${columns} are the budget amounts (rasgap inspect shows each column's values), or name the right ones with --column indicative="<header>" --column actual="<header>"`;
  // The line of the first row left out, in the first file that has rows.
  const source = inputs.indexOf(input);
  const first = Math.min(
    ...ledger.entries.filter((entry) => entry.source === source).map((entry) => entry.line),
  );
  return new RasgapError(
    'NO_USABLE_ROWS',
    `none of the ${read} rows${several ? ` in ${names}` : ''} could be used (${reasons})`,
    { file: input.path, line: first, fix },
  );
}

/**
 * Amounts can be pooled only in one unit. If some amounts have a known period and others do not,
 * converting the known ones while leaving the others would mix units, and guessing the unknown
 * ones would be a silent guess: the run stops and names the option that settles it.
 */
export function amountBasis(inputs: InputFile[]): AmountBasis {
  const amounts = inputs.flatMap((input) =>
    (['indicative', 'actual'] as const).map((role) => ({
      input,
      role,
      ...input.header.periods[role],
    })),
  );
  const unknown = amounts.filter((amount) => amount.source === 'not-stated');
  if (unknown.length === 0) return 'pence-per-year';
  if (unknown.length === amounts.length) return 'pence-as-given';
  const first = unknown[0];
  const known = amounts.find((amount) => amount.source !== 'not-stated')!;
  throw new RasgapError(
    'PERIOD_UNKNOWN',
    `the header "${first.input.header.columns[first.role]}" does not say whether the amounts are weekly, monthly or annual, but "${known.input.header.columns[known.role]}"${known.input === first.input ? '' : ` in ${known.input.path}`} does, so the two cannot be compared`,
    {
      file: first.input.path,
      line: first.input.header.line,
      fix: 'pass --input-period week (or fortnight, four-weeks, month, year) for the amounts whose header does not say',
    },
  );
}

async function readOne(
  input: ByteSource,
  source: number,
  options: ReadOptions,
  builder: RecordTableBuilder,
  ledger: ExclusionLedger,
  progress?: (bytes: number, rows: number) => void,
): Promise<InputFile> {
  const path = input.name;
  const reader = new ExportReader(path, source, builder, ledger, {
    columns: options.columns,
    asOf: options.asOf,
    inputPeriod: options.inputPeriod,
    sourceLabel: basename(path),
    separateFiles: options.separateFiles,
    keepColumns: options.keepColumns,
  });
  const facts = await streamRecords(
    input,
    options,
    (fields, line) => reader.accept(fields, line),
    progress && ((bytes) => progress(bytes, reader.rowsRead)),
  );
  reader.finish(facts.sheet?.name);
  return {
    ...facts,
    header: reader.header!,
    titleLines: reader.titleLines,
    blankLines: reader.blankLines,
    rowsRead: reader.rowsRead,
    identifiers: reader.privacyFindings(),
    warnings: [
      ...(facts.encoding ? encodingWarnings(path, facts.encoding) : []).map(plainWarning),
      ...sheetWarnings(path, facts.sheet).map(plainWarning),
      ...reader.warnings(),
    ],
  };
}

/** What is known of a file from its bytes alone. */
export interface FileFacts {
  path: string;
  sha256: string;
  bytes: number;
  /** Decided from the content, never the file name: delimited text, or an Excel workbook. */
  format: 'text' | 'xlsx';
  /** Null for a workbook (its XML is read as it declares). */
  encoding: DetectedEncoding | null;
  delimiter: { delimiter: Delimiter; evidence: 'sniffed' | 'option' } | null;
  /** For a workbook: the sheet read, the sheets it has, and why that one. */
  sheet: SheetChoice | null;
}

/**
 * Streams a file's CSV records, each with the line it starts on, to `onRecord`; returns what was
 * learned of the bytes. The encoding and delimiter come from the options or from the first 64 KiB.
 * The file is a path, or bytes, text or a stream (ExportInput): all are read here alike.
 *
 * @example
 * const facts = await streamRecords('export.csv', {}, (fields, line) => console.log(line, fields));
 */
export async function streamRecords(
  input: ExportInput | ByteSource,
  options: Pick<ReadOptions, 'encoding' | 'delimiter' | 'sheet' | 'columns'>,
  onRecord: (fields: string[], line: number) => void,
  /** Told the bytes of the file read so far, as they are read (text files). */
  onBytes?: (bytes: number) => void,
): Promise<FileFacts> {
  const source = ByteSource.of(input, 0);
  const path = source.name;
  const head = await source.head();
  // By content, not by name: an .xlsx saved as .csv is still a workbook, and the reverse.
  const container = sniffContainer(head);
  if (container === 'ole2') {
    await source.close();
    throw ole2Error(path);
  }
  if (container === 'zip') {
    const book = await source.whole();
    const sheet = await streamWorkbookRows(
      typeof book === 'string' ? book : { path, book },
      options,
      onRecord,
    );
    return {
      path,
      ...(await source.hash()),
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet,
    };
  }
  // Text given as text is already decoded: it comes as UTF-8, whatever --encoding says.
  const forced = source.kind === 'text' ? undefined : options.encoding;
  const encoding: DetectedEncoding = forced
    ? { encoding: forced, evidence: 'option' }
    : detectEncoding(head);
  const delimiter = options.delimiter
    ? { delimiter: options.delimiter, evidence: 'option' as const }
    : {
        delimiter: sniffDelimiter(new TextDecoder(encoding.encoding).decode(head)),
        evidence: 'sniffed' as const,
      };

  const hash = createHash('sha256');
  let bytes = 0;
  const fileStream = source.stream();
  fileStream.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    // The bytes before this chunk, which the parser has about taken (the stream waits on it): the
    // end of the file is told only once its last row is read.
    onBytes?.(bytes);
    bytes += (chunk as Buffer).length;
  });
  const sink = csvRecords(delimiter.delimiter, onRecord);

  // A UTF-8 file is checked to its end: a late byte that is not UTF-8 is weighed against the
  // UTF-8 characters seen (see ToUtf8); only a detected encoding may be changed by it.
  const toUtf8 = new ToUtf8(encoding.encoding, path, {
    decide: true,
    switchAllowed: encoding.evidence === 'valid-utf-8' || encoding.evidence === 'mostly-utf-8',
  });
  try {
    await pipeline(fileStream, toUtf8, sink);
  } catch (error) {
    if (error instanceof RasgapError) throw error;
    if (error instanceof CsvSyntaxError) {
      throw new RasgapError('CSV_SYNTAX', describeCsvError(error), {
        file: path,
        // The record that failed starts where the last good one ended.
        line: sink.line,
        fix: 'check the quoting on this line; a field that starts with " must end with "',
      });
    }
    throw error;
  }
  const used: DetectedEncoding = toUtf8.late.firstNonUtf8
    ? { ...encoding, encoding: toUtf8.encodingUsed, evidence: 'late-not-utf-8', ...toUtf8.late }
    : { ...encoding, ...toUtf8.late };
  return {
    path,
    sha256: hash.digest('hex'),
    bytes,
    format: 'text',
    encoding: used,
    delimiter,
    sheet: null,
  };
}

/** The bytes of all the inputs, for a share read; a stream, whose size is unknown, counts 0. */
async function sizeOfAll(sources: readonly ByteSource[]): Promise<number> {
  const sizes = await Promise.all(sources.map((source) => source.size()));
  return sizes.reduce((sum, size) => sum + size, 0);
}

function describeCsvError(error: CsvSyntaxError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed, so the rest of the file would be one field';
    default:
      return `the CSV cannot be parsed (${error.code}): ${error.message.replace(/\.$/, '')}`;
  }
}
