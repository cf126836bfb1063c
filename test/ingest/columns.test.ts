import { describe, it, expect } from 'vitest';
import { RasgapError } from '../../src/errors.js';
import {
  HEADER_SYNONYMS,
  amountRoleByWords,
  looksLikeHeader,
  mapColumns,
  normaliseHeader,
  parseColumnOverride,
  REQUIRED_ROLES,
  ROLE_FLAGS,
  ROLES,
  roleOfHeader,
  type Role,
} from '../../src/ingest/columns.js';

const place = { file: 'export.csv', line: 3 };

/** Runs `fn`, expecting a RasgapError, and returns it. */
function rasgapErrorOf(fn: () => unknown): RasgapError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected a RasgapError, but nothing was thrown');
}

describe('normaliseHeader', () => {
  it.each([
    [' Indicative Budget (weekly) £', 'indicativebudget'],
    ['ib_weekly', 'ib'],
    ['pb_weekly', 'pb'],
    ['Indicative Budget', 'indicativebudget'],
    ['INDICATIVE BUDGET', 'indicativebudget'],
    ['indicative-budget', 'indicativebudget'],
    ['Indicative Budget (£ per week)', 'indicativebudget'],
    ['Indicative Budget p.a.', 'indicativebudget'],
    ['Indicative Budget £pa', 'indicativebudget'],
    ['Annual Indicative Budget', 'indicativebudget'],
    ['Indicative Budget (4 weekly)', 'indicativebudget'],
    ['Indicative Budget four-weekly', 'indicativebudget'],
    ['Actual Budget (monthly)', 'actualbudget'],
    ['Actual Budget pcm', 'actualbudget'],
    ['Actual Budget (GBP)', 'actualbudget'],
    ['Actual Budget (pounds)', 'actualbudget'],
    ['Service User Reference', 'serviceuserreference'],
    ['Support with Memory & Cognition', 'supportwithmemoryandcognition'],
    ['Date of Birth', 'dateofbirth'],
    ['D.O.B.', 'dob'],
    ['Client ID #', 'clientid'],
    ['Age: at assessment', 'ageatassessment'],
    ['', ''],
  ])('%j -> %j', (header, key) => {
    expect(normaliseHeader(header)).toBe(key);
  });

  it('does not strip a period word inside a longer word', () => {
    expect(normaliseHeader('Weekend Support')).toBe('weekendsupport');
    expect(normaliseHeader('Pay Band')).toBe('payband');
  });
});

describe('mapColumns: header rows seen in practice', () => {
  it('maps a Liquidlogic-style header', () => {
    const headers = [
      'Service User Reference',
      'Primary Support Reason',
      'Age at assessment',
      'RAS Allocation',
      'Agreed Personal Budget',
      'Approval Date',
    ];
    const mapping = mapColumns(headers, {}, place);
    expect(mapping.columns).toEqual({
      personId: 0,
      clientGroup: 1,
      age: 2,
      indicative: 3,
      actual: 4,
      dateAgreed: 5,
    });
    expect(mapping.periods).toEqual({ indicative: null, actual: null });
    expect(mapping.headers).toEqual(headers);
  });

  it('maps a snake_case extract and reads the weekly period from the amount headers', () => {
    const mapping = mapColumns(
      ['client_id', 'psr', 'age_group', 'ib_weekly', 'pb_weekly'],
      {},
      place,
    );
    expect(mapping.columns).toEqual({
      personId: 0,
      clientGroup: 1,
      ageBand: 2,
      indicative: 3,
      actual: 4,
    });
    expect(mapping.periods).toEqual({ indicative: 'week', actual: 'week' });
  });

  it('maps a header with date of birth and different periods per amount', () => {
    const mapping = mapColumns(
      [
        'Person ID',
        'Client Group',
        'Date of Birth',
        'Indicative Budget (annual)',
        'Actual Budget (monthly)',
        'Date Agreed',
        'Team',
      ],
      {},
      place,
    );
    expect(mapping.columns).toEqual({
      personId: 0,
      clientGroup: 1,
      dateOfBirth: 2,
      indicative: 3,
      actual: 4,
      dateAgreed: 5,
    });
    expect(mapping.periods).toEqual({ indicative: 'year', actual: 'month' });
  });

  it('maps a Mosaic-style header with short codes and a year of birth', () => {
    const mapping = mapColumns(
      ['Mosaic ID', 'PSR', 'Year of Birth', 'IB', 'PB', 'Panel Date', 'RAS Points'],
      {},
      place,
    );
    expect(mapping.columns).toEqual({
      personId: 0,
      clientGroup: 1,
      yearOfBirth: 2,
      indicative: 3,
      actual: 4,
      dateAgreed: 5,
      rasPoints: 6,
    });
  });

  it('maps the frequency, council and RAS points columns', () => {
    const mapping = mapColumns(
      [
        'LA Code',
        'Client ID',
        'RAS Score',
        'Indicative Budget',
        'Actual Budget',
        'Budget Frequency',
      ],
      {},
      place,
    );
    expect(mapping.columns).toEqual({
      council: 0,
      personId: 1,
      rasPoints: 2,
      indicative: 3,
      actual: 4,
      frequency: 5,
    });
  });

  it('maps headers regardless of case, padding and punctuation', () => {
    const mapping = mapColumns(
      ['  CLIENT ID ', 'client category', 'AGE', 'Indicative Personal Budget £', 'final budget'],
      {},
      place,
    );
    expect(mapping.columns).toEqual({
      personId: 0,
      clientGroup: 1,
      age: 2,
      indicative: 3,
      actual: 4,
    });
  });

  it('finds the roles in any column order and ignores unrelated columns', () => {
    const mapping = mapColumns(
      ['Team', 'Support Plan Cost', 'Gender', 'Estimated Budget', 'Age Band', 'LAS ID'],
      {},
      place,
    );
    expect(mapping.columns).toEqual({ actual: 1, indicative: 3, ageBand: 4, personId: 5 });
  });

  it('recognises every synonym in the table for its role', () => {
    for (const role of ROLES) {
      for (const synonym of HEADER_SYNONYMS[role]) {
        const headers =
          role === 'indicative'
            ? [synonym, 'Actual Budget']
            : role === 'actual'
              ? ['Indicative Budget', synonym]
              : ['Indicative Budget', 'Actual Budget', synonym];
        const mapping = mapColumns(headers, {}, place);
        const expected = role === 'indicative' ? 0 : role === 'actual' ? 1 : 2;
        expect(mapping.columns[role], `${role} <- ${synonym}`).toBe(expected);
      }
    }
  });

  it('no synonym is claimed by two roles', () => {
    const seen = new Map<string, Role>();
    for (const role of ROLES) {
      for (const synonym of HEADER_SYNONYMS[role]) {
        const key = normaliseHeader(synonym);
        const other = seen.get(key);
        if (other !== undefined) expect(other, `${synonym}`).toBe(role);
        seen.set(key, role);
      }
    }
  });

  it('prefers the more specific header when two columns could be the same non-amount role', () => {
    const mapping = mapColumns(
      ['ID', 'Client ID', 'Start Date', 'Date Agreed', 'Indicative Budget', 'Actual Budget'],
      {},
      place,
    );
    expect(mapping.columns.personId).toBe(1);
    expect(mapping.columns.dateAgreed).toBe(3);
  });

  it('returns a copy of the headers', () => {
    const headers = ['IB', 'PB'];
    const mapping = mapColumns(headers, {}, place);
    headers[0] = 'changed';
    expect(mapping.headers).toEqual(['IB', 'PB']);
  });
});

describe('mapColumns: missing required columns', () => {
  it('names the headers found and the flag that fixes it when the indicative budget is missing', () => {
    const headers = ['Client ID', 'Client Group', 'Actual Budget'];
    const error = rasgapErrorOf(() => mapColumns(headers, {}, place));
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('indicative');
    expect(error.message).toContain('"Client ID", "Client Group", "Actual Budget"');
    expect(error.fix).toContain('--column indicative=');
    expect(error.file).toBe('export.csv');
    expect(error.line).toBe(3);
  });

  it('names the actual flag when the actual budget is missing', () => {
    const error = rasgapErrorOf(() => mapColumns(['Person ID', 'RAS Allocation'], {}, place));
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.message).toContain('no actual budget column');
    expect(error.fix).toContain('--column actual=');
  });

  it('lists at most 30 headers and says how many more there are', () => {
    const headers = Array.from({ length: 35 }, (_, i) => `Column ${i + 1}`);
    const error = rasgapErrorOf(() => mapColumns(headers, {}, place));
    expect(error.message).toContain('"Column 30"');
    expect(error.message).not.toContain('"Column 31"');
    expect(error.message).toContain('and 5 more');
  });

  it('requires the indicative and actual amounts, nothing else', () => {
    expect(REQUIRED_ROLES).toEqual(['indicative', 'actual']);
    expect(mapColumns(['Indicative Budget', 'Actual Budget'], {}, place).columns).toEqual({
      indicative: 0,
      actual: 1,
    });
  });
});

describe('mapColumns: ambiguous amount columns', () => {
  it('refuses to guess between a weekly and an annual indicative budget', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(
        ['Person ID', 'Indicative Budget (weekly)', 'Indicative Budget (annual)', 'Actual Budget'],
        {},
        place,
      ),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
    expect(error.message).toContain('"Indicative Budget (weekly)", "Indicative Budget (annual)"');
    expect(error.fix).toBe('choose one with --column indicative="Indicative Budget (weekly)"');
    expect(error.line).toBe(3);
  });

  it('refuses to guess between two different synonyms for the actual budget', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['IB', 'Personal Budget', 'Support Plan Cost'], {}, place),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
    expect(error.message).toContain('actual');
    expect(error.fix).toContain('--column actual=');
  });

  it('is resolved by naming the column with an override', () => {
    const mapping = mapColumns(
      ['Indicative Budget (weekly)', 'Indicative Budget (annual)', 'Actual Budget (annual)'],
      { indicative: 'Indicative Budget (annual)' },
      place,
    );
    expect(mapping.columns).toEqual({ indicative: 1, actual: 2 });
    expect(mapping.periods).toEqual({ indicative: 'year', actual: 'year' });
  });
});

describe('mapColumns: --column overrides', () => {
  it('uses the named columns for headers no synonym matches', () => {
    const mapping = mapColumns(
      ['Ref', 'RAS £', 'Cost of plan'],
      { indicative: 'RAS £', actual: 'Cost of plan', personId: 'Ref' },
      place,
    );
    expect(mapping.columns).toEqual({ personId: 0, indicative: 1, actual: 2 });
  });

  it('matches the override ignoring case, padding and punctuation', () => {
    const mapping = mapColumns(
      ['Ref', 'RAS £', 'Cost Of Plan'],
      { indicative: ' ras ', actual: 'cost of plan' },
      place,
    );
    expect(mapping.columns).toEqual({ indicative: 1, actual: 2 });
  });

  it('prefers an exact match over a looser one', () => {
    const mapping = mapColumns(
      ['Budget (weekly)', 'Budget', 'Actual Budget'],
      { indicative: 'Budget' },
      place,
    );
    expect(mapping.columns.indicative).toBe(1);
  });

  it('reads the period from the overridden header', () => {
    const mapping = mapColumns(
      ['RAS £ per annum', 'Cost 4 weekly'],
      { indicative: 'RAS £ per annum', actual: 'Cost 4 weekly' },
      place,
    );
    expect(mapping.periods).toEqual({ indicative: 'year', actual: 'four-weeks' });
  });

  it('overrides a synonym match and leaves the overridden column to no other role', () => {
    // "Personal Budget" is a synonym for the actual budget; here it is named as the indicative one.
    const mapping = mapColumns(
      ['Personal Budget', 'Final Budget', 'Client Group'],
      { indicative: 'Personal Budget' },
      place,
    );
    expect(mapping.columns).toEqual({ indicative: 0, actual: 1, clientGroup: 2 });
  });

  it('says so when an override names no column', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['Ref', 'IB', 'PB'], { indicative: 'RAS £' }, place),
    );
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.message).toBe(
      '--column indicative="RAS £" names no column; the headers are: "Ref", "IB", "PB"',
    );
    expect(error.fix).toContain('--column indicative=');
    expect(error.line).toBe(3);
  });

  it('uses the flag spelling of the role in messages', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['IB', 'PB'], { personId: 'Client Number' }, place),
    );
    expect(error.message).toContain('--column person-id="Client Number"');
  });
});

describe('parseColumnOverride', () => {
  it.each([
    ['indicative=RAS £', ['indicative', 'RAS £']],
    ['actual=Cost of plan', ['actual', 'Cost of plan']],
    ['person-id=Client Ref', ['personId', 'Client Ref']],
    ['client-group=Service User Group', ['clientGroup', 'Service User Group']],
    ['date-of-birth=Born', ['dateOfBirth', 'Born']],
    ['year-of-birth=YOB', ['yearOfBirth', 'YOB']],
    ['age-band=Band', ['ageBand', 'Band']],
    ['date-agreed=Signed off', ['dateAgreed', 'Signed off']],
    ['age=Age now', ['age', 'Age now']],
    ['personId=Ref', ['personId', 'Ref']],
    ['person_id=Ref', ['personId', 'Ref']],
    ['PERSON-ID=Ref', ['personId', 'Ref']],
    [' indicative =RAS', ['indicative', 'RAS']],
    ['indicative=Budget = weekly', ['indicative', 'Budget = weekly']],
  ])('%j -> %j', (text, expected) => {
    expect(parseColumnOverride(text)).toEqual(expected);
  });

  it('has a flag for every role', () => {
    for (const role of ROLES) {
      expect(parseColumnOverride(`${ROLE_FLAGS[role]}=X`)).toEqual([role, 'X']);
    }
  });

  it.each(['indicative', 'indicative=', 'indicative=   ', '=RAS', 'budget=RAS', ''])(
    '%j is a usage error',
    (text) => {
      const error = rasgapErrorOf(() => parseColumnOverride(text));
      expect(error.code).toBe('USAGE');
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(`"${text}"`);
      expect(error.fix).toContain('person-id');
      expect(error.fix).toContain('date-agreed');
      expect(error.fix).toContain('--column indicative="RAS £"');
    },
  );
});

describe('looksLikeHeader', () => {
  it.each([
    [['Person ID', 'Client Group', 'Indicative Budget', 'Actual Budget']],
    [['client_id', 'psr', 'age_group', 'ib_weekly', 'pb_weekly']],
    [['IB', 'PB']],
    [['RAS Allocation', 'Support Plan Cost (annual)']],
  ])('%j is a header', (cells) => {
    expect(looksLikeHeader(cells)).toBe(true);
  });

  it.each([
    [['Adult social care personal budgets 2023/24']],
    [['FOI request 12345', '', '', '']],
    [['Source: Case management system', 'Extracted 01/04/2024']],
    [['P001', 'Learning Disability Support', '34', '£412.50', '£450.00']],
    [['Person ID', 'Client Group', 'Indicative Budget']], // no actual budget
    [['Person ID', 'Actual Budget']], // no indicative budget
    [['Final RAS allocation', '', '']], // one cell with words of both amounts: a title
    [[]],
  ])('%j is not a header', (cells) => {
    expect(looksLikeHeader(cells)).toBe(false);
  });

  it('counts columns named by --column overrides', () => {
    const cells = ['Ref', 'RAS £', 'Cost of plan'];
    expect(looksLikeHeader(cells)).toBe(false);
    expect(looksLikeHeader(cells, { indicative: 'RAS £' })).toBe(false);
    expect(looksLikeHeader(cells, { indicative: 'RAS £', actual: 'Cost of plan' })).toBe(true);
    expect(looksLikeHeader(['Ref', 'RAS £', 'Actual Budget'], { indicative: 'RAS £' })).toBe(true);
  });
});

describe('header synonyms added from real exports', () => {
  it.each([
    ['Agreed PB per week', 'actual', 'week'],
    ['Agreed PB (weekly)', 'actual', 'week'],
    ['Indicative PB', 'indicative', null],
    ['RAS', 'indicative', null],
    ['RAS £', 'indicative', null],
    ['RAS Indicative Allocation', 'indicative', null],
  ])('"%s" is the %s amount (period %s)', (header, role, period) => {
    const other = role === 'indicative' ? 'Actual Budget' : 'Indicative Budget';
    const mapping = mapColumns(['Person ID', header, other], {}, place);
    expect(mapping.columns[role as Role]).toBe(1);
    expect(mapping.periods[role as 'indicative' | 'actual']).toBe(period);
  });

  it('RAS Points and RAS Score stay points, not the RAS budget', () => {
    const mapping = mapColumns(['RAS', 'RAS Points', 'Agreed PB', 'RAS Score'], {}, place);
    expect(mapping.columns).toEqual({ indicative: 0, rasPoints: 1, actual: 2 });
  });

  it('no two roles share a header, so no existing header became ambiguous', () => {
    const seen = new Map<string, Role>();
    for (const role of ROLES) {
      for (const header of HEADER_SYNONYMS[role]) {
        const key = normaliseHeader(header);
        const before = seen.get(key);
        expect(before === undefined || before === role, `${header}: ${before} and ${role}`).toBe(
          true,
        );
        seen.set(key, role);
      }
    }
  });

  it('"RAS" beside "RAS Allocation" is two candidates for the indicative: refused, not guessed', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['RAS', 'RAS Allocation', 'Actual Budget'], {}, place),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
  });
});

describe('headers read by their words', () => {
  it.each([
    ['Indicative Weekly', 'Final Weekly', 'week', 'week'],
    ['RAS Total (annual)', 'Agreed Amount per annum', 'year', 'year'],
    ['Estimated', 'Approved', null, null],
    ['Allocation pw', 'Package Cost pw', 'week', 'week'],
    ['Initial RAS', 'Care Package Cost (monthly)', null, 'month'],
    ['Indicative Personal Budget 2023', 'Actual PB 2023', null, null],
  ])('"%s" / "%s" are the indicative and actual amounts', (indicative, actual, ip, ap) => {
    const mapping = mapColumns(['Client ID', indicative, 'Age', actual], {}, place);
    expect(mapping.columns).toEqual({ personId: 0, indicative: 1, age: 2, actual: 3 });
    expect(mapping.periods).toEqual({ indicative: ip, actual: ap });
    expect(looksLikeHeader(['Client ID', indicative, actual])).toBe(true);
  });

  it.each([
    'RAS Points',
    'RAS Score',
    'Date Agreed',
    'Agreed Date',
    'Final Review Date',
    'Actual Hours',
    'Approved by',
  ])('"%s" is never an amount', (header) => {
    expect(amountRoleByWords(header)).toBeNull();
    expect(['indicative', 'actual']).not.toContain(roleOfHeader(header));
  });

  it('a synonym always wins over words: "Indicative Personal Budget" is the indicative', () => {
    expect(roleOfHeader('Indicative Personal Budget')).toBe('indicative');
    expect(amountRoleByWords('Indicative Personal Budget')).toBe('indicative');
  });

  it('two columns of one amount by words are refused, naming both and the flag', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['Indicative Weekly', 'Indicative Annual', 'Final Weekly'], {}, place),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
    expect(error.message).toContain('"Indicative Weekly", "Indicative Annual"');
    expect(error.fix).toContain('--column indicative="Indicative Weekly"');
  });

  it('one header with words of both amounts is refused, naming the words and the flag', () => {
    const error = rasgapErrorOf(() =>
      mapColumns(['Client ID', 'Indicative Budget', 'RAS Final Budget'], {}, place),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
    expect(error.message).toBe(
      'the header "RAS Final Budget" has words of both the indicative budget ("ras") and the actual one ("final"); the amount columns are: "Indicative Budget", "RAS Final Budget"',
    );
    expect(error.fix).toBe('say which it is, e.g. --column actual="RAS Final Budget"');
    expect(error.line).toBe(place.line);
  });

  it('naming it with --column settles it', () => {
    const mapping = mapColumns(
      ['Client ID', 'Indicative Budget', 'RAS Final Budget'],
      { actual: 'RAS Final Budget' },
      place,
    );
    expect(mapping.columns).toEqual({ personId: 0, indicative: 1, actual: 2 });
  });
});
