// The privacy guard, measured on fixtures/privacy-labelled.csv (written by
// fixtures/privacy-labelled.mjs): each row is a column as it could appear in an export, its header,
// its first values and whether it holds direct identifiers. Every column is scanned as a column of
// unknown role (the reader spares known ones, such as the client group, from the name check), and
// the figures are recorded in docs/privacy.md.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  describeFinding,
  isNhsNumber,
  looksLikeStreetAddress,
  nameEvidence,
  PrivacyScan,
  type PrivacyFinding,
} from '../../src/ingest/privacy.js';

interface Labelled {
  column: string;
  label: 'identifier' | 'not';
  kind: string;
  values: string;
}

function scan(header: string, values: string[]): PrivacyFinding[] {
  const privacy = new PrivacyScan([header]);
  for (const value of values) privacy.accept([value]);
  return privacy.findings();
}

describe('the labelled set', () => {
  const rows = parse(readFileSync('fixtures/privacy-labelled.csv'), {
    columns: true,
  }) as Labelled[];
  const results = rows.map((row) => ({ row, findings: scan(row.column, row.values.split(' | ')) }));
  const truePositives = results.filter((r) => r.row.label === 'identifier' && r.findings.length);
  const falsePositives = results.filter((r) => r.row.label === 'not' && r.findings.length);
  const falseNegatives = results.filter((r) => r.row.label === 'identifier' && !r.findings.length);
  const precision = truePositives.length / (truePositives.length + falsePositives.length);
  const recall = truePositives.length / (truePositives.length + falseNegatives.length);

  it('is large enough to mean something, with both kinds of column', () => {
    expect(rows.filter((row) => row.label === 'identifier').length).toBeGreaterThanOrEqual(25);
    expect(rows.filter((row) => row.label === 'not').length).toBeGreaterThanOrEqual(30);
    for (const kind of ['team', 'locality', 'ethnicity', 'service-type', 'provider']) {
      expect(
        rows.some((row) => row.kind === kind && row.label === 'not'),
        kind,
      ).toBe(true);
    }
    for (const kind of ['name', 'nhs-number', 'postcode', 'date-of-birth', 'address']) {
      expect(
        rows.some((row) => row.kind === kind && row.label === 'identifier'),
        kind,
      ).toBe(true);
    }
  });

  it('flags identifiers with precision at least 0.95 and recall at least 0.9', () => {
    // docs/privacy.md: 26 true positives, 0 false positives, 1 false negative (precision 1.00,
    // recall 0.96) on 61 columns.
    expect({
      truePositives: truePositives.length,
      falsePositives: falsePositives.map((r) => `${r.row.column} (${r.row.kind})`),
      falseNegatives: falseNegatives.map((r) => `${r.row.column} (${r.row.kind})`),
    }).toEqual({
      truePositives: 26,
      falsePositives: [],
      falseNegatives: ['Referrer (name)'],
    });
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('names the right kind for each column it flags', () => {
    for (const { row, findings } of truePositives) {
      expect(
        findings.map((finding) => finding.kind),
        row.column,
      ).toContain(row.kind);
    }
  });

  it('never puts a value in what it reports', () => {
    for (const { row, findings } of results) {
      for (const finding of findings) {
        const line = describeFinding(finding, 'export.csv');
        for (const value of row.values.split(' | ')) {
          if (value.length >= 4 && value !== row.column) expect(line).not.toContain(value);
        }
      }
    }
  });
});

describe('nameEvidence', () => {
  it('reads names in the usual forms', () => {
    expect(nameEvidence('Margaret Thompson')).toBe('forename');
    expect(nameEvidence('THOMPSON, Margaret')).toBe('forename');
    expect(nameEvidence('MARGARET THOMPSON')).toBe('forename');
    expect(nameEvidence('THOMPSON Margaret')).toBe('forename');
    expect(nameEvidence('Mrs Jean Hughes')).toBe('forename');
    expect(nameEvidence('John A. Smith')).toBe('forename');
    expect(nameEvidence("Peter O'Brien")).toBe('forename');
    expect(nameEvidence('Alan McDonald')).toBe('forename');
    expect(nameEvidence('Siobhan Gallagher')).toBe('shape');
  });

  it('does not read descriptive categories as names', () => {
    for (const value of [
      'North Locality',
      'White British',
      'Home Care',
      'Supported Living',
      'Helen McArdle Care',
      'Hospital Discharge Team',
      'Leeds City Council',
      'Direct Payment',
      'Mixed White and Asian',
      'Right at Home',
      'Oak Lodge',
      'Dr Patel & Partners',
      'Male',
    ]) {
      expect(nameEvidence(value), value).toBeNull();
    }
  });
});

describe('street addresses, NHS numbers, headers', () => {
  it('knows a street address from a place or a provider', () => {
    expect(looksLikeStreetAddress('12 Acacia Avenue')).toBe(true);
    expect(looksLikeStreetAddress('Flat 3, 21 High Street, Leeds')).toBe(true);
    expect(looksLikeStreetAddress('4a Mill Lane')).toBe(true);
    expect(looksLikeStreetAddress('Moved to 14 Elm Grove in March')).toBe(true);
    expect(looksLikeStreetAddress('Park Lane Medical Centre')).toBe(false);
    expect(looksLikeStreetAddress('Chapel Allerton')).toBe(false);
    expect(looksLikeStreetAddress('Four Seasons Health Care')).toBe(false);
  });

  it('checks the NHS modulus-11 digit', () => {
    expect(isNhsNumber('943 476 5919')).toBe(true);
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(isNhsNumber('94347659')).toBe(false);
  });

  it('does not take system ids for NHS numbers because a few pass the check by chance', () => {
    // 9434765919 passes; the other nine fail: one in ten is chance, not NHS numbers.
    const ids = ['9434765919', ...Array.from({ length: 9 }, (_, i) => `943476591${i}`)];
    expect(ids.filter(isNhsNumber)).toEqual(['9434765919']);
    expect(scan('Mosaic ID', ids)).toEqual([]);
    // Under an NHS header even one is reported.
    expect(scan('NHS Number', ids)).toEqual([
      { column: 'NHS Number', kind: 'nhs-number', count: 1, checked: 10 },
    ]);
  });

  it('reads D.O.B. as a date-of-birth header, and a date elsewhere as no identifier', () => {
    expect(scan('D.O.B.', ['02/03/1941'])).toMatchObject([{ kind: 'date-of-birth', count: 1 }]);
    expect(scan('Date Agreed', ['02/03/2024'])).toEqual([]);
  });

  it('leaves the shape check out for columns with a known role', () => {
    const privacy = new PrivacyScan(['Client Group', 'Carer'], new Set([0]));
    for (let i = 0; i < 4; i++) privacy.accept(['Learning Disability Support', 'Jean Hughes']);
    expect(privacy.findings().map((finding) => finding.column)).toEqual(['Carer']);
  });
});
