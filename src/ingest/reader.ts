/**
 * records -> rows of the RecordTable: the pure core of reading an export. It takes the fields of
 * each CSV record with its line number, finds the header below any title lines, and either adds
 * the row to the table or excludes it with a reason. The streaming front end is in read.ts.
 */
import { counted, warning, type Warning } from './warnings.js';
import { RasgapError } from '../errors.js';
import { AGE_BAND_UNKNOWN, ageBandOfAge, ageBandOfLabel, parseAge } from './age.js';
import { mapColumns, type ColumnMapping, type ColumnOverrides, type Role } from './columns.js';
import { parseDate } from './dates.js';
import { ExclusionLedger, type ExclusionReason } from './exclusions.js';
import { lastMoneyDecimals, MONEY_MISSING, MONEY_SUPPRESSED, parseMoney } from './money.js';
import { periodFromFrequency, PERIODS_PER_YEAR, type InputPeriods, type Period } from './period.js';
import { hashRow, RecordTableBuilder } from './records.js';
import { namedColumnKey, type NamedColumnBuilder } from './namedColumns.js';
import { PrivacyScan, type PrivacyFinding } from './privacy.js';
import { RowClassifier, type ClassifiedRow } from './rows.js';
import { detached } from './csv.js';

export interface ReaderOptions {
  columns?: ColumnOverrides;
  /**
   * `--input-period`: `both` for amounts whose header does not say and that have no frequency
   * column; `indicative` / `actual` for that amount whatever its header says.
   */
  inputPeriod?: InputPeriods;
  /** Label for `--by source` when the file has no council column (the file name). */
  sourceLabel?: string;
  /** Reference date (days since 1970) for ages from a date or year of birth when a row has no date agreed. */
  asOf?: number;
  /**
   * Keep this file's person ids apart from other files' (`--separate-files`). Otherwise files
   * without a council column are taken as extracts of one council, sharing ids.
   */
  separateFiles?: boolean;
  /** Headers of columns kept per row for `column:NAME` dimensions (case and spaces ignored). */
  keepColumns?: readonly string[];
}

/**
 * How the period of an amount column was decided: from words in its header, per row from a
 * frequency column, from `--input-period`, or not at all (amounts are then kept as given).
 */
export interface AmountPeriod {
  period: Period | null;
  source: 'header' | 'frequency-column' | 'option' | 'not-stated';
}

/** What reading one file found, for the report's `inputs` and for `inspect`. */
export interface HeaderReport {
  line: number;
  headers: string[];
  /** Role -> header text as written. */
  columns: Partial<Record<Role, string>>;
  periods: { indicative: AmountPeriod; actual: AmountPeriod };
}

export class ExportReader {
  header: HeaderReport | null = null;
  private mapping: ColumnMapping | null = null;
  /** The header finder and row classifier `inspect` runs too. */
  private readonly rows: RowClassifier;
  private width = 0;
  private indicativeColumn = -1;
  private actualColumn = -1;
  /** Pence -> table units: periods per year, 0 when a frequency column decides per row. */
  private indicativeFactor = 1;
  private actualFactor = 1;
  private frequencyColumn = -1;
  private councilColumn = -1;
  private pointsColumn = -1;
  private readonly frequencyCache = new Map<string, number>();
  private readonly councilScopes: string[] = [];
  private clientGroupColumn = -1;
  private ageColumn = -1;
  private ageBandColumn = -1;
  private dateOfBirthColumn = -1;
  private yearOfBirthColumn = -1;
  private dateColumn = -1;
  private personColumn = -1;
  private privacy: PrivacyScan | null = null;
  /** The `keepColumns`: each one's index in this file and the table's column it fills. */
  private named: { index: number; column: NamedColumnBuilder }[] = [];
  // Exports repeat the same few thousand dates and ages: parse each distinct text once.
  private readonly ageBandCache = new Map<string, number>();
  private readonly ageCache = new Map<string, number>();
  private readonly dateCache = new Map<string, number>();
  // Running sums of the amounts as written, to know an unlabelled totals row at the bottom.
  private sumIndicative = 0;
  private sumActual = 0;
  private rowsAdded = 0;
  /** Dates agreed that are not blank but do not parse: counted, the row kept as undated. */
  private badDates = 0;
  private firstBadDate: { line: number; text: string } | null = null;
  /** Rows with a date or year of birth but no date to work the age out at. */
  private agesWithoutReference = 0;

  constructor(
    private readonly file: string,
    private readonly source: number,
    private readonly table: RecordTableBuilder,
    private readonly ledger: ExclusionLedger,
    private readonly options: ReaderOptions = {},
  ) {
    this.rows = new RowClassifier(options.columns ?? {}, (row) => this.take(row));
  }

  /** Data rows and layout rows below the header (blank lines are not rows). */
  get rowsRead(): number {
    return this.rows.rowsRead;
  }

  /** Non-blank lines above the header. */
  get titleLines(): number {
    return this.rows.titleLines;
  }

  /** Empty lines and rows of empty cells (`,,,,`), above or below the header. */
  get blankLines(): number {
    return this.rows.blankLines;
  }

  /** Takes one CSV record and the line it starts on. */
  accept(fields: string[], line: number): void {
    this.rows.push(fields, line);
  }

  private take(row: ClassifiedRow): void {
    switch (row.kind) {
      case 'title':
      case 'blank':
        return;
      case 'header':
        this.useHeader(row.fields, row.line);
        return;
      case 'data':
        this.acceptRow(row.fields, row.line);
        return;
      default:
        if (this.privacy !== null && this.privacy.wanting) this.privacy.accept(row.fields);
        this.exclude(row.line, row.kind, row.detail);
    }
  }

  /**
   * Called at the end of the file: an export with no header cannot be read.
   * @param sheet for a workbook, the sheet that was read (its rows have no delimiter to blame)
   */
  finish(sheet?: string): void {
    this.rows.finish();
    if (this.mapping !== null) return;
    if (this.rows.searchedAny && sheet !== undefined) {
      throw new RasgapError('NO_HEADER', `no row of the sheet "${sheet}" has two or more cells`, {
        file: this.file,
        fix: 'name the sheet that holds the data with --sheet NAME (rasgap inspect lists the sheets)',
      });
    }
    if (this.rows.searchedAny) {
      // Lines, but none splits into two fields: most likely the delimiter is not the one used.
      throw new RasgapError('NO_HEADER', 'no line splits into two or more fields', {
        file: this.file,
        line: 1,
        fix: 'pass --delimiter (comma, semicolon, tab or pipe) to name the field separator',
      });
    }
    throw new RasgapError('EMPTY_FILE', 'the file has no rows', {
      file: this.file,
      fix: 'check that this is the export you meant; it holds no data',
    });
  }

  private useHeader(fields: string[], line: number): void {
    const headers = fields.map((field) => field.trim());
    const mapping = mapColumns(headers, this.options.columns ?? {}, { file: this.file, line });
    this.mapping = mapping;
    // Spreadsheets pad headers with empty cells too: the width is up to the last named column.
    let width = headers.length;
    while (width > 0 && headers[width - 1] === '') width--;
    this.width = width;
    const column = (role: Role): number => mapping.columns[role] ?? -1;
    this.indicativeColumn = column('indicative');
    this.actualColumn = column('actual');
    this.clientGroupColumn = column('clientGroup');
    this.ageColumn = column('age');
    this.ageBandColumn = column('ageBand');
    this.dateOfBirthColumn = column('dateOfBirth');
    this.yearOfBirthColumn = column('yearOfBirth');
    this.dateColumn = column('dateAgreed');
    this.personColumn = column('personId');
    this.frequencyColumn = column('frequency');
    this.councilColumn = column('council');
    this.pointsColumn = column('rasPoints');
    // A period named for this amount (--input-period actual=year) wins: the person has seen
    // the numbers. Then one stated in the header; then a frequency column; then --input-period.
    const given = this.options.inputPeriod ?? {};
    const periodOf = (role: 'indicative' | 'actual', period: Period | null): AmountPeriod => {
      const named = given[role];
      if (named) return { period: named, source: 'option' };
      if (period) return { period, source: 'header' };
      if (this.frequencyColumn >= 0) return { period: null, source: 'frequency-column' };
      if (given.both) return { period: given.both, source: 'option' };
      return { period: null, source: 'not-stated' };
    };
    const periods = {
      indicative: periodOf('indicative', mapping.periods.indicative),
      actual: periodOf('actual', mapping.periods.actual),
    };
    const factorOf = (amount: AmountPeriod): number =>
      amount.source === 'frequency-column'
        ? 0
        : amount.period
          ? PERIODS_PER_YEAR[amount.period]
          : 1;
    this.indicativeFactor = factorOf(periods.indicative);
    this.actualFactor = factorOf(periods.actual);
    const named: Partial<Record<Role, string>> = {};
    for (const [role, index] of Object.entries(mapping.columns) as [Role, number][]) {
      named[role] = headers[index];
    }
    this.header = { line, headers, columns: named, periods };
    const known = new Set(
      (Object.entries(mapping.columns) as [Role, number][])
        .filter(([role]) => role !== 'personId' && role !== 'dateOfBirth')
        .map(([, index]) => index),
    );
    this.privacy = new PrivacyScan(headers, known);
    this.named = (this.options.keepColumns ?? []).map((name) => {
      const index = headers.findIndex((header) => namedColumnKey(header) === namedColumnKey(name));
      if (index < 0) {
        throw new RasgapError(
          'COLUMN_NOT_FOUND',
          `column:${name.trim()} names no column of this file; the headers are: ${headers.map((h) => `"${h}"`).join(', ')}`,
          {
            file: this.file,
            line,
            fix: `give one of those headers after column: (case and spaces are ignored), e.g. --by column:"<header>", or leave out column:${name.trim()}`,
          },
        );
      }
      return { index, column: this.table.namedColumn(headers[index]) };
    });
  }

  /** Whether every cell but the two amounts is blank. */
  private onlyAmounts(fields: string[]): boolean {
    for (let i = 0; i < fields.length; i++) {
      if (i === this.indicativeColumn || i === this.actualColumn) continue;
      if (fields[i].trim() !== '') return false;
    }
    return true;
  }

  /**
   * Things to know about this file that did not stop the read, one line each, naming the file.
   *
   * @example
   * wordWarning(reader.warnings()[0]) // 'export.csv: no age could be worked out from "DOB" for 12 rows ...'
   */
  warnings(): Warning[] {
    const found: Warning[] = [];
    if (this.agesWithoutReference > 0 && this.mapping) {
      const headers = this.mapping.headers;
      const birth =
        this.dateOfBirthColumn >= 0
          ? headers[this.dateOfBirthColumn]
          : headers[this.yearOfBirthColumn];
      found.push(
        warning`${this.file}: no age could be worked out from "${birth}" for ${counted(this.agesWithoutReference, 'row', 'rows')} (age band Unknown): ${this.dateColumn >= 0 ? 'they have no usable date agreed' : 'there is no date agreed column'}; pass --as-of DATE (e.g. --as-of 31/03/2025) to work ages out at that date`,
      );
    }
    if (this.badDates > 0 && this.firstBadDate && this.mapping) {
      found.push(
        warning`${this.file}:${String(this.firstBadDate.line)}: ${counted(this.badDates, 'row has', 'rows have', 'some rows (count not shown) have')} a date agreed in "${this.mapping.headers[this.dateColumn]}" that is not a date (e.g. "${this.firstBadDate.text}"; dates are read day first, DD/MM/YYYY or YYYY-MM-DD); they are kept as undated, so a repeated person's latest record may be chosen wrongly: correct the dates`,
      );
    }
    return found;
  }

  private exclude(line: number, reason: ExclusionReason, detail: string): void {
    this.ledger.add(this.source, line, reason, detached(detail));
  }

  /**
   * A person's row left out for its amount: if it was their latest, an earlier record is used in
   * its place, which the analysis says (in a warning and in this row's exclusion detail).
   */
  private noteWithoutAmount(fields: string[], line: number): void {
    // With a council column the scope would add the council's label, which a row left out must
    // not do: those rows are not followed.
    if (this.personColumn < 0 || this.councilColumn >= 0) return;
    const id = fields[this.personColumn].trim();
    if (id === '') return;
    const date = this.dateColumn >= 0 ? this.dateOf(fields[this.dateColumn]) : Number.NaN;
    this.table.noteWithoutAmount({
      scope: this.personScope(fields),
      id: detached(id),
      date,
      source: this.source,
      line,
      entry: this.ledger.length - 1,
    });
  }

  /** Columns that look like direct identifiers, from the first rows (count only, no values). */
  privacyFindings(): PrivacyFinding[] {
    return this.privacy?.findings() ?? [];
  }

  private acceptRow(fields: string[], line: number): void {
    if (this.privacy !== null && this.privacy.wanting) this.privacy.accept(fields);
    if (fields.length !== this.width) {
      // Spreadsheets often pad rows with empty trailing cells; only real extra data is malformed.
      const extraIsBlank =
        fields.length > this.width && fields.slice(this.width).every((f) => f.trim() === '');
      if (!extraIsBlank) {
        this.exclude(
          line,
          'malformed-row',
          `${fields.length} fields where the header has ${this.width}`,
        );
        return;
      }
    }
    const indicativeText = fields[this.indicativeColumn];
    const actualText = fields[this.actualColumn];
    const indicative = parseMoney(indicativeText);
    const indicativeDecimals = lastMoneyDecimals();
    const actual = parseMoney(actualText);
    const actualDecimals = lastMoneyDecimals();
    if (indicative < 0 || actual < 0) {
      const [role, code, text] =
        indicative < 0
          ? ['indicative', indicative, indicativeText]
          : ['actual', actual, actualText];
      const reason: ExclusionReason =
        code === MONEY_MISSING
          ? 'missing-value'
          : code === MONEY_SUPPRESSED
            ? 'suppressed-value'
            : 'invalid-value';
      this.exclude(line, reason, `${role}: ${reason === 'missing-value' ? 'blank' : `"${text}"`}`);
      this.noteWithoutAmount(fields, line);
      return;
    }
    const damaged = replacedCell(fields);
    if (damaged >= 0) {
      // A byte that was not valid in the file's encoding (read as U+FFFD): the row's text is not
      // what the council wrote, so it is left out rather than counted under a garbled label.
      this.exclude(
        line,
        'invalid-value',
        `${this.mapping!.headers[damaged] ?? `column ${damaged + 1}`}: "${fields[damaged].trim()}" holds a byte that is not valid in the file's encoding (shown as \uFFFD)`,
      );
      return;
    }

    if (
      this.rowsAdded >= 2 &&
      indicative === this.sumIndicative &&
      actual === this.sumActual &&
      this.onlyAmounts(fields)
    ) {
      // A totals row with no label: every other cell blank and both amounts exactly the sums
      // of all the rows above. Counted as a person it would double the file's money.
      this.exclude(line, 'total-row', 'no label; the amounts are the sums of the rows above');
      return;
    }

    let indicativeFactor = this.indicativeFactor;
    let actualFactor = this.actualFactor;
    if (indicativeFactor === 0 || actualFactor === 0) {
      const perYear = this.frequencyOf(fields[this.frequencyColumn]);
      if (perYear === 0) {
        this.exclude(
          line,
          'unknown-period',
          `frequency: ${fields[this.frequencyColumn].trim() === '' ? 'blank' : `"${fields[this.frequencyColumn]}"`}`,
        );
        return;
      }
      if (indicativeFactor === 0) indicativeFactor = perYear;
      if (actualFactor === 0) actualFactor = perYear;
    }

    this.rowsAdded++;
    this.sumIndicative += indicative;
    this.sumActual += actual;
    const table = this.table;
    const row = table.next();
    table.indicative[row] = indicative * indicativeFactor;
    table.actual[row] = actual * actualFactor;
    table.indicativeDecimals[row] = indicativeDecimals;
    table.actualDecimals[row] = actualDecimals;
    table.indicativePerYear[row] = indicativeFactor;
    table.actualPerYear[row] = actualFactor;
    table.clientGroup[row] = table.clientGroupOf(
      this.clientGroupColumn >= 0 ? fields[this.clientGroupColumn] : '',
    );
    const date = this.dateColumn >= 0 ? this.dateOf(fields[this.dateColumn]) : Number.NaN;
    if (Number.isNaN(date) && this.dateColumn >= 0 && fields[this.dateColumn].trim() !== '') {
      this.badDates++;
      this.firstBadDate ??= { line, text: detached(fields[this.dateColumn].trim()) };
    }
    table.dateAgreed[row] = date;
    table.ageBand[row] = this.ageBandOf(fields, date);
    table.source[row] = this.source;
    table.sourceGroup[row] = table.sourceGroupOf(
      this.councilColumn >= 0 && fields[this.councilColumn].trim() !== ''
        ? fields[this.councilColumn]
        : (this.options.sourceLabel ?? this.file),
    );
    if (this.pointsColumn >= 0) table.setPoints(row, parsePoints(fields[this.pointsColumn]));
    table.line[row] = line;
    table.rowHash[row] = hashRow(fields);
    for (const { index, column } of this.named) column.set(row, fields[index] ?? '');
    if (this.personColumn >= 0) {
      const id = fields[this.personColumn].trim();
      table.person[row] = id === '' ? -1 : table.personOf(this.personScope(fields), id);
    } else table.person[row] = -1;
  }

  /**
   * Whose ids these are: a council's (its column's value, as `--by source` groups it), this
   * file's alone with `separateFiles` (or when the council cell is blank), or else the pool of one council's extracts, shared by
   * every file without a council column.
   */
  private personScope(fields: string[]): string {
    if (this.councilColumn >= 0) {
      // A row with the council left blank is this file's alone, as `--by source` names it.
      const council = fields[this.councilColumn];
      if (council.trim() === '') return `file ${this.source}`;
      // One scope string per council, not one per row.
      const group = this.table.sourceGroupOf(council);
      return (this.councilScopes[group] ??= `council ${group}`);
    }
    return this.options.separateFiles ? `file ${this.source}` : 'pooled';
  }

  /** Periods per year for a frequency cell; 0 when it names no known period. */
  private frequencyOf(text: string): number {
    let perYear = this.frequencyCache.get(text);
    if (perYear === undefined) {
      const period = periodFromFrequency(text);
      perYear = period ? PERIODS_PER_YEAR[period] : 0;
      this.frequencyCache.set(detached(text), perYear);
    }
    return perYear;
  }

  private dateOf(text: string): number {
    let days = this.dateCache.get(text);
    if (days === undefined) {
      days = parseDate(text);
      if (this.dateCache.size < 100_000) this.dateCache.set(detached(text), days);
    }
    return days;
  }

  private ageBandOf(fields: string[], date: number): number {
    if (this.ageBandColumn >= 0) {
      const label = fields[this.ageBandColumn];
      let band = this.ageBandCache.get(label);
      if (band === undefined) {
        band = ageBandOfLabel(label);
        this.ageBandCache.set(detached(label), band);
      }
      if (band !== AGE_BAND_UNKNOWN) return band;
    }
    if (this.ageColumn >= 0) {
      const text = fields[this.ageColumn];
      let band = this.ageCache.get(text);
      if (band === undefined) {
        band = ageBandOfAge(parseAge(text));
        this.ageCache.set(detached(text), band);
      }
      if (band !== AGE_BAND_UNKNOWN) return band;
    }
    const reference = Number.isNaN(date) ? (this.options.asOf ?? Number.NaN) : date;
    if (Number.isNaN(reference)) {
      if (
        (this.dateOfBirthColumn >= 0 && fields[this.dateOfBirthColumn].trim() !== '') ||
        (this.yearOfBirthColumn >= 0 && fields[this.yearOfBirthColumn].trim() !== '')
      ) {
        this.agesWithoutReference++;
      }
      return AGE_BAND_UNKNOWN;
    }
    if (this.dateOfBirthColumn >= 0) {
      // A two-digit year of birth could be either century: it gives no age rather than a guess.
      const born = parseDate(fields[this.dateOfBirthColumn], false);
      if (!Number.isNaN(born)) return ageBandOfAge(wholeYearsBetween(born, reference));
    }
    if (this.yearOfBirthColumn >= 0) {
      const year = Number(fields[this.yearOfBirthColumn].trim());
      if (Number.isInteger(year) && year > 1880) {
        const referenceYear = new Date(reference * 86_400_000).getUTCFullYear();
        // Without the birthday the age is one of two values; a band only when both agree.
        const older = ageBandOfAge(referenceYear - year);
        const younger = ageBandOfAge(referenceYear - year - 1);
        if (older === younger) return older;
      }
    }
    return AGE_BAND_UNKNOWN;
  }
}

/** The first cell holding U+FFFD (a byte the decoder could not read), or -1. */
function replacedCell(fields: readonly string[]): number {
  for (let i = 0; i < fields.length; i++) if (fields[i].includes('\uFFFD')) return i;
  return -1;
}

/** RAS points: a plain non-negative number, NaN otherwise. */
function parsePoints(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '' || !/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

function wholeYearsBetween(bornDays: number, onDays: number): number {
  const born = new Date(bornDays * 86_400_000);
  const on = new Date(onDays * 86_400_000);
  let years = on.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < born.getUTCMonth() ||
    (on.getUTCMonth() === born.getUTCMonth() && on.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years--;
  return years;
}
