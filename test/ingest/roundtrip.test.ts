// Round trip: random records written as a CSV in every dialect (`,` `;` tab `|`) and every encoding
// a council sends (UTF-8, UTF-8 with a BOM, Windows-1252, UTF-16LE and UTF-16BE with a BOM), read
// back with readExports: every amount, label and line number must come back, and the encoding and
// delimiter must be detected without being told.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExports, streamRecords } from '../../src/ingest/read.js';
import { analyse } from '../../src/index.js';
import { inspectFile } from '../../src/ingest/inspect.js';
import { compare } from '../../src/compare.js';

const dir = mkdtempSync(join(tmpdir(), 'rasgap-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

const DIALECTS = [',', ';', '\t', '|'] as const;
type Dialect = (typeof DIALECTS)[number];
const ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
type FileEncoding = (typeof ENCODINGS)[number];

/** The non-ASCII characters written in Windows-1252, with their bytes. */
const WINDOWS_1252: Record<string, number> = {
  '£': 0xa3,
  é: 0xe9,
  è: 0xe8,
  à: 0xe0,
  ç: 0xe7,
  ô: 0xf4,
  ü: 0xfc,
  ñ: 0xf1,
  É: 0xc9,
  Å: 0xc5,
  ß: 0xdf,
  '\u00a0': 0xa0,
  '–': 0x96,
  '’': 0x92,
  '€': 0x80,
  œ: 0x9c,
};

// What a client-group label may hold: letters, every delimiter, quotes, newlines (LF and CRLF),
// spaces, `£` and accented letters; beyond Windows-1252, letters from other scripts and an emoji.
const COMMON_UNITS = [
  ...'abcXYZ019 &:/-()',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '\n',
  '\r\n',
  ...Object.keys(WINDOWS_1252),
];
const WIDE_UNITS = [...COMMON_UNITS, 'ł', 'ő', 'Ж', '中', '😀'];

const HEADER = [
  'Person ID',
  'Client Group',
  'Indicative Budget (£ per week)',
  'Actual Budget (£ per week)',
];

interface Row {
  id: string;
  label: string;
  indicative: number; // pence per week
  actual: number;
  indicativeStyle: AmountStyle;
  actualStyle: AmountStyle;
}

const AMOUNT_STYLES = ['plain', 'pound', 'grouped', 'spaced', 'whole'] as const;
type AmountStyle = (typeof AMOUNT_STYLES)[number];

/** Pence as a council might write them: `1234.56`, `£1234.56`, `£1,234.56`, ` £ 1234.56 `, `1234`. */
function amountText(pence: number, style: AmountStyle): string {
  const pounds = Math.floor(pence / 100);
  const fraction = String(pence % 100).padStart(2, '0');
  switch (style) {
    case 'plain':
      return `${pounds}.${fraction}`;
    case 'pound':
      return `£${pounds}.${fraction}`;
    case 'grouped':
      return `£${pounds.toLocaleString('en-GB')}.${fraction}`;
    case 'spaced':
      return ` £ ${pounds}.${fraction} `;
    case 'whole':
      return pence % 100 === 0 ? String(pounds) : `${pounds}.${fraction}`;
  }
}

/**
 * Names of properties every JavaScript object has: text from a file that is looked up in a plain
 * object would find these instead of nothing. They must come back as the labels and ids they are.
 */
export const OBJECT_WORDS = [
  'toString',
  'valueOf',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'toLocaleString',
] as const;

function rowArbitrary(units: readonly string[]): fc.Arbitrary<Row> {
  const style = fc.constantFrom(...AMOUNT_STYLES);
  const pence = fc.integer({ min: 0, max: 99_999_999 });
  // The actual amount within 40% of the indicative one: far apart at random, the two columns
  // would look like two periods (a median ratio near 2 or 4), which stops a run by design.
  const amounts = fc
    .tuple(pence, fc.integer({ min: -40, max: 40 }))
    .map(([indicative, change]) => ({
      indicative,
      actual: Math.min(99_999_999, Math.round((indicative * (100 + change)) / 100)),
    }));
  return fc
    .record({
      amounts,
      id: fc
        .tuple(
          fc.constantFrom('', ' '),
          fc.oneof(fc.stringMatching(/^[A-Z]{1,3}[0-9]{1,6}$/), fc.constantFrom(...OBJECT_WORDS)),
        )
        .map(([space, id]) => `${space}${id}${space}`),
      label: fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...units), maxLength: 16 }) },
        { weight: 1, arbitrary: fc.constantFrom(...OBJECT_WORDS) },
      ),
      indicativeStyle: style,
      actualStyle: style,
    })
    .map(({ amounts: { indicative, actual }, ...rest }) => ({ ...rest, indicative, actual }));
}

interface Layout {
  delimiter: Dialect;
  eol: '\n' | '\r\n';
  quoteAll: boolean;
  finalNewline: boolean;
}

function csvField(value: string, layout: Layout): string {
  const needsQuotes = layout.quoteAll || value.includes(layout.delimiter) || /["\r\n]/.test(value);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

function fieldsOf(row: Row): string[] {
  return [
    row.id,
    row.label,
    amountText(row.indicative, row.indicativeStyle),
    amountText(row.actual, row.actualStyle),
  ];
}

function csvText(rows: Row[], layout: Layout): string {
  const lines = [HEADER, ...rows.map(fieldsOf)].map((fields) =>
    fields.map((field) => csvField(field, layout)).join(layout.delimiter),
  );
  return lines.join(layout.eol) + (layout.finalNewline ? layout.eol : '');
}

function encode(text: string, encoding: FileEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'windows-1252':
      return Buffer.from(
        Array.from(text, (char) => {
          const code = char.codePointAt(0)!;
          if (code < 0x80) return code;
          const byte = WINDOWS_1252[char];
          if (byte === undefined) throw new Error(`not written in Windows-1252: ${char}`);
          return byte;
        }),
      );
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const bytes = Buffer.from(text, 'utf16le');
      for (let i = 0; i < bytes.length; i += 2) {
        const low = bytes[i];
        bytes[i] = bytes[i + 1];
        bytes[i + 1] = low;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]);
    }
  }
}

/**
 * The client-group labels the table should hold: trimmed, runs of white space (newlines included)
 * as one space, blank as "Unknown", and one spelling per label ignoring case: the first seen.
 */
function expectedLabels(labels: string[]): string[] {
  const first = new Map<string, string>();
  return labels.map((label) => {
    const trimmed = label.trim().replace(/\s+/g, ' ');
    const key = trimmed === '' ? 'unknown' : trimmed.toLowerCase();
    if (!first.has(key)) first.set(key, trimmed === '' ? 'Unknown' : trimmed);
    return first.get(key)!;
  });
}

/** The line each record starts on: the header is line 1, and quoted newlines count. */
function expectedLines(rows: Row[]): number[] {
  let line = 2;
  return rows.map((row) => {
    const start = line;
    line += 1 + (fieldsOf(row).join('').match(/\n/g)?.length ?? 0);
    return start;
  });
}

async function checkRoundTrip(rows: Row[], layout: Layout, encoding: FileEncoding): Promise<void> {
  const file = join(dir, `export-${++fileCount}.csv`);
  writeFileSync(file, encode(csvText(rows, layout), encoding));
  const lines = expectedLines(rows);

  // Every field exactly as written (quotes undone, BOM dropped), on its line.
  const records: { fields: string[]; line: number }[] = [];
  const facts = await streamRecords(file, {}, (fields, line) => records.push({ fields, line }));
  expect(facts.encoding?.encoding).toBe(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  expect(facts.delimiter).toEqual({ delimiter: layout.delimiter, evidence: 'sniffed' });
  expect(records).toEqual([
    { fields: HEADER, line: 1 },
    ...rows.map((row, i) => ({ fields: fieldsOf(row), line: lines[i] })),
  ]);

  // The records as the analysis sees them.
  const { table, ledger, inputs, amountBasis } = await readExports([file]);
  expect(ledger.entries).toEqual([]);
  expect(amountBasis).toBe('pence-per-year');
  expect(inputs[0].header.line).toBe(1);
  expect(inputs[0].header.periods.indicative).toEqual({ period: 'week', source: 'header' });
  expect(inputs[0].rowsRead).toBe(rows.length);
  expect(table.count).toBe(rows.length);
  const labels = expectedLabels(rows.map((row) => row.label));
  rows.forEach((row, i) => {
    expect(table.indicative[i]).toBe(row.indicative * 52);
    expect(table.actual[i]).toBe(row.actual * 52);
    expect(table.line[i]).toBe(lines[i]);
    expect(table.personIds.at(table.person[i])).toBe(row.id.trim());
    expect(table.clientGroupLabels[table.clientGroup[i]]).toBe(labels[i]);
  });
}

const layoutArbitrary = (delimiter: Dialect): fc.Arbitrary<Layout> =>
  fc.record({
    delimiter: fc.constant(delimiter),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
    quoteAll: fc.boolean(),
    finalNewline: fc.boolean(),
  });

describe('readExports round trip', () => {
  for (const encoding of ENCODINGS) {
    const units = encoding === 'windows-1252' ? COMMON_UNITS : WIDE_UNITS;
    for (const delimiter of DIALECTS) {
      it(`${encoding}, ${JSON.stringify(delimiter)}: amounts, labels and lines come back`, async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(rowArbitrary(units), { minLength: 1, maxLength: 12 }),
            layoutArbitrary(delimiter),
            async (rows, layout) => checkRoundTrip(rows, layout, encoding),
          ),
          { numRuns: 40 },
        );
      });
    }
  }
});

describe('Windows-1252 bytes 0x80-0x9F', () => {
  // The WHATWG index for 0x80-0x9F: Excel's curly quotes, dashes, euro sign, ... Node 20.18.3 and
  // later decode these wrongly (as Latin-1 control characters) when TextDecoder('windows-1252')
  // is called without { stream: true } (nodejs/node#60888, #56542); rasgap's streaming decoder
  // must not be affected.
  const WHATWG_80_9F = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
    0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
    0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
  ];

  it('decode to the WHATWG characters in a client-group label', async () => {
    const bytes = Buffer.concat([
      encode(`${HEADER.join(',')}\r\nP1,`, 'windows-1252'),
      Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)),
      encode(',£1.00,£2.00\r\n', 'windows-1252'),
    ]);
    const file = join(dir, 'c1-range.csv');
    writeFileSync(file, bytes);
    const { table, inputs } = await readExports([file]);
    expect(inputs[0].encoding).toEqual({ encoding: 'windows-1252', evidence: 'not-utf-8' });
    expect(table.count).toBe(1);
    expect(table.clientGroupLabels).toEqual([String.fromCodePoint(...WHATWG_80_9F)]);
    expect([table.indicative[0], table.actual[0]]).toEqual([100 * 52, 200 * 52]);
  });

  it('the writer in this file agrees with that index', () => {
    // Guards the round trip above: each byte written for a character is the WHATWG one.
    for (const [char, byte] of Object.entries(WINDOWS_1252)) {
      const code = char.codePointAt(0)!;
      expect(byte >= 0x80 && byte <= 0x9f ? WHATWG_80_9F[byte - 0x80] : byte).toBe(code);
    }
  });
});

describe('readExports across the 1 MiB read chunks', () => {
  // The file is read in 1 MiB chunks; a character cut in two by a chunk boundary must come back
  // whole. The first row's id is padded until the boundary falls inside a multi-byte character.
  const CHUNK = 1 << 20;
  const cases: { encoding: FileEncoding; label: string; cut: (bytes: Buffer) => boolean }[] = [
    // A UTF-8 continuation byte at the boundary: '€' is 3 bytes, '😀' 4.
    { encoding: 'utf-8', label: '€😀€', cut: (b) => (b[CHUNK] & 0xc0) === 0x80 },
    // A UTF-16 low surrogate starting at the boundary.
    {
      encoding: 'utf-16le',
      label: '😀é😀',
      cut: (b) => b[CHUNK + 1] >= 0xdc && b[CHUNK + 1] <= 0xdf,
    },
    { encoding: 'utf-16be', label: '😀é😀', cut: (b) => b[CHUNK] >= 0xdc && b[CHUNK] <= 0xdf },
  ];
  for (const { encoding, label, cut } of cases) {
    it(`${encoding}: every row of a ${encoding} file over 1 MiB`, async () => {
      const layout: Layout = { delimiter: ',', eol: '\r\n', quoteAll: false, finalNewline: true };
      const rowCount = encoding === 'utf-8' ? 40_000 : 30_000;
      let bytes: Buffer = Buffer.alloc(0);
      let rows: Row[] = [];
      for (let pad = 0; pad < 16; pad++) {
        rows = Array.from({ length: rowCount }, (_, i) => ({
          id: i === 0 ? `P${'0'.repeat(pad)}` : `P${i}`,
          label: `${label} ${i % 7}`,
          indicative: 12_345 + i,
          actual: 12_000 + 2 * i,
          indicativeStyle: 'grouped',
          actualStyle: 'plain',
        }));
        bytes = encode(csvText(rows, layout), encoding);
        if (cut(bytes)) break;
      }
      expect(bytes.length).toBeGreaterThan(CHUNK);
      expect(cut(bytes)).toBe(true);
      const file = join(dir, `big-${encoding}.csv`);
      writeFileSync(file, bytes);
      const { table, ledger, inputs } = await readExports([file]);
      expect(ledger.entries).toEqual([]);
      expect(inputs[0].rowsRead).toBe(rowCount);
      expect(table.count).toBe(rowCount);
      expect([...table.clientGroupLabels].sort()).toEqual(
        Array.from({ length: 7 }, (_, i) => `${label} ${i}`),
      );
      let total = 0;
      for (let i = 0; i < table.count; i++) total += table.indicative[i];
      // sum over i of (12345 + i) * 52
      expect(total).toBe(52 * (12_345 * rowCount + (rowCount * (rowCount - 1)) / 2));
      expect(table.line[rowCount - 1]).toBe(rowCount + 1);
    });
  }
});

describe('text that names object properties is data in analyse, inspect and compare', () => {
  // Client groups and frequency cells drawn from OBJECT_WORDS and a few ordinary values; every
  // row has its own id, so no row repeats another. Expected: rows with a Weekly or Monthly
  // frequency used, the others excluded as unknown-period, and each label counted as written.
  const labels = [...OBJECT_WORDS, 'Learning Disability Support', 'Team A'];
  const frequencies = [...OBJECT_WORDS, 'Weekly', 'Monthly'];
  const rowsArbitrary = fc.array(
    fc.record({
      label: fc.constantFrom(...labels),
      frequency: fc.constantFrom(...frequencies),
      indicative: fc.integer({ min: 1_000, max: 99_999 }),
      // Within 20% of the indicative, so that no ratio of periods shows in the numbers.
      change: fc.integer({ min: -20, max: 20 }),
    }),
    { minLength: 0, maxLength: 20 },
  );

  it('gives the counts of each label, and never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        fc.constantFrom(...OBJECT_WORDS),
        fc.constantFrom(...OBJECT_WORDS),
        async (random, a, b) => {
          // Two Weekly rows that are surely used, so that --a and --b name groups that exist.
          const rows = [
            ...random,
            { label: a, frequency: 'Weekly', indicative: 10_000, change: 5 },
            { label: b, frequency: 'Weekly', indicative: 20_000, change: -5 },
          ];
          const lines = [
            'Person ID,Client Group,Budget Frequency,Indicative Budget,Actual Budget',
            ...rows.map((row, k) => {
              const actual = Math.round((row.indicative * (100 + row.change)) / 100);
              return `K${k},${row.label},${row.frequency},${(row.indicative / 100).toFixed(2)},${(actual / 100).toFixed(2)}`;
            }),
          ];
          const file = join(dir, `object-words-${++fileCount}.csv`);
          writeFileSync(file, lines.join('\n') + '\n');

          const usable = rows.filter((row) => ['Weekly', 'Monthly'].includes(row.frequency));
          const expected = new Map<string, number>();
          for (const row of usable) expected.set(row.label, (expected.get(row.label) ?? 0) + 1);

          const { report } = await analyse([file], {
            by: ['raw-client-group'],
            suppression: false,
            tests: false,
          });
          expect(report.rows.read).toBe(rows.length);
          expect(report.rows.used).toBe(usable.length);
          expect(report.rows.exclusions.map((item) => [item.reason, item.count])).toEqual(
            usable.length === rows.length ? [] : [['unknown-period', rows.length - usable.length]],
          );
          const counted = new Map(report.breakdowns[0].groups.map((g) => [g.label, g.n]));
          expect(counted).toEqual(expected);

          const inspection = await inspectFile(file, {});
          expect(inspection.analysable).toBe(true);

          if (a !== b) {
            const head = await compare([file], {
              a,
              b,
              dimension: 'raw-client-group',
              suppression: false,
            });
            expect([head.a.label, head.a.n, head.b.label, head.b.n]).toEqual([
              a,
              expected.get(a),
              b,
              expected.get(b),
            ]);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
