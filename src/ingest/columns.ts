/**
 * Finding the columns: each role the analysis needs, matched to a header by a synonyms table
 * (the headers councils' systems actually export, from domain.md), ignoring case, spaces,
 * punctuation and any period words such as "(weekly)". An amount header no synonym matches is
 * read by its words ("Indicative Weekly", "Final Weekly", "RAS Total"), as long as every word
 * in it is one an amount header uses, so "RAS Points" or "Date Agreed" never become amounts.
 */
import { RasgapError } from '../errors.js';
import { periodFromHeader, type Period } from './period.js';

export const ROLES = [
  'personId',
  'clientGroup',
  'age',
  'dateOfBirth',
  'yearOfBirth',
  'ageBand',
  'indicative',
  'actual',
  'dateAgreed',
  'frequency',
  'council',
  'rasPoints',
] as const;
export type Role = (typeof ROLES)[number];

/** The names people type after `--column`, e.g. `--column indicative="RAS £"`. */
export const ROLE_FLAGS: Record<Role, string> = {
  personId: 'person-id',
  clientGroup: 'client-group',
  age: 'age',
  dateOfBirth: 'date-of-birth',
  yearOfBirth: 'year-of-birth',
  ageBand: 'age-band',
  indicative: 'indicative',
  actual: 'actual',
  dateAgreed: 'date-agreed',
  frequency: 'frequency',
  council: 'council',
  rasPoints: 'ras-points',
};

/** Headers seen in practice for each role, most specific first. */
export const HEADER_SYNONYMS: Record<Role, readonly string[]> = {
  personId: [
    'Person ID',
    'Client ID',
    'Service User Reference',
    'Service User ID',
    'Service User Ref',
    'Mosaic ID',
    'LAS ID',
    'Person Reference',
    'Client Reference',
    'Client Ref',
    'NHS ID',
    // Last: a bare "ID" is often a row number, so a named reference is preferred when both exist.
    'ID',
  ],
  clientGroup: [
    'Client Group',
    'Client Category',
    'Primary Support Reason',
    'PSR',
    'Primary Client Group',
    'Support Reason',
    'Client Type',
  ],
  age: ['Age', 'Age at assessment', 'Age at Assessment Date', 'Age at review', 'Current Age'],
  dateOfBirth: ['Date of Birth', 'DOB', 'Birth Date'],
  yearOfBirth: ['Year of Birth', 'Birth Year', 'YOB'],
  ageBand: ['Age Band', 'Age Group', 'Age Range', 'Age Category'],
  indicative: [
    'Indicative Budget',
    'Indicative Personal Budget',
    'Indicative Allocation',
    'Indicative Amount',
    'RAS Allocation',
    'RAS indicative budget',
    'RAS Budget',
    'RAS Amount',
    'Estimated Budget',
    'Provisional Budget',
    'Upfront Allocation',
    'Indicative PB',
    'RAS Indicative Allocation',
    'IB',
    'IPB',
    // Last: a bare "RAS" header is the RAS budget in the exports seen (points are "RAS Points").
    'RAS',
  ],
  actual: [
    'Actual Budget',
    'Agreed Personal Budget',
    'Agreed Budget',
    'Final Budget',
    'Personal Budget',
    'Support Plan Cost',
    'Approved Budget',
    'Actual Personal Budget',
    'Final Personal Budget',
    'Agreed Amount',
    'Agreed PB',
    'PB',
  ],
  dateAgreed: [
    'Date Agreed',
    'Agreed Date',
    'Approval Date',
    'Date Approved',
    'Panel Date',
    'Start Date',
    'Budget Start Date',
  ],
  frequency: [
    'Budget Frequency',
    'Frequency',
    'Cost Frequency',
    'Payment Frequency',
    'Budget Period',
    'Period',
  ],
  council: [
    'Council',
    'Local Authority',
    'LA',
    'LA Name',
    'LA Code',
    'Council Name',
    'Local Authority Name',
    'Local Authority Code',
    'Authority',
  ],
  rasPoints: ['RAS Points', 'RAS Score', 'Points', 'Total Points', 'RAS Total Points'],
};

/** Roles without which no analysis is possible. */
export const REQUIRED_ROLES: readonly Role[] = ['indicative', 'actual'];

/** Words that say what period an amount is in; removed before matching a header to a role. */
const PERIOD_WORDS =
  /\b(per week|per wk|weekly|wkly|pw|p w|per annum|per year|annual|annually|yearly|pa|p a|monthly|per month|pcm|four weekly|4 weekly|4weekly|four-weekly|per 4 weeks)\b/g;

/**
 * A header reduced to the letters and digits that identify it.
 *
 * @example
 * normaliseHeader(' Indicative Budget (weekly) £') // 'indicativebudget'
 * normaliseHeader('ib_weekly')                     // 'ib'
 */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[_\-./()[\]£$:#]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(PERIOD_WORDS, ' ')
    .replace(/\b(gbp|amount in pounds|in pounds|pounds)\b/g, ' ')
    .replace(/[^a-z0-9]/g, '');
}

/** Words that make an amount header the indicative budget. */
const INDICATIVE_WORDS = new Set([
  'indicative',
  'ras',
  'allocation',
  'estimated',
  'estimate',
  'provisional',
  'upfront',
  'ib',
  'ipb',
]);
/** Words that make an amount header the actual budget ("package cost" is read as one word). */
const ACTUAL_WORDS = new Set(['actual', 'final', 'agreed', 'approved', 'packagecost']);
/**
 * "PB" and "personal budget" name the actual budget, but also what an indicative one is an
 * indicative amount of ("Indicative Personal Budget"): they decide only when nothing else does.
 */
const ACTUAL_WEAK_WORDS = new Set(['pb', 'personalbudget']);
/** Other words an amount header may hold; a header with any word outside these is not read by words. */
const AMOUNT_WORDS = new Set([
  'budget',
  'budgets',
  'amount',
  'amounts',
  'value',
  'cost',
  'costs',
  'total',
  'sum',
  'personal',
  'plan',
  'support',
  'package',
  'care',
  'net',
  'gross',
  'initial',
  'figure',
  'spend',
  'of',
  'the',
  'for',
  'in',
  'at',
  'a',
  'week',
  'weeks',
  'year',
  'month',
  'four',
  'fortnight',
  'fortnightly',
]);

/**
 * The words of a header, lower case, without punctuation or period words; "personal budget" and
 * "package cost" joined into one word.
 *
 * @example
 * headerWords('Indicative Weekly (£)') // ['indicative']
 */
export function headerWords(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[_\-./()[\]£$:#,]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(PERIOD_WORDS, ' ')
    .replace(/\b(gbp|amount in pounds|in pounds|pounds)\b/g, ' ')
    .replace(/\bpersonal budgets?\b/g, 'personalbudget')
    .replace(/\bpackage costs?\b/g, 'packagecost')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Which amount a header names by its words: `both` when it has words of each ("RAS Final
 * Budget"), null when it is not an amount header at all.
 *
 * @example
 * amountRoleByWords('Final Weekly')   // 'actual'
 * amountRoleByWords('RAS Total')      // 'indicative'
 * amountRoleByWords('RAS Points')     // null (points is not an amount word)
 * amountRoleByWords('Agreed RAS')     // 'both'
 */
export function amountRoleByWords(header: string): 'indicative' | 'actual' | 'both' | null {
  const words = headerWords(header);
  let indicative = false;
  let actual = false;
  let weak = false;
  for (const word of words) {
    if (INDICATIVE_WORDS.has(word)) indicative = true;
    else if (ACTUAL_WORDS.has(word)) actual = true;
    else if (ACTUAL_WEAK_WORDS.has(word)) weak = true;
    else if (!AMOUNT_WORDS.has(word) && !/^\d+$/.test(word)) return null;
  }
  if (indicative && actual) return 'both';
  if (indicative) return 'indicative';
  if (actual || weak) return 'actual';
  return null;
}

const synonymIndex: Map<string, { role: Role; rank: number }> = (() => {
  const index = new Map<string, { role: Role; rank: number }>();
  for (const role of ROLES) {
    HEADER_SYNONYMS[role].forEach((header, rank) => {
      const key = normaliseHeader(header);
      if (!index.has(key)) index.set(key, { role, rank });
    });
  }
  return index;
})();

export interface ColumnMapping {
  /** Column index for each role that was found. */
  columns: Partial<Record<Role, number>>;
  /** The period of each amount column, read from its header. */
  periods: { indicative: Period | null; actual: Period | null };
  headers: string[];
}

/** Overrides from `--column role=Header`. */
export type ColumnOverrides = Partial<Record<Role, string>>;

/**
 * Whether a header row names the roles the analysis needs; used to find the header line below
 * any title lines.
 */
export function looksLikeHeader(
  cells: readonly string[],
  overrides: ColumnOverrides = {},
): boolean {
  const found = new Set<Role>();
  // A header names two amounts in two cells at least: a one-cell title such as "Final RAS" is not one.
  if (cells.filter((cell) => cell.trim() !== '').length < 2) return false;
  for (const cell of cells) {
    const match = synonymIndex.get(normaliseHeader(cell));
    if (match) {
      found.add(match.role);
      continue;
    }
    // A header with words of both amounts still marks the header line; mapColumns then asks.
    const byWords = amountRoleByWords(cell);
    if (byWords === 'both') {
      found.add('indicative');
      found.add('actual');
    } else if (byWords !== null) found.add(byWords);
  }
  for (const [role, header] of Object.entries(overrides) as [Role, string][]) {
    if (findOverride(cells, header) >= 0) found.add(role);
  }
  return REQUIRED_ROLES.every((role) => found.has(role));
}

function findOverride(headers: readonly string[], wanted: string): number {
  const exact = headers.findIndex((header) => header.trim() === wanted.trim());
  if (exact >= 0) return exact;
  const key = normaliseHeader(wanted);
  const loose = headers.findIndex((header) => normaliseHeader(header) === key);
  if (loose >= 0) return loose;
  return headers.findIndex((header) => header.trim().toLowerCase() === wanted.trim().toLowerCase());
}

/**
 * Maps a header row to roles. Throws a RasgapError naming the headers found and the flag that
 * fixes it when a required column is missing or two columns could both be an amount.
 */
export function mapColumns(
  headers: readonly string[],
  overrides: ColumnOverrides,
  place: { file: string; line: number },
): ColumnMapping {
  const columns: Partial<Record<Role, number>> = {};
  const candidates = new Map<Role, { column: number; rank: number }[]>();
  /** Headers with words of both amounts. */
  const both: number[] = [];
  const add = (role: Role, column: number, rank: number): void => {
    const list = candidates.get(role) ?? [];
    list.push({ column, rank });
    candidates.set(role, list);
  };
  headers.forEach((header, column) => {
    const match = synonymIndex.get(normaliseHeader(header));
    if (match) {
      add(match.role, column, match.rank);
      return;
    }
    // After every synonym: an amount header read by its words.
    const byWords = amountRoleByWords(header);
    if (byWords === 'both') both.push(column);
    else if (byWords !== null) add(byWords, column, 1000);
  });

  for (const role of ROLES) {
    const override = overrides[role];
    if (override !== undefined) {
      const column = findOverride(headers, override);
      if (column < 0) {
        throw new RasgapError(
          'COLUMN_NOT_FOUND',
          `--column ${ROLE_FLAGS[role]}="${override}" names no column; the headers are: ${listHeaders(headers)}`,
          { ...place, fix: `pass --column ${ROLE_FLAGS[role]}="<one of those headers>"` },
        );
      }
      columns[role] = column;
      continue;
    }
    const list = (candidates.get(role) ?? []).filter(
      (candidate) => !Object.values(columns).includes(candidate.column),
    );
    if (list.length === 0) continue;
    if (list.length > 1 && (role === 'indicative' || role === 'actual')) {
      // Two amount columns for one role (e.g. weekly and annual): choosing would be a guess.
      throw new RasgapError(
        'COLUMN_AMBIGUOUS',
        `more than one column could be the ${role} amount: ${list.map((c) => `"${headers[c.column]}"`).join(', ')}`,
        { ...place, fix: `choose one with --column ${role}="${headers[list[0].column]}"` },
      );
    }
    list.sort((a, b) => a.rank - b.rank || a.column - b.column);
    columns[role] = list[0].column;
  }

  const taken = new Set(Object.values(columns));
  const unsettled = both.filter((column) => !taken.has(column));
  if (
    unsettled.length > 0 &&
    (overrides.indicative === undefined || overrides.actual === undefined)
  ) {
    // "RAS Final Budget": which amount it is would be a guess. List every amount header.
    const header = headers[unsettled[0]];
    const amounts = [columns.indicative, columns.actual, ...unsettled]
      .filter((column): column is number => column !== undefined)
      .map((column) => `"${headers[column]}"`);
    const role = columns.indicative === undefined ? 'indicative' : 'actual';
    throw new RasgapError(
      'COLUMN_AMBIGUOUS',
      `the header "${header}" has words of both the indicative budget (${wordsOf(header, INDICATIVE_WORDS)}) and the actual one (${wordsOf(header, ACTUAL_WORDS)}); the amount columns are: ${amounts.join(', ')}`,
      {
        ...place,
        fix: `say which it is, e.g. --column ${role}="${header}"${columns.indicative !== undefined && columns.actual !== undefined ? `, or name both amounts with --column indicative="<header>" --column actual="<header>"` : ''}`,
      },
    );
  }

  for (const role of REQUIRED_ROLES) {
    if (columns[role] === undefined) {
      throw new RasgapError(
        'COLUMN_NOT_FOUND',
        `no ${role} budget column found; the headers are: ${listHeaders(headers)}`,
        { ...place, fix: `name it with --column ${ROLE_FLAGS[role]}="<header>"` },
      );
    }
  }

  return {
    columns,
    headers: [...headers],
    periods: {
      indicative: periodFromHeader(headers[columns.indicative!]),
      actual: periodFromHeader(headers[columns.actual!]),
    },
  };
}

/** The words of a header that are in a set, as written in the message ("ras", "final"). */
function wordsOf(header: string, set: Set<string>): string {
  return headerWords(header)
    .filter((word) => set.has(word))
    .map((word) => `"${word === 'packagecost' ? 'package cost' : word}"`)
    .join(', ');
}

function listHeaders(headers: readonly string[]): string {
  const shown = headers.slice(0, 30).map((header) => `"${header}"`);
  if (headers.length > 30) shown.push(`and ${headers.length - 30} more`);
  return shown.join(', ');
}

/**
 * Parses `--column role=Header` values.
 *
 * @example
 * parseColumnOverride('indicative=RAS £') // ['indicative', 'RAS £']
 */
export function parseColumnOverride(text: string): [Role, string] {
  const equals = text.indexOf('=');
  const flag = equals < 0 ? '' : text.slice(0, equals).trim();
  const header = equals < 0 ? '' : text.slice(equals + 1);
  const role = ROLES.find(
    (candidate) =>
      ROLE_FLAGS[candidate] === flag ||
      candidate.toLowerCase() === flag.toLowerCase().replace(/[-_]/g, ''),
  );
  if (!role || header.trim() === '') {
    throw new RasgapError('USAGE', `--column takes ROLE=HEADER, got "${text}"`, {
      fix: `use one of ${ROLES.map((r) => ROLE_FLAGS[r]).join(', ')}, e.g. --column indicative="RAS £"`,
    });
  }
  return [role, header];
}

/**
 * The role a header names by itself, or null.
 *
 * @example
 * roleOfHeader('RAS Allocation (weekly)') // 'indicative'
 * roleOfHeader('Final Weekly')            // 'actual' (by its words)
 */
export function roleOfHeader(header: string): Role | null {
  const synonym = synonymIndex.get(normaliseHeader(header));
  if (synonym) return synonym.role;
  const byWords = amountRoleByWords(header);
  return byWords === 'both' ? null : byWords;
}
