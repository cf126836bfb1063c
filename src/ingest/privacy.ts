/**
 * Exports are meant to be anonymised, but files leak direct identifiers: NHS numbers, names, full
 * postcodes, full dates of birth. The first rows of every column are checked; what is found is
 * reported by column and count only, never by value.
 */
import { counted, warning, wordWarning, type Warning } from './warnings.js';

export const IDENTIFIER_KINDS = ['nhs-number', 'name', 'postcode', 'date-of-birth'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface PrivacyFinding {
  column: string;
  kind: IdentifierKind;
  /** Values of that kind among the rows checked. */
  count: number;
  /** Rows checked (the first ones of the file). */
  checked: number;
}

/** Rows of each file checked: enough to see a pattern, cheap on a national file. */
export const PRIVACY_SAMPLE_ROWS = 1000;

const DESCRIPTIONS: Record<IdentifierKind, string> = {
  'nhs-number': 'NHS numbers (10 digits passing the modulus-11 check)',
  name: 'personal names',
  postcode: 'full postcodes',
  'date-of-birth': 'full dates of birth',
};

/**
 * Whether a text is an NHS number: ten digits (spaces or dashes allowed as 3-3-4) whose check
 * digit is right by the modulus-11 rule.
 *
 * @example
 * isNhsNumber('943 476 5919') // true
 * isNhsNumber('9434765918')   // false
 */
export function isNhsNumber(text: string): boolean {
  const digits = text.trim().replace(/^(\d{3})[ -]?(\d{3})[ -]?(\d{4})$/, '$1$2$3');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/i;
const NAME_HEADER =
  /^(name|full ?name|client ?name|service ?user ?name|person ?name|forenames?|first ?name|given ?names?|surname|last ?name|family ?name)$/i;
const DOB_HEADER = /^(date ?of ?birth|dob|birth ?date)$/i;
const FULL_DATE =
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$|^\d{4}-\d{2}-\d{2}$|^\d{1,2} [A-Za-z]{3,9} \d{4}$/;
const PERSON_NAME = /^[A-Z][a-z'’-]+( [A-Z][a-z'’-]+){1,3}$/;

/** Checks the first rows of each column of one file. */
export class PrivacyScan {
  private readonly counts: Record<IdentifierKind, number>[];
  private rows = 0;

  /**
   * @param knownColumns columns with a known role (client group, council, ...), whose values are
   *   not taken for names by their shape ("Mental Health Support" looks like a name)
   */
  constructor(
    private readonly headers: readonly string[],
    private readonly knownColumns: ReadonlySet<number> = new Set(),
  ) {
    this.counts = headers.map(() => ({
      'nhs-number': 0,
      name: 0,
      postcode: 0,
      'date-of-birth': 0,
    }));
  }

  /** Whether more rows are wanted. */
  get wanting(): boolean {
    return this.rows < PRIVACY_SAMPLE_ROWS;
  }

  accept(fields: readonly string[]): void {
    this.rows++;
    for (let column = 0; column < this.headers.length; column++) {
      const value = (fields[column] ?? '').trim();
      if (value === '') continue;
      const counts = this.counts[column];
      if (isNhsNumber(value)) counts['nhs-number']++;
      else if (POSTCODE.test(value)) counts.postcode++;
      else if (DOB_HEADER.test(this.headers[column].trim()) && FULL_DATE.test(value)) {
        counts['date-of-birth']++;
      } else if (
        NAME_HEADER.test(this.headers[column].trim()) ||
        (!this.knownColumns.has(column) && PERSON_NAME.test(value))
      ) {
        counts.name++;
      }
    }
  }

  /**
   * Columns where identifiers are common enough not to be chance: NHS numbers, postcodes and
   * dates of birth at all; names by header, or in at least half of the rows by their shape.
   */
  findings(): PrivacyFinding[] {
    const found: PrivacyFinding[] = [];
    this.headers.forEach((column, index) => {
      const counts = this.counts[index];
      for (const kind of IDENTIFIER_KINDS) {
        const count = counts[kind];
        if (count === 0) continue;
        const byHeader = kind === 'name' && NAME_HEADER.test(column.trim());
        const common = kind !== 'name' || byHeader || count >= this.rows / 2;
        // A column name matching a client group would give "Learning Disability" as a "name":
        // person-like shape alone needs most rows to agree.
        if (common) found.push({ column, kind, count, checked: this.rows });
      }
    });
    return found;
  }
}

/** One line about a finding, naming the column and the count, never a value. */
export function describeFinding(finding: PrivacyFinding, file: string): string {
  return wordWarning(findingWarning(finding, file));
}

/**
 * The same line as a warning whose counts the publishing stage can hide.
 *
 * @example
 * wordWarning(findingWarning({ column: 'Name', kind: 'name', count: 3, checked: 200 }, 'export.csv'))
 */
export function findingWarning(finding: PrivacyFinding, file: string): Warning {
  return warning`${file}: column "${finding.column}" looks like ${DESCRIPTIONS[finding.kind]}: ${counted(finding.count)} of the first ${counted(finding.checked, 'row', 'rows')}; remove direct identifiers before sharing the file or the report`;
}
