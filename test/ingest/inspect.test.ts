// `inspect` in process: the precision each amount column is written in, and how several files
// pool (ids in more than one file, council columns, identical files), by analyse's own rules.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFiles } from '../../src/ingest/inspect.js';
import { renderInspection, renderPool } from '../../src/report/inspection.js';

const scratch = mkdtempSync(join(tmpdir(), 'rasgap-inspect-pool-'));

// Expected values, independently of rasgap (pandas 1.5.3), from the repository root:
// /usr/bin/python3 -c "import pandas as pd; w=pd.read_csv('fixtures/whole-pound-annual.csv',dtype=str);
//   dp=lambda s: s.str.replace(r'[£,\s]','',regex=True).str.split('.').str[1].fillna('').str.len();
//   print(len(w), dp(w['Indicative Budget (weekly)']).max(), dp(w['Actual Budget (annual)']).max())"
//   -> 40 2 0
// /usr/bin/python3 -c "import pandas as pd; a=pd.read_csv('fixtures/quarter-1.csv',dtype=str);
//   b=pd.read_csv('fixtures/quarter-2.csv',dtype=str);
//   print(len(set(a['Person ID'].str.strip()) & set(b['Person ID'].str.strip())))"
//   -> 6
describe('inspect: the precision of the amounts', () => {
  it('whole-pound-annual.csv: pence a week beside whole pounds a year, ±£0.50 a year', async () => {
    const [file] = await inspectFiles(['fixtures/whole-pound-annual.csv'], {});
    const decimals = Object.fromEntries(file.columns.map((c) => [c.header, c.decimals]));
    expect(decimals).toEqual({
      'Person ID': null,
      'Client Group': null,
      Age: null,
      'Indicative Budget (weekly)': 2,
      'Actual Budget (annual)': 0,
    });
    // Half a pound a year (the annual column's rounding) against half a penny a week (26p a year).
    expect(file.rounding).toMatchObject({ pounds: 0.5, perYear: true, records: 40 });
    expect(file.rounding?.note).toContain('"Actual Budget (annual)" in whole pounds per year');
    expect(file.rounding?.note).toContain('"Indicative Budget (weekly)" in pence per week');
    expect(file.rounding?.note).toContain('±£0.50 a year');
    expect(file.pooled).toBeNull();
    const text = renderInspection(file);
    expect(text).toContain('indicative, per week (header), 2 dp');
    expect(text).toContain('actual, per year (header), 0 dp');
    expect(text).toContain(`  precision     ${file.rounding?.note}`);
  });

  it('quarter-1.csv: both columns in pence a week, so no rounding line', async () => {
    const [file] = await inspectFiles(['fixtures/quarter-1.csv'], {});
    expect(file.columns.filter((c) => c.decimals !== null).map((c) => c.decimals)).toEqual([2, 2]);
    expect(file.rounding).toBeNull();
    expect(renderInspection(file)).not.toContain('precision');
  });
});

describe('inspect: several files', () => {
  it('two quarters of one council: counts the ids found in both, and names the fix', async () => {
    const files = ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv'];
    const inspections = await inspectFiles(files, {});
    expect(inspections).toHaveLength(2);
    const pooled = inspections[0].pooled!;
    expect(inspections[1].pooled).toBe(pooled);
    expect(pooled.peopleInSeveralFiles).toBe(6);
    expect(pooled.councilColumns).toEqual([null, null]);
    expect(pooled.identical).toEqual([]);
    expect(pooled.notes[0]).toContain('no file has a council column');
    expect(pooled.notes[0]).toContain('pass --separate-files');
    // The line analyse gives, word for word.
    expect(pooled.notes[1]).toMatch(/^6 people \(ids\) appear in more than one file/);
    expect(inspections.every((item) => item.analysable)).toBe(true);
    // A count only: no id is named.
    const text = renderPool(pooled);
    expect(text).not.toMatch(/\bQ\d+\b/);
    expect(text).toContain('pooled: fixtures/quarter-1.csv, fixtures/quarter-2.csv');
  });

  it('with --separate-files each file keeps its ids: none is shared', async () => {
    const files = ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv'];
    const [first] = await inspectFiles(files, { separateFiles: true });
    expect(first.pooled?.peopleInSeveralFiles).toBe(0);
    expect(first.pooled?.notes).toEqual([
      "no file has a council column, and --separate-files keeps each file's ids apart",
      'no person id is found in more than one of the files',
    ]);
  });

  it('files with a council column: each council keeps its ids', async () => {
    const files = ['fixtures/council-a.csv', 'fixtures/council-b.csv'];
    const [first] = await inspectFiles(files, {});
    expect(first.pooled?.councilColumns).toEqual(['Council', 'Local Authority']);
    expect(first.pooled?.notes[0]).toBe(
      'every file has a council column ("Council", "Local Authority"): each council\'s ids are kept apart',
    );
    expect(first.pooled?.peopleInSeveralFiles).toBe(0);
  });

  it('a council column keys ids by council: the same id in two councils is two people', async () => {
    const header = 'Person ID,Client Group,Age,Indicative (weekly),Actual (weekly),Council';
    const north = join(scratch, 'north.csv');
    const south = join(scratch, 'south.csv');
    writeFileSync(north, [header, 'P1,LD,30,100,110,North', 'P2,MH,70,200,190,North'].join('\n'));
    writeFileSync(south, [header, 'P1,LD,40,150,150,South', 'P2,MH,71,210,200,North'].join('\n'));
    const [first] = await inspectFiles([north, south], {});
    // P1 is North's and South's: two people. P2 is North's in both files: one, found in both.
    expect(first.pooled?.peopleInSeveralFiles).toBe(1);
    expect(first.pooled?.councilColumns).toEqual(['Council', 'Council']);
  });

  it('the same bytes under another name: refused as analyse refuses it, with the fix', async () => {
    const copy = join(scratch, 'quarter-1-copy.csv');
    copyFileSync('fixtures/quarter-1.csv', copy);
    const inspections = await inspectFiles(['fixtures/quarter-1.csv', copy], {});
    expect(inspections[0].analysable).toBe(true);
    expect(inspections[1].analysable).toBe(false);
    expect(inspections[1].problems.at(-1)).toMatch(
      /^this file has the same bytes \(SHA-256 [0-9a-f]{12}…\) as fixtures\/quarter-1\.csv, so its rows would be counted twice\. Fix: give each export once: leave out .*quarter-1-copy\.csv or fixtures\/quarter-1\.csv$/,
    );
    const pooled = inspections[0].pooled!;
    expect(pooled.identical).toEqual([
      {
        path: copy,
        sameAs: 'fixtures/quarter-1.csv',
        fix: `give each export once: leave out ${copy} or fixtures/quarter-1.csv`,
      },
    ]);
    // The copy is left out of the count, as analyse would read the files once each.
    expect(pooled.peopleInSeveralFiles).toBe(0);
    expect(renderPool(pooled)).toContain(
      `${copy} has the same bytes (SHA-256) as fixtures/quarter-1.csv: analyse refuses it`,
    );
  });

  it('the same path twice beside another file: named once is the fix', async () => {
    const files = ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv', 'fixtures/quarter-1.csv'];
    const inspections = await inspectFiles(files, {});
    expect(inspections.map((item) => item.analysable)).toEqual([true, true, false]);
    expect(inspections[2].problems.at(-1)).toBe(
      'this file is given twice, so its rows would be counted twice. Fix: name each export once',
    );
    // The ids shared by the two quarters, as when each is named once.
    const pooled = inspections[0].pooled!;
    expect(pooled.peopleInSeveralFiles).toBe(6);
    expect(pooled.notes[1]).toContain(
      'in more than one file (fixtures/quarter-1.csv, fixtures/quarter-2.csv)',
    );
    expect(renderPool(pooled)).toContain(
      '  - fixtures/quarter-1.csv is given twice: analyse refuses it, as its rows would be counted twice. Fix: name each export once',
    );
  });
});
