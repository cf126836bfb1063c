import { describe, it, expect } from 'vitest';
import { DELIMITERS, parseDelimiter, sniffDelimiter } from '../../src/ingest/dialect.js';

describe('sniffDelimiter', () => {
  it('finds a comma', () => {
    expect(sniffDelimiter('Person ID,IB,PB\nP1,100,120\nP2,200,180\n')).toBe(',');
  });

  it('decides on the first 50 lines that are not empty, whatever follows', () => {
    const commas = Array.from({ length: 50 }, (_, i) => `${i},b,c`).join('\n');
    const semicolons = Array.from({ length: 200 }, (_, i) => `${i};b;c;d`).join('\n');
    expect(sniffDelimiter(`${commas}\n\n${semicolons}\n`)).toBe(',');
    // 20 comma lines, and 30 semicolon lines complete the 50: the semicolons have it.
    const twenty = commas.split('\n').slice(0, 20).join('\n');
    expect(sniffDelimiter(`${twenty}\n${semicolons}\n`)).toBe(';');
  });

  it('finds a semicolon', () => {
    expect(sniffDelimiter('Person ID;IB;PB\nP1;100;120\nP2;200;180\n')).toBe(';');
  });

  it('finds a tab', () => {
    expect(sniffDelimiter('Person ID\tIB\tPB\r\nP1\t100\t120\r\nP2\t200\t180\r\n')).toBe('\t');
  });

  it('finds a pipe', () => {
    expect(sniffDelimiter('Person ID|IB|PB\nP1|100|120\nP2|200|180\n')).toBe('|');
  });

  it('ignores commas inside quoted fields of a semicolon file', () => {
    const sample = [
      'Person ID;Client Group;IB;PB',
      'P1;"Physical Support: Access, mobility";"£1,234.56";"£1,300.00"',
      'P2;"Learning Disability Support";"£2,000.00";"£2,100.50"',
      'P3;"Mental Health, Support";"£1,000.00";"£1,200.00"',
      '',
    ].join('\n');
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('ignores semicolons and tabs inside quoted fields of a comma file', () => {
    const sample = [
      'Person ID,Notes,IB,PB',
      'P1,"moderated; panel 3; see notes",100,120',
      'P2,"a\tb\tc\td\te",200,180',
      '',
    ].join('\n');
    expect(sniffDelimiter(sample)).toBe(',');
  });

  it('is not misled by unquoted thousands commas in a semicolon file', () => {
    const sample = 'Person ID;IB;PB\nP1;£1,234.56;£1,300.00\nP2;£2,000.00;£2,100.50\n';
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('handles a quoted field spanning lines', () => {
    const sample =
      'Person ID;Notes;IB;PB\nP1;"line one\nline two, with comma";100;120\nP2;x;200;180\n';
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('looks past title lines above the header', () => {
    const sample = [
      'Adult Social Care, personal budgets, 2023/24',
      'FOI request 12345',
      '',
      'Person ID;Client Group;IB;PB',
      'P1;LD;100;120',
      'P2;MH;200;180',
      'P3;PD;300;310',
      '',
    ].join('\n');
    expect(sniffDelimiter(sample)).toBe(';');
  });

  it('looks past title lines in a tab-separated file', () => {
    const sample = 'Personal budgets 2023/24, all teams\n\nID\tIB\tPB\n1\t2\t3\n4\t5\t6\n';
    expect(sniffDelimiter(sample)).toBe('\t');
  });

  it('prefers the delimiter on which more lines agree', () => {
    // Every line has one semicolon; only one line has two commas.
    expect(sniffDelimiter('a;b\nc;d,e,f\ng;h\n')).toBe(';');
  });

  it('ignores the last line when it may be cut off', () => {
    // Only the first (complete) line counts, and it has pipes.
    expect(sniffDelimiter('a|b|c\nd;e;f;g;h')).toBe('|');
  });

  it('falls back to a comma when nothing splits', () => {
    expect(sniffDelimiter('')).toBe(',');
    expect(sniffDelimiter('just one column\nand another line\n')).toBe(',');
    expect(sniffDelimiter('a;b;c')).toBe(','); // no complete line
  });

  it('copes with CRLF line ends', () => {
    expect(sniffDelimiter('a|b\r\n1|2\r\n3|4\r\n')).toBe('|');
  });
});

describe('parseDelimiter', () => {
  it.each([
    [',', ','],
    ['comma', ','],
    ['COMMA', ','],
    [';', ';'],
    ['semicolon', ';'],
    ['Semicolon', ';'],
    ['\t', '\t'],
    ['\\t', '\t'],
    ['tab', '\t'],
    ['TAB', '\t'],
    ['|', '|'],
    ['pipe', '|'],
  ])('%j -> %j', (text, delimiter) => {
    expect(parseDelimiter(text)).toBe(delimiter);
  });

  it.each(['', ':', 'colon', 'space', ' ', ',,', 'tabs'])('%j is not a delimiter', (text) => {
    expect(parseDelimiter(text)).toBeNull();
  });

  it('every delimiter it accepts is one of DELIMITERS', () => {
    for (const delimiter of DELIMITERS) expect(parseDelimiter(delimiter)).toBe(delimiter);
  });
});
