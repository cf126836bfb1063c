/**
 * Exports are meant to be anonymised, but files leak direct identifiers: NHS numbers, names, full
 * postcodes, full dates of birth, street addresses. The first rows of every column are checked;
 * what is found is reported by column and count only, never by value.
 *
 * Descriptive columns look like names by their shape ("North Locality", "White British", "Home
 * Care", "Anchor Hanover"), so shape alone is not enough: a value with a word that describes (team,
 * locality, care, british, ...) is no name, and a column counts as names only when many of its
 * values start with a forename, or when nearly all of them differ, as people's names do and
 * categories do not. Measured on fixtures/privacy-labelled.csv: see docs/privacy.md.
 */
import { scannedCount, warning, wordWarning, type Warning } from './warnings.js';

export const IDENTIFIER_KINDS = [
  'nhs-number',
  'name',
  'postcode',
  'date-of-birth',
  'address',
] as const;
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
  address: 'street addresses',
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
  const digits = tenDigits(text);
  if (digits === null) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function tenDigits(text: string): string | null {
  const trimmed = text.trim();
  // Ten digits with at most two separators: most fields are ruled out by length alone.
  if (trimmed.length < 10 || trimmed.length > 12) return null;
  const digits = trimmed.replace(/^(\d{3})[ -]?(\d{3})[ -]?(\d{4})$/, '$1$2$3');
  return /^\d{10}$/.test(digits) ? digits : null;
}

const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/i;
const FULL_DATE =
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$|^\d{4}-\d{2}-\d{2}$|^\d{1,2} [A-Za-z]{3,9} \d{4}$/;

/** Headers, lower-cased with punctuation as spaces (`D.O.B.` -> `d o b`, then spaces dropped). */
const NAME_HEADER =
  /^(name|full ?name|client ?name|service ?user ?name|person ?name|patient ?name|forenames?|first ?names?|given ?names?|surname|last ?name|family ?name|preferred ?name|carer ?name|worker ?name|social ?worker|key ?worker|next ?of ?kin|nok|contact ?name)$/;
const DOB_HEADER = /^(date ?of ?birth|dob|birth ?date|born)$/;
const ADDRESS_HEADER =
  /^(address|address ?line ?\d?|home ?address|street|street ?address|house ?(number|name)|addr ?\d?)$/;
const NHS_HEADER = /^(nhs ?(number|no|num)?)$/;

function headerKey(header: string): string {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  // `D.O.B.` -> `d o b` -> `dob`
  return /^([a-z] )+[a-z]$/.test(key) ? key.replace(/ /g, '') : key;
}

const STREET =
  'road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|court|ct|crescent|cres|grove|gr|gardens|gdns|place|pl|terrace|terr|walk|row|square|sq|mews|rise|view|parade|approach|boulevard|hill|green|park|vale|gate|wharf|yard|croft|fold|meadow|meadows|chase|glade|embankment';
/** `12 Acacia Avenue`, `Flat 3, 21 High St`, `4a Mill Lane, Leeds`: a number and a street. */
const ADDRESS = new RegExp(
  `(^|[\\s,])(flat|apartment|apt|unit)\\s+\\d+[a-z]?\\b|(^|[\\s,])\\d{1,4}[a-z]?,?\\s+([a-z'’-]+\\s+){1,3}(${STREET})\\b`,
  'i',
);

/**
 * Words that describe rather than name: places and directions, teams and services, settings,
 * ethnicities, organisations. A value holding one is not taken for a person's name.
 */
const DESCRIPTIVE = new Set(
  // places, directions, areas
  (
    'north northern south southern east eastern west western central mid inner outer upper lower ' +
    'city town county district borough ward parish village rural urban metropolitan locality ' +
    'area zone region patch cluster neighbourhood hub centre center quarter valley vale moor ' +
    'bridge hill heath park green wood forest common bay port market new old great little ' +
    'upon st saint borough coast island ' +
    // teams, services, settings, processes
    'team teams service services unit department dept directorate division office hospital ' +
    'discharge reablement intermediate enablement rehabilitation rehab assessment review ' +
    'reviewing annual initial planned unplanned urgent duty intake access triage safeguarding ' +
    'care caring carer carers home homes homecare domiciliary residential nursing respite day ' +
    'night extra sheltered supported supporting support living lives shared housing ' +
    'accommodation placement placements short long term stay direct payment payments ' +
    'managed commissioned budget budgets personal individual package packages plan account ' +
    'meals delivery equipment adaptations telecare transport community outreach floating ' +
    'learning disability disabilities mental health physical sensory memory cognition ' +
    'dementia autism older people adults adult children young transitions working age ' +
    'substance misuse asylum social isolation other unknown not known stated declined ' +
    'male female gender ' +
    // ethnicities (ONS 2021 categories and common short forms)
    'white black asian british english welsh scottish irish northern gypsy traveller roma ' +
    'mixed multiple caribbean african indian pakistani bangladeshi chinese arab any background ' +
    'ethnic group groups' +
    ' ' +
    // organisations
    'ltd limited plc llp cic trust foundation charity association society partnership ' +
    'partners group agency agencies healthcare health nhs council authority company co ' +
    'solutions associates enterprises network alliance project projects scheme schemes ' +
    'lodge manor house court hall grange gardens villa villas close view place'
  )
    .split(/\s+/)
    .filter((word) => word !== ''),
);

/** Forenames common in England across the generations now using adult social care. */
const FORENAMES = new Set(
  (
    'aaron abdul abigail ada adam adrian ahmed aisha alan albert alex alexander alexandra alfie ' +
    'alfred ali alice alison amanda amelia amy andrea andrew angela anita ann anna anne annie ' +
    'anthony antony arthur ashley audrey barbara barry beatrice ben benjamin bernard beryl bethany ' +
    'betty beverley bill billy brenda brian bridget bryan callum carl carol caroline catherine ' +
    'charles charlie charlotte chloe christina christine christopher claire clare colin connor ' +
    'craig daniel danielle darren david dawn dean deborah debra denise dennis derek diana diane ' +
    'donald doreen doris dorothy douglas edith edna edward eileen elaine eleanor elizabeth ella ' +
    'ellen ellie emily emma eric ernest ethel eve evelyn fatima florence frances francis frank ' +
    'freda frederick gail gareth gary gavin gemma geoffrey george georgia gerald gillian gladys ' +
    'glen glenys gordon grace graham gwen gwendoline hannah harold harriet harry hassan hazel ' +
    'heather helen henry hilda hollie holly howard hugh ian imran irene iris isabel isabella ' +
    'isla ivy jack jacob jacqueline james jamie jan jane janet janice jasmine jason jean ' +
    'jeffrey jennifer jenny jeremy jessica jill jim joan joanne joe john jonathan joseph joshua ' +
    'joyce judith julia julie june karen kate katherine kathleen kathryn katie kay keith kelly ' +
    'kenneth kerry kevin kieran kim kirsty laura lauren lee leonard leslie lewis liam lilian ' +
    'lily linda lisa lorraine louise lucy luke lynda lynn lynne malcolm mandy margaret maria ' +
    'marie marion mark martin mary matthew maureen maurice megan melanie michael michelle ' +
    'mildred mohammed mohammad muhammad molly muriel nancy naomi natalie nathan neil nicholas ' +
    'nicola nigel noah norma norman olive oliver olivia pamela patricia patrick paul pauline ' +
    'peggy peter philip phyllis priya rachel raymond rebecca reginald rita robert robin roger ' +
    'ronald rose rosemary ross ruby russell ruth ryan sally samantha samuel sandra sarah ' +
    'scott sean sharon sheila shirley simon sophie stanley stella stephanie stephen steven ' +
    'stuart susan suzanne sylvia terence teresa terry thomas timothy tina toby tom tony ' +
    'tracey tracy trevor valerie vera victoria vincent violet wayne wendy william winifred ' +
    'yvonne zoe zara zainab yusuf omar amir aaliyah anil ravi sunita rajesh sanjay deepak ' +
    'parveen nasreen shabana kamala piotr anna agnieszka tomasz marek katarzyna'
  )
    .split(/\s+/)
    .filter((word) => word !== ''),
);

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'der', 'la', 'le', 'bin', 'al', 'el']);
const NAME_TOKEN = /^(?:[A-Z][a-z'’]*(?:[-'’][A-Z][a-z'’]*)*|Ma?c[A-Z][a-z]+|O['’][A-Z][a-z]+)$/;

/**
 * How a value reads as a person's name: `null` when it does not (shape, or a descriptive word);
 * `forename` when a known forename comes first (or after "Surname,"); else `shape`.
 *
 * @example
 * nameEvidence('Margaret Thompson') // 'forename'
 * nameEvidence('THOMPSON, Margaret') // 'forename'
 * nameEvidence('North Locality')    // null
 */
export function nameEvidence(value: string): 'forename' | 'shape' | null {
  const text = value.trim();
  if (text.length < 4 || text.length > 60) return null;
  const comma = text.indexOf(',');
  // "Smith, John" and "SMITH, John A": the forename is after the comma.
  const ordered =
    comma > 0 && text.indexOf(',', comma + 1) < 0
      ? `${text.slice(comma + 1).trim()} ${text.slice(0, comma).trim()}`
      : text;
  let tokens = ordered.split(/\s+/).map((token) => token.replace(/\.$/, ''));
  if (TITLES.has(tokens[0].toLowerCase())) tokens = tokens.slice(1);
  if (tokens.length < 2 || tokens.length > 4) return null;
  // Surnames (or whole names) in capitals, as many systems write them: judge the title-cased form.
  const capitals = tokens.map((token) => token.length > 1 && token === token.toUpperCase());
  const cased = tokens.map((token, i) => (capitals[i] ? titleCase(token) : token));
  let words = 0;
  for (const token of cased) {
    const lower = token.toLowerCase();
    if (DESCRIPTIVE.has(lower)) return null;
    if (PARTICLES.has(lower)) continue;
    if (/^[A-Z]$/.test(token)) continue; // an initial
    if (!NAME_TOKEN.test(token)) return null;
    words++;
  }
  if (words < 2) return null;
  const forename = (token: string): boolean => FORENAMES.has(token.toLowerCase());
  // "SMITH John": a surname in capitals first, then the forename.
  const surnameFirst = capitals[0] && !capitals[cased.length - 1];
  return forename(cased[0]) || (surnameFirst && forename(cased[cased.length - 1]))
    ? 'forename'
    : 'shape';
}

function titleCase(token: string): string {
  return token
    .toLowerCase()
    .replace(
      /(^|['’-])([a-z])/g,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    );
}

/**
 * Whether a value holds a street address: a house or flat number and a street.
 *
 * @example
 * looksLikeStreetAddress('Flat 3, 21 High Street') // true
 * looksLikeStreetAddress('North Locality')         // false
 */
export function looksLikeStreetAddress(value: string): boolean {
  return ADDRESS.test(value);
}

interface ColumnTally {
  nonBlank: number;
  nhs: number;
  tenDigit: number;
  postcode: number;
  dateOfBirth: number;
  address: number;
  nameShaped: number;
  forenamed: number;
  names: Set<string>;
}

/** Checks the first rows of each column of one file. */
export class PrivacyScan {
  private readonly tallies: ColumnTally[];
  private readonly keys: string[];
  private rows = 0;

  /**
   * @param knownColumns columns with a known role (client group, council, ...), whose values are
   *   not taken for names by their shape ("Mental Health Support" looks like a name)
   */
  constructor(
    private readonly headers: readonly string[],
    private readonly knownColumns: ReadonlySet<number> = new Set(),
  ) {
    this.keys = headers.map(headerKey);
    this.tallies = headers.map(() => ({
      nonBlank: 0,
      nhs: 0,
      tenDigit: 0,
      postcode: 0,
      dateOfBirth: 0,
      address: 0,
      nameShaped: 0,
      forenamed: 0,
      names: new Set<string>(),
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
      const tally = this.tallies[column];
      tally.nonBlank++;
      if (tenDigits(value) !== null) {
        tally.tenDigit++;
        if (isNhsNumber(value)) tally.nhs++;
        continue;
      }
      if (POSTCODE.test(value)) {
        tally.postcode++;
        continue;
      }
      if (FULL_DATE.test(value)) {
        if (DOB_HEADER.test(this.keys[column])) tally.dateOfBirth++;
        continue;
      }
      if (looksLikeStreetAddress(value)) {
        tally.address++;
        continue;
      }
      if (this.knownColumns.has(column)) continue;
      const evidence = nameEvidence(value);
      if (evidence !== null) {
        tally.nameShaped++;
        if (evidence === 'forename') tally.forenamed++;
        tally.names.add(value.toLowerCase());
      }
    }
  }

  /**
   * Columns where identifiers are common enough not to be chance: postcodes, dates of birth and
   * addresses at all; NHS numbers unless most ten-digit values fail the check (ids that are not
   * NHS numbers pass it one time in eleven); names by header, or in most rows with many forenames
   * or nearly all different.
   */
  findings(): PrivacyFinding[] {
    const found: PrivacyFinding[] = [];
    this.headers.forEach((column, index) => {
      const tally = this.tallies[index];
      const key = this.keys[index];
      const add = (kind: IdentifierKind, count: number): void => {
        found.push({ column, kind, count, checked: this.rows });
      };
      if (tally.nhs > 0 && (NHS_HEADER.test(key) || tally.nhs >= tally.tenDigit / 2)) {
        add('nhs-number', tally.nhs);
      }
      if (tally.postcode > 0) add('postcode', tally.postcode);
      if (tally.dateOfBirth > 0) add('date-of-birth', tally.dateOfBirth);
      if (tally.address > 0) add('address', tally.address);
      else if (ADDRESS_HEADER.test(key) && tally.nonBlank > 0) add('address', tally.nonBlank);
      if (NAME_HEADER.test(key) && tally.nonBlank > 0) {
        add('name', tally.nonBlank);
      } else if (tally.nameShaped > 0 && tally.nameShaped >= tally.nonBlank / 2) {
        const manyForenames = tally.forenamed >= 0.3 * tally.nameShaped;
        const allDifferent = tally.nameShaped >= 20 && tally.names.size >= 0.9 * tally.nameShaped;
        if (manyForenames || allDifferent) add('name', tally.nameShaped);
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
 * The same line as a warning whose counts the publishing stage can hide (where rows read are
 * hidden: "some of the first rows checked").
 *
 * @example
 * wordWarning(findingWarning({ column: 'Name', kind: 'name', count: 3, checked: 200 }, 'export.csv'))
 */
export function findingWarning(finding: PrivacyFinding, file: string): Warning {
  return warning`${file}: column "${finding.column}" looks like ${DESCRIPTIONS[finding.kind]}: ${scannedCount(finding.count, undefined, undefined, 'some')} of the first ${scannedCount(finding.checked, 'row', 'rows', 'rows checked')}; remove direct identifiers before sharing the file or the report`;
}
