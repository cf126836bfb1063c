import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  EXPORT_HEADER,
  FOI_MARKERS,
  generateExport,
  generateExportLines,
} from '../../src/generate/export.js';
import { Random } from '../../src/generate/random.js';

const PRIMARY_SUPPORT_REASONS = [
  'Physical Support: Access & mobility only',
  'Physical Support: Personal care support',
  'Sensory Support: Support for visual impairment',
  'Sensory Support: Support for hearing impairment',
  'Sensory Support: Support for dual impairment',
  'Support with Memory & Cognition',
  'Learning Disability Support',
  'Mental Health Support',
  'Social Support: Substance misuse support',
  'Social Support: Asylum seeker support',
  'Social Support: Support for Social Isolation/Other',
  'Social Support: Support to Carer',
];
const CANONICAL_BY_LOWER = new Map(
  PRIMARY_SUPPORT_REASONS.map((label) => [label.toLowerCase(), label]),
);

type Amount = number | 'blank' | 'marker' | 'invalid';

/** A deliberately independent reading of the amount formats the generator promises. */
function readAmount(text: string): Amount {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 'blank';
  }
  if (FOI_MARKERS.includes(trimmed)) {
    return 'marker';
  }
  const digits = trimmed.replace(/^£\s*/, '').replaceAll(',', '');
  return /^\d+(\.\d{1,2})?$/.test(digits) ? Number(digits) : 'invalid';
}

/** DD/MM/YYYY to a UTC day number, or null for anything that is not a real date. */
function readDate(text: string): number | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (match === null) {
    return null;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() / 86_400_000 : null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function share(count: number, total: number): number {
  return count / total;
}

interface Row {
  line: string;
  personId: string;
  clientGroup: string;
  age: string;
  indicative: Amount;
  actual: Amount;
  indicativeText: string;
  actualText: string;
  date: string;
}

const ROWS = 20_000;
const text = generateExport({ rows: ROWS, seed: 20_250_401 });
const lines = text
  .split('\n')
  .slice(0, -1)
  .map((line) => line + '\n');
const records: string[][] = parse(text, { relax_column_count: true });
const rows: Row[] = records.slice(1).map((fields, i) => ({
  line: lines[i + 1],
  personId: fields[0],
  clientGroup: fields[1],
  age: fields[2],
  indicative: readAmount(fields[3]),
  actual: readAmount(fields[4]),
  indicativeText: fields[3],
  actualText: fields[4],
  date: fields[5],
}));

describe('generateExport', () => {
  it('gives the same bytes for the same seed and different bytes for another', () => {
    expect(generateExport({ rows: 2000, seed: 7 })).toBe(generateExport({ rows: 2000, seed: 7 }));
    expect(generateExport({ rows: 2000, seed: 7 })).not.toBe(
      generateExport({ rows: 2000, seed: 8 }),
    );
  });

  it('is the lines of generateExportLines joined', () => {
    const options = { rows: 5000, seed: 99 };
    expect([...generateExportLines(options)].join('')).toBe(generateExport(options));
  });

  it('starts with the expected header line', () => {
    expect(lines[0]).toBe(
      'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed\n',
    );
    expect(EXPORT_HEADER + '\n').toBe(lines[0]);
  });

  it('yields one "\\n"-terminated line per row after the header', () => {
    for (const count of [0, 1, 7, 1000]) {
      const yielded = [...generateExportLines({ rows: count, seed: count })];
      expect(yielded).toHaveLength(count + 1);
      for (const line of yielded) {
        expect(line.endsWith('\n')).toBe(true);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(line).not.toContain('\r');
      }
    }
    expect(rows).toHaveLength(ROWS);
  });

  it('parses as CSV with exactly six fields on every line', () => {
    expect(records).toHaveLength(ROWS + 1);
    const badWidths = records.filter((fields) => fields.length !== 6);
    expect(badWidths).toEqual([]);
  });

  it('rejects impossible options', () => {
    expect(() => generateExport({ rows: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateExport({ rows: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateExport({ rows: 10, seed: Number.NaN })).toThrow(RangeError);
  });

  it('writes person ids as P and seven digits', () => {
    expect(rows.every((row) => /^P\d{7}$/.test(row.personId))).toBe(true);
  });

  it('repeats about 0.3% of lines exactly and about 4% of people as later reviews', () => {
    const seenLines = new Set<string>();
    const seenIds = new Set<string>();
    let duplicateLines = 0;
    let reviews = 0;
    for (const row of rows) {
      if (seenLines.has(row.line)) {
        duplicateLines++;
      } else if (seenIds.has(row.personId)) {
        reviews++;
      }
      seenLines.add(row.line);
      seenIds.add(row.personId);
    }
    expect(share(duplicateLines, ROWS)).toBeGreaterThan(0.001);
    expect(share(duplicateLines, ROWS)).toBeLessThan(0.006);
    expect(share(reviews, ROWS)).toBeGreaterThan(0.03);
    expect(share(reviews, ROWS)).toBeLessThan(0.05);
  });

  it('keeps a reviewed person in one client group, with later dates and age +0 or +1', () => {
    const previous = new Map<string, Row>();
    let checkedDates = 0;
    for (const row of rows) {
      const before = previous.get(row.personId);
      if (before !== undefined && before.line !== row.line) {
        if (before.clientGroup !== '' && row.clientGroup !== '') {
          expect(row.clientGroup.toLowerCase()).toBe(before.clientGroup.toLowerCase());
        }
        if (before.age !== '' && row.age !== '') {
          expect(Number(row.age) - Number(before.age)).toBeGreaterThanOrEqual(0);
          expect(Number(row.age) - Number(before.age)).toBeLessThanOrEqual(1);
        }
        if (before.date !== '' && row.date !== '') {
          expect(readDate(row.date)!).toBeGreaterThan(readDate(before.date)!);
          checkedDates++;
        }
      }
      previous.set(row.personId, row);
    }
    expect(checkedDates).toBeGreaterThan(500);
  });

  it('uses Primary Support Reason labels, with a few recased and a few blank', () => {
    let blank = 0;
    let recased = 0;
    let personalCare = 0;
    for (const row of rows) {
      if (row.clientGroup === '') {
        blank++;
        continue;
      }
      const canonical = CANONICAL_BY_LOWER.get(row.clientGroup.toLowerCase());
      expect(canonical, row.clientGroup).toBeDefined();
      if (canonical !== row.clientGroup) {
        recased++;
      }
      if (canonical === 'Physical Support: Personal care support') {
        personalCare++;
      }
    }
    expect(share(blank, ROWS)).toBeGreaterThan(0.002);
    expect(share(blank, ROWS)).toBeLessThan(0.01);
    expect(share(recased, ROWS)).toBeGreaterThan(0.005);
    expect(share(recased, ROWS)).toBeLessThan(0.015);
    expect(share(personalCare, ROWS)).toBeGreaterThan(0.4);
    expect(share(personalCare, ROWS)).toBeLessThan(0.5);
  });

  it('writes ages as whole numbers of adults, about 1% blank', () => {
    const blank = rows.filter((row) => row.age === '').length;
    expect(share(blank, ROWS)).toBeGreaterThan(0.005);
    expect(share(blank, ROWS)).toBeLessThan(0.015);
    for (const row of rows) {
      if (row.age !== '') {
        expect(row.age).toMatch(/^\d+$/);
        expect(Number(row.age)).toBeGreaterThanOrEqual(18);
        expect(Number(row.age)).toBeLessThanOrEqual(110);
      }
    }
    const older = (label: string): number => {
      const ages = rows
        .filter((row) => row.clientGroup === label && row.age !== '')
        .map((row) => Number(row.age));
      return share(ages.filter((age) => age >= 65).length, ages.length);
    };
    expect(older('Support with Memory & Cognition')).toBeGreaterThan(0.8);
    expect(older('Physical Support: Personal care support')).toBeGreaterThan(0.6);
    expect(older('Learning Disability Support')).toBeLessThan(0.2);
    expect(older('Mental Health Support')).toBeLessThan(0.4);
  });

  it('writes valid DD/MM/YYYY dates from 01/04/2022 to 31/03/2025, about 1% blank', () => {
    const first = readDate('01/04/2022')!;
    const last = readDate('31/03/2025')!;
    let blank = 0;
    for (const row of rows) {
      if (row.date === '') {
        blank++;
        continue;
      }
      const day = readDate(row.date);
      expect(day, row.date).not.toBeNull();
      expect(day!).toBeGreaterThanOrEqual(first);
      expect(day!).toBeLessThanOrEqual(last);
    }
    expect(share(blank, ROWS)).toBeGreaterThan(0.005);
    expect(share(blank, ROWS)).toBeLessThan(0.015);
  });

  it('formats amounts in the mixed ways real exports do, in sensible proportions', () => {
    for (const column of ['indicative', 'actual'] as const) {
      const amounts = rows.map((row) => row[column]);
      const count = (kind: Amount): number => amounts.filter((amount) => amount === kind).length;
      expect(share(count('blank'), ROWS)).toBeGreaterThan(0.005);
      expect(share(count('blank'), ROWS)).toBeLessThan(0.015);
      expect(share(count('marker'), ROWS)).toBeGreaterThan(0.005);
      expect(share(count('marker'), ROWS)).toBeLessThan(0.015);
      expect(count('invalid')).toBeGreaterThan(0);
      expect(share(count('invalid'), ROWS)).toBeLessThan(0.005);
    }
    const texts = rows.flatMap((row) => [row.indicativeText, row.actualText]);
    const poundSign = texts.filter((t) => t.startsWith('£')).length;
    const padded = texts.filter((t) => /^ £ \d+ $/.test(t)).length;
    expect(share(poundSign, texts.length)).toBeGreaterThan(0.1);
    expect(share(poundSign, texts.length)).toBeLessThan(0.2);
    expect(share(padded, texts.length)).toBeGreaterThan(0.01);
    expect(share(padded, texts.length)).toBeLessThan(0.03);
    expect(texts.some((t) => /^£\d{1,3}(,\d{3})+\.\d{2}$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\(\d+\.\d{2}\)$/.test(t))).toBe(true);
    // A thousands separator only ever appears inside a quoted field.
    expect(lines.every((line) => !/(^|,)£\d{1,3},\d{3}/.test(line))).toBe(true);
  });

  it('has about 1% zero indicative budgets, each with a positive actual', () => {
    const zero = rows.filter((row) => row.indicative === 0);
    expect(share(zero.length, ROWS)).toBeGreaterThan(0.005);
    expect(share(zero.length, ROWS)).toBeLessThan(0.015);
    for (const row of zero) {
      if (typeof row.actual === 'number') {
        expect(row.actual).toBeGreaterThan(0);
      }
    }
  });

  it('has skewed, group-dependent indicative budgets', () => {
    const indicatives = (label: string): number[] =>
      rows
        .filter((row) => row.clientGroup === label && typeof row.indicative === 'number')
        .map((row) => row.indicative as number)
        .filter((amount) => amount > 0);
    const learningDisability = indicatives('Learning Disability Support');
    const personalCare = indicatives('Physical Support: Personal care support');
    expect(median(learningDisability)).toBeGreaterThan(500);
    expect(median(learningDisability)).toBeLessThan(1200);
    expect(median(personalCare)).toBeGreaterThan(150);
    expect(median(personalCare)).toBeLessThan(400);
    expect(Math.max(...learningDisability)).toBeGreaterThan(2500);
  });

  it('leaves about 20% of budgets unchanged; older people go down and working-age up', () => {
    const changes: { age: number; change: number }[] = [];
    let unchanged = 0;
    let comparable = 0;
    for (const row of rows) {
      const { indicative, actual } = row;
      if (typeof indicative !== 'number' || typeof actual !== 'number' || indicative === 0) {
        continue;
      }
      expect(actual).toBeGreaterThanOrEqual(0);
      comparable++;
      if (actual === indicative) {
        unchanged++;
      }
      if (row.age !== '') {
        changes.push({ age: Number(row.age), change: (actual - indicative) / indicative });
      }
    }
    expect(share(unchanged, comparable)).toBeGreaterThan(0.15);
    expect(share(unchanged, comparable)).toBeLessThan(0.25);
    const older = changes.filter((c) => c.age >= 65).map((c) => c.change);
    const workingAge = changes.filter((c) => c.age < 65).map((c) => c.change);
    expect(median(older)).toBeLessThan(-0.01);
    expect(median(workingAge)).toBeGreaterThan(0.01);
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed', () => {
    const a = new Random(123);
    const b = new Random(123);
    const c = new Random(124);
    const fromA = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(fromA);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(fromA);
  });

  it('keeps int() within its inclusive bounds and reaches both', () => {
    const rng = new Random(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const value = rng.int(-2, 3);
      expect(value).toBeGreaterThanOrEqual(-2);
      expect(value).toBeLessThanOrEqual(3);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2, 3]);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it('draws standard normals', () => {
    const rng = new Random(9);
    const draws = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('picks by weight and rejects unusable weights', () => {
    const rng = new Random(11);
    const items = [
      { value: 'a', weight: 1 },
      { value: 'b', weight: 3 },
      { value: 'never', weight: 0 },
    ];
    let b = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = rng.weighted(items);
      expect(value).not.toBe('never');
      if (value === 'b') {
        b++;
      }
    }
    expect(b / 10_000).toBeGreaterThan(0.72);
    expect(b / 10_000).toBeLessThan(0.78);
    expect(() => rng.weighted([{ value: 'x', weight: 0 }])).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
