// `rasgap inspect` as text: with a terminal's width every line fits, names and columns stay
// aligned and nothing is lost; piped (no width) the text is as before, one line per item.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFiles } from '../../src/ingest/inspect.js';
import { displayWidth } from '../../src/report/layout.js';
import { renderInspections } from '../../src/report/inspection.js';

const FILES = [
  ['fixtures/sample-export.csv'],
  ['fixtures/foi-titles-total.csv'],
  ['fixtures/layout-subtotals.csv'],
  ['fixtures/privacy-labelled.csv'],
  ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv', 'fixtures/quarter-1.csv'],
];

/** The words of a text, whatever its line breaks: what a reader gets either way. */
const words = (text: string): string[] => text.split(/\s+/).filter((word) => word !== '');

describe('inspect text fitted to a width', () => {
  it.each(FILES)('%s: no line wider than 50..160 columns, and the same words', async (...files) => {
    const inspections = await inspectFiles(files, {});
    const piped = renderInspections(inspections);
    for (let width = 50; width <= 160; width += 5) {
      const text = renderInspections(inspections, { width });
      const wide = text.split('\n').filter((line) => displayWidth(line) > width);
      expect(wide, `width ${width}`).toEqual([]);
      expect(words(text), `width ${width}`).toEqual(words(piped));
    }
  });

  it('wraps a value under itself, keeping the names aligned', async () => {
    const text = renderInspections(await inspectFiles(['fixtures/sample-export.csv'], {}), {
      width: 80,
    });
    const lines = text.split('\n');
    const excluded = lines.findIndex((line) => line.startsWith('  excluded      missing-value'));
    expect(excluded).toBeGreaterThan(0);
    // The value goes on under column 16, where it began.
    expect(lines[excluded + 1]).toMatch(/^ {16}\S/);
    // A column whose header and role fill the line has its examples on the line below.
    expect(lines).toContain(
      '     4  Indicative Budget (weekly)  indicative, per week (header), 2 dp',
    );
    expect(lines).toContain(
      '      e.g. 687.18 | 239.40 | 522.33; 23 blank, 19 suppressed, 5 do not parse',
    );
  });

  // Was a bug: at 80 columns "not recognised: kept as written (map it with --group-map)" wrapped
  // to the left margin, under the labels.
  it("wraps a client group's mapping under itself", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rasgap-inspection-')), 'groups.csv');
    writeFileSync(
      path,
      [
        'Person ID,Client Group,Indicative Budget (weekly),Actual Budget (weekly)',
        'P1,Older People - Physical,100,90',
        'P2,Learning Disability Support,100,110',
      ].join('\n') + '\n',
    );
    const lines = renderInspections(await inspectFiles([path], {}), { width: 80 }).split('\n');
    const at = lines.findIndex((line) => line.startsWith('    Older People - Physical'));
    const column = lines[at].indexOf('not recognised');
    expect(lines[at].slice(0, column)).toMatch(/ {12}1 {2}$/);
    // The rest of the mapping goes on under its first word, not at the left margin.
    expect(lines[at + 1]).toMatch(new RegExp(`^ {${column}}\\S`));
    expect(`${lines[at].slice(column)} ${lines[at + 1].trim()}`).toBe(
      'not recognised: kept as written (map it with --group-map)',
    );
  });

  it('piped, one line per item as before', async () => {
    const text = renderInspections(await inspectFiles(['fixtures/sample-export.csv'], {}));
    expect(text).toContain(
      '     4  Indicative Budget (weekly)  indicative, per week (header), 2 dp  e.g. 687.18 | 239.40 | 522.33; 23 blank, 19 suppressed, 5 do not parse\n',
    );
  });
});
