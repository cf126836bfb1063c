import { wordWarning } from '../../src/ingest/warnings.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RasgapError } from '../../src/errors.js';
import { readExports } from '../../src/ingest/read.js';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasgap-read-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;

/** Writes the bytes (or UTF-8 text) to a fresh file in the temp folder and returns its path. */
function write(content: string | Buffer, name = `export-${++fileCount}.csv`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function readError(paths: string[], options = {}): Promise<RasgapError> {
  try {
    await readExports(paths, options);
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected readExports to fail');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const HEADER = 'Person ID,Client Group,Indicative Budget (weekly),Actual Budget (weekly)';

describe('readExports: encodings', () => {
  it('reads a UTF-8 file with a BOM, without the BOM in the first header', async () => {
    const file = write(
      Buffer.concat([
        BOM,
        Buffer.from(`${HEADER}\r\nP1,Learning Disability Support,£412.50,£450.00\r\n`),
      ]),
    );
    const result = await readExports([file]);
    const { table, inputs, ledger } = result;
    expect(inputs[0].encoding).toEqual({ encoding: 'utf-8', evidence: 'bom' });
    expect(inputs[0].delimiter).toEqual({ delimiter: ',', evidence: 'sniffed' });
    expect(inputs[0].header.headers[0]).toBe('Person ID');
    expect(inputs[0].header.columns.personId).toBe('Person ID');
    expect(table.count).toBe(1);
    expect(table.indicative[0]).toBe(41250 * 52);
    expect(table.actual[0]).toBe(45000 * 52);
    expect(table.personIds.toArray()).toEqual(['P1']);
    expect(table.line[0]).toBe(2);
    expect(ledger.entries).toEqual([]);
    expect(result.amountBasis).toBe('pence-per-year');
  });

  it('reads a Windows-1252 file where £ is the byte 0xA3', async () => {
    const pound = Buffer.from([0xa3]);
    const file = write(
      Buffer.concat([
        Buffer.from(`${HEADER}\r\nP1,Mental Health Support,"`),
        pound,
        Buffer.from('1,234.56","'),
        pound,
        Buffer.from('1,300.00"\r\nP2,Caf'),
        Buffer.from([0xe9]), // é
        Buffer.from(','),
        pound,
        Buffer.from('10,'),
        pound,
        Buffer.from('12\r\n'),
      ]),
    );
    const { table, inputs, ledger } = await readExports([file]);
    expect(inputs[0].encoding).toEqual({ encoding: 'windows-1252', evidence: 'not-utf-8' });
    expect(ledger.entries).toEqual([]);
    expect([...table.indicative]).toEqual([123456 * 52, 1000 * 52]);
    expect([...table.actual]).toEqual([130000 * 52, 1200 * 52]);
    expect(table.clientGroupLabels).toEqual(['Mental Health Support', 'Café']);
  });

  it('reads a UTF-16LE tab-separated file with a BOM (Excel "Unicode Text")', async () => {
    const text =
      '\ufeffPerson ID\tPrimary Support Reason\tRAS Allocation (weekly)\tAgreed Personal Budget (weekly)\r\n' +
      'P1\tSupport with Memory & Cognition\t£250.00\t£240.00\r\n' +
      'P2\tLearning Disability Support\t£1,000.00\t£1,100.00\r\n';
    const file = write(Buffer.from(text, 'utf16le'), 'unicode.txt');
    const { table, inputs } = await readExports([file]);
    expect(inputs[0].encoding).toEqual({ encoding: 'utf-16le', evidence: 'bom' });
    expect(inputs[0].delimiter).toEqual({ delimiter: '\t', evidence: 'sniffed' });
    expect(inputs[0].header.headers[0]).toBe('Person ID');
    expect([...table.indicative]).toEqual([25000 * 52, 100000 * 52]);
    expect([...table.actual]).toEqual([24000 * 52, 110000 * 52]);
    expect([...table.line]).toEqual([2, 3]);
  });

  it('reads a UTF-16BE file with a BOM', async () => {
    const text = '\ufeffClient ID\tIB weekly\tPB weekly\r\nC1\t£1.50\t£2\r\n';
    const file = write(Buffer.from(text, 'utf16le').swap16(), 'big-endian.txt');
    const { table, inputs } = await readExports([file]);
    expect(inputs[0].encoding).toEqual({ encoding: 'utf-16be', evidence: 'bom' });
    expect(inputs[0].delimiter?.delimiter).toBe('\t');
    expect(table.personIds.toArray()).toEqual(['C1']);
    expect(table.indicative[0]).toBe(150 * 52);
  });

  it('reads a file as Windows-1252 from the start when a byte after the sniffed head is not UTF-8', async () => {
    // Over 64 KiB of ASCII, so the head looks like UTF-8; then a Windows-1252 £ (issue 10).
    const lines = [HEADER];
    for (let i = 0; i < 2000; i++) lines.push(`P${i},Learning Disability Support,100.00,110.00`);
    const ascii = Buffer.from(`${lines.join('\n')}\n`);
    expect(ascii.length).toBeGreaterThan(64 * 1024);
    const file = write(
      Buffer.concat([ascii, Buffer.from('P9999,LD,'), Buffer.from([0xa3]), Buffer.from('5,6\n')]),
    );
    const { table, inputs } = await readExports([file]);
    expect(table.count).toBe(2001);
    expect(table.indicative[2000]).toBe(500 * 52);
    expect(inputs[0].encoding).toEqual({
      encoding: 'windows-1252',
      evidence: 'late-not-utf-8',
      firstNonUtf8: { line: 2002, byte: '0xA3' },
    });
    expect(wordWarning(inputs[0].warnings![0])).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2002: byte 0xA3 on this line is not UTF-8 and nothing before it was, so the file was read as Windows-1252 from the start`,
      ),
    );

    // Told it is UTF-8, it stops there instead, naming the line and the fix.
    const error = await readError([file], { encoding: 'utf-8' });
    expect(error.code).toBe('ENCODING');
    expect(error.line).toBe(2002);
    expect(error.fix).toContain('--encoding windows-1252');
  });

  it('reads a UTF-8 file with one stray byte as UTF-8, excluding that row as invalid-value', async () => {
    const file = write(
      Buffer.concat([
        Buffer.from(`${HEADER}\nP1,LD,£100.00,£110.00\nP2,Mental Health`),
        Buffer.from([0xa3]),
        Buffer.from(',£200.00,£190.00\nP3,LD,£300.00,£300.00\n'),
      ]),
    );
    const { table, inputs, ledger } = await readExports([file]);
    expect([...table.line]).toEqual([2, 4]);
    expect(inputs[0].encoding).toEqual({
      encoding: 'utf-8',
      evidence: 'mostly-utf-8',
      invalidSequences: { count: 1, firstLine: 3 },
    });
    expect(ledger.entries).toEqual([
      {
        source: 0,
        line: 3,
        reason: 'invalid-value',
        detail:
          'Client Group: "Mental Health\uFFFD" holds a byte that is not valid in the file\'s encoding (shown as \uFFFD)',
      },
    ]);
    expect(inputs[0].warnings).toHaveLength(1);
  });

  it('uses an encoding and delimiter given as options', async () => {
    const file = write('IB pw|PB pw\n1|2\n');
    const { inputs, table } = await readExports([file], { encoding: 'utf-8', delimiter: '|' });
    expect(inputs[0].encoding).toEqual({ encoding: 'utf-8', evidence: 'option' });
    expect(inputs[0].delimiter).toEqual({ delimiter: '|', evidence: 'option' });
    expect(table.indicative[0]).toBe(100 * 52);
  });
});

describe('readExports: dialects and line numbers', () => {
  it('reads a semicolon-separated file with thousands commas in the amounts', async () => {
    const file = write(
      'Client ID;Client Group;IB weekly;PB weekly\n' +
        'C1;Learning Disability Support;£1,234.56;£1,300.00\n' +
        'C2;Mental Health Support;£99.99;£80\n',
    );
    const { table, inputs } = await readExports([file]);
    expect(inputs[0].delimiter?.delimiter).toBe(';');
    expect([...table.indicative]).toEqual([123456 * 52, 9999 * 52]);
    expect([...table.actual]).toEqual([130000 * 52, 8000 * 52]);
    expect(table.clientGroupLabels).toEqual([
      'Learning Disability Support',
      'Mental Health Support',
    ]);
  });

  it('counts the lines of a quoted field with embedded newlines in later rows', async () => {
    const file = write(
      'Person ID,Notes,IB weekly,PB weekly\n' +
        'P1,"moderated at panel\nsee note\r\nand again",100,120\n' +
        'P2,"a, b",200,180\n' +
        '\n' +
        'P3,x,oops,1\n',
    );
    const { table, inputs, ledger } = await readExports([file]);
    expect([...table.line]).toEqual([2, 5]);
    expect(inputs[0].blankLines).toBe(1);
    expect(inputs[0].rowsRead).toBe(3);
    expect(ledger.entries).toEqual([
      { source: 0, line: 7, reason: 'invalid-value', detail: 'indicative: "oops"' },
    ]);
  });

  it('reads an FOI release: title lines, a header, rows and a Total row', async () => {
    const file = write(
      'Freedom of Information request 2024-0123\r\n' +
        'Adult social care personal budgets, 2023/24\r\n' +
        '\r\n' +
        'Service User Reference,Primary Support Reason,Age at assessment,RAS Allocation (annual),Agreed Personal Budget (annual),Approval Date\r\n' +
        'SU1,Learning Disability Support,34,"£20,000.00","£22,500.00",12/03/2023\r\n' +
        'SU2,Support with Memory & Cognition,81,"£9,000.00","£8,000.00",2023-04-01\r\n' +
        'SU3,Mental Health Support,52,[c],"£5,000.00",01/05/2023\r\n' +
        'Total,,,"£29,000.00","£35,500.00",\r\n',
    );
    const { table, inputs, ledger } = await readExports([file]);
    expect(inputs[0].titleLines).toBe(2);
    expect(inputs[0].blankLines).toBe(1);
    expect(inputs[0].header.line).toBe(4);
    expect(inputs[0].rowsRead).toBe(4);
    expect(table.count).toBe(2);
    expect([...table.indicative]).toEqual([2000000, 900000]);
    expect([...table.actual]).toEqual([2250000, 800000]);
    expect([...table.ageBand]).toEqual([1, 2]);
    expect([...table.line]).toEqual([5, 6]);
    expect(ledger.entries).toEqual([
      { source: 0, line: 7, reason: 'suppressed-value', detail: 'indicative: "[c]"' },
      { source: 0, line: 8, reason: 'total-row', detail: '"Total"' },
    ]);
  });

  it('keeps a multi-byte £ split across the 1 MiB read chunks', async () => {
    const lines = ['ID,IB weekly,PB weekly'];
    let expected = 0;
    for (let i = 0; i < 60000; i++) {
      lines.push(`P${i},£${i % 1000}.${String(i % 100).padStart(2, '0')},£1.00`);
      expected += (i % 1000) * 100 + (i % 100);
    }
    const body = Buffer.from(`${lines.join('\n')}\n`);
    // Pad a title line so that a £ (C2 A3) straddles the first chunk boundary.
    const boundary = 1 << 20;
    const pound = body.indexOf(0xc2, boundary - 100);
    const title = Buffer.from(`Budgets${' '.repeat(boundary - 1 - pound - 8)}\n`);
    const bytes = Buffer.concat([title, body]);
    expect([bytes[boundary - 1], bytes[boundary]]).toEqual([0xc2, 0xa3]);
    const file = write(bytes);
    const { table, ledger, inputs } = await readExports([file]);
    expect(ledger.entries).toEqual([]);
    expect(inputs[0].titleLines).toBe(1);
    expect(table.count).toBe(60000);
    let sum = 0;
    for (const value of table.indicative) sum += value;
    expect(sum).toBe(expected * 52);
    expect(table.line[59999]).toBe(60002);
    expect(inputs[0].bytes).toBe(bytes.length);
  });
});

describe('readExports: the period of the amounts', () => {
  it('keeps amounts as given when no file says what period they are in', async () => {
    const file = write('ID,Indicative Budget,Actual Budget\nP1,100,120\n');
    const { table, amountBasis, inputs } = await readExports([file]);
    expect(amountBasis).toBe('pence-as-given');
    expect(inputs[0].header.periods.indicative).toEqual({ period: null, source: 'not-stated' });
    expect(table.indicative[0]).toBe(10000);
  });

  it('refuses to compare an amount of unknown period with one of known period', async () => {
    const file = write('ID,Indicative Budget,Actual Budget (weekly)\nP1,100,120\n');
    const error = await readError([file]);
    expect(error.code).toBe('PERIOD_UNKNOWN');
    expect(error.file).toBe(file);
    expect(error.line).toBe(1);
    expect(error.message).toContain('"Indicative Budget"');
    expect(error.fix).toContain('--input-period');
  });

  it('refuses to pool a file of unknown period with one of known period', async () => {
    const known = write('ID,IB weekly,PB weekly\nP1,1,2\n');
    const unknown = write('ID,IB,PB\nP1,1,2\n');
    const error = await readError([known, unknown]);
    expect(error.code).toBe('PERIOD_UNKNOWN');
    expect(error.file).toBe(unknown);
    expect(error.message).toContain(known);
  });

  it('converts to pence per year with --input-period', async () => {
    const file = write('ID,Indicative Budget,Actual Budget (annual)\nP1,100,5200\n');
    const { table, amountBasis } = await readExports([file], { inputPeriod: { both: 'week' } });
    expect(amountBasis).toBe('pence-per-year');
    expect(table.indicative[0]).toBe(520000);
    expect(table.actual[0]).toBe(520000);
  });
});

describe('readExports: identity of the input', () => {
  it('gives the SHA-256 and size of the bytes as read', async () => {
    const bytes = Buffer.concat([BOM, Buffer.from(`${HEADER}\nP1,LD,1,2\n`)]);
    const file = write(bytes);
    const { inputs } = await readExports([file]);
    expect(inputs[0].sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(inputs[0].bytes).toBe(bytes.length);
    expect(inputs[0].path).toBe(file);
  });

  it('pools several files, each with its own source index, encoding and header', async () => {
    const first = write(`${HEADER}\nP1,LD,1,2\n`);
    const second = write(
      Buffer.from('\ufeffClient ID\tIB weekly\tPB weekly\r\nP1\t3\t4\r\nP2\t5\t6\r\n', 'utf16le'),
    );
    const { table, inputs } = await readExports([first, second]);
    expect(inputs.map((input) => input.path)).toEqual([first, second]);
    expect(inputs.map((input) => input.encoding?.encoding)).toEqual(['utf-8', 'utf-16le']);
    expect([...table.source]).toEqual([0, 1, 1]);
    expect([...table.line]).toEqual([2, 2, 3]);
    expect([...table.indicative]).toEqual([100 * 52, 300 * 52, 500 * 52]);
    expect(inputs[1].sha256).not.toBe(inputs[0].sha256);
  });
});

describe('readExports: files that cannot be read', () => {
  it('says FILE_NOT_FOUND for a missing file', async () => {
    const missing = path.join(dir, 'no-such-export.csv');
    const error = await readError([missing]);
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.file).toBe(missing);
    expect(error.exitCode).toBe(2);
  });

  it('says FILE_UNREADABLE for a folder', async () => {
    const error = await readError([dir]);
    expect(error.code).toBe('FILE_UNREADABLE');
  });

  it('says EMPTY_FILE for a 0-byte file', async () => {
    const file = write('');
    const error = await readError([file]);
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.file).toBe(file);
    expect(error.message).toContain('0 bytes');
  });

  it('says EMPTY_FILE for a file holding only a BOM and blank lines', async () => {
    const error = await readError([write(Buffer.concat([BOM, Buffer.from('\r\n\r\n')]))]);
    expect(error.code).toBe('EMPTY_FILE');
  });

  it('says COLUMN_NOT_FOUND for a file without the amount columns', async () => {
    const file = write('Person ID,Client Group,Budget\nP1,LD,100\n');
    const error = await readError([file]);
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.file).toBe(file);
    expect(error.line).toBe(1);
    expect(error.fix).toContain('--column indicative=');
  });

  it('says CSV_SYNTAX for a quote that is never closed', async () => {
    const file = write(`${HEADER}\nP1,LD,1,2\nP2,"LD,1,2\nP3,LD,1,2\n`);
    const error = await readError([file]);
    expect(error.code).toBe('CSV_SYNTAX');
    expect(error.file).toBe(file);
    expect(error.message).toContain('never closed');
    expect(error.fix).toContain('quoting');
    expect(typeof error.line).toBe('number');
  });

  it('stops at the first file that fails', async () => {
    const good = write(`${HEADER}\nP1,LD,1,2\n`);
    const error = await readError([good, path.join(dir, 'missing.csv')]);
    expect(error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('readExports: nothing to analyse', () => {
  it('a header with no rows names the file and the header line', async () => {
    const file = write('Title\nID,Indicative Budget,Actual Budget\n');
    const error = await readError([file]);
    expect([error.code, error.file, error.line, error.message]).toEqual([
      'NO_USABLE_ROWS',
      file,
      2,
      'the file has a header but no data rows below it',
    ]);
    expect(error.fix).toMatch(/^check that this is the export you meant/);
  });

  it('no usable row names the file, the first line left out and why', async () => {
    const file = write('ID,Indicative Budget,Actual Budget\n1,*,2\n2,,3\n');
    const error = await readError([file]);
    expect([error.code, error.file, error.line, error.message]).toEqual([
      'NO_USABLE_ROWS',
      file,
      2,
      'none of the 2 rows could be used (1 missing-value, 1 suppressed-value)',
    ]);
    expect(error.fix).toContain('"Indicative Budget" and "Actual Budget"');
  });

  it('every amount suppressed: the fix is to ask for the figures', async () => {
    const file = write('ID,Indicative Budget,Actual Budget\n1,*,2\n2,[c],3\n');
    const error = await readError([file]);
    expect(error.fix).toBe(
      'every amount is an FOI suppression marker, so there are no figures to analyse: ask the council for the amounts unsuppressed',
    );
  });

  it('text in every amount: the fix is to check the columns', async () => {
    const file = write('ID,Indicative Budget,Actual Budget\n1,LD,MH\n2,PD,MH\n');
    const error = await readError([file]);
    expect(error.message).toBe('none of the 2 rows could be used (2 invalid-value)');
    expect(error.fix).toMatch(/^check that "Indicative Budget" and "Actual Budget" are the budget/);
  });
});

describe('readExports: several files', () => {
  const header = 'Person ID,Indicative Budget (weekly),Actual Budget (weekly)';

  it('takes files without a council column as one council: an id in two files is one person', async () => {
    const a = write(`${header}\nP1,100,90\nP2,100,110\n`);
    const b = write(`${header}\nP1,100,95\nP3,100,100\n`);
    const { table, inputs } = await readExports([a, b]);
    expect(table.person[0]).toBe(table.person[2]);
    expect(table.personIds.toArray()).toEqual(['P1', 'P2', 'P3']);
    expect(table.sourceFiles).toEqual([a, b]);
    expect(inputs[1].warnings?.map(wordWarning)).toContainEqual(
      expect.stringMatching(/^1 person \(id\) appears in more than one file/),
    );
    const apart = await readExports([a, b], { separateFiles: true });
    expect(apart.table.personIds.toArray()).toEqual(['P1', 'P2', 'P1', 'P3']);
    expect(apart.inputs[1].warnings ?? []).toEqual([]);
  });

  // Found by the new-user trial: the warning named every file pooled, also those sharing no id.
  it('names only the files an id recurs in, at most three, then how many more', async () => {
    const a = write(`${header}\nP1,100,90\nA1,100,100\n`);
    const b = write(`${header}\nB1,100,90\n`);
    const c = write(`${header}\nP1,100,95\n`);
    const { inputs } = await readExports([a, b, c]);
    expect(inputs.flatMap((input) => input.warnings ?? []).map(wordWarning)).toEqual([
      `1 person (id) appears in more than one file (${a}, ${c}): the files are taken as extracts of one council, so each is one person across them: their latest record (by date agreed) is used, and their earlier records are among the rows excluded as superseded; if the files are different councils, pass --separate-files`,
    ]);
    // Five files, each of one record of the same person (no two the same bytes).
    const five = [0, 1, 2, 3, 4].map((i) => write(`${header}\nS1,100,${90 + i}\n`));
    const many = await readExports(five);
    const [text] = many.inputs.flatMap((input) => input.warnings ?? []).map(wordWarning);
    expect(text).toContain(`(${five[0]}, ${five[1]}, ${five[2]} and 2 more)`);
    expect(text).not.toContain(five[3]);
    // Every record kept: no record is superseded, and the warning does not say one is.
    const all = await readExports([a, b, c], { duplicates: 'keep-all' });
    const [kept] = all.inputs.flatMap((input) => input.warnings ?? []).map(wordWarning);
    expect(kept).toContain('with --duplicates keep-all every record of theirs is used');
    expect(kept).not.toContain('superseded');
  });

  it('keeps the ids of each council in a council column apart', async () => {
    const a = write(`Council,${header}\nNorth,P1,100,90\nSouth,P1,100,110\nNorth,P1,100,95\n`);
    const { table } = await readExports([a]);
    expect([...table.person]).toEqual([0, 1, 0]);
  });

  it('refuses the same bytes twice (exit 2)', async () => {
    const a = write(`${header}\nP1,100,90\n`);
    const b = write(`${header}\nP1,100,90\n`);
    const error = await readError([a, b]);
    expect(error.code).toBe('DUPLICATE_INPUT');
    expect(error.exitCode).toBe(2);
    expect(error.file).toBe(b);
    expect(error.message).toContain(`as ${a}, so its rows would be counted twice`);
  });
});
