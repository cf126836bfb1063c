import { describe, it, expect } from 'vitest';
import {
  EXCLUSION_MEANINGS,
  EXCLUSION_REASONS,
  ExclusionLedger,
} from '../../src/ingest/exclusions.js';

describe('EXCLUSION_MEANINGS', () => {
  it('explains every reason, and only those', () => {
    expect(Object.keys(EXCLUSION_MEANINGS).sort()).toEqual([...EXCLUSION_REASONS].sort());
    for (const reason of EXCLUSION_REASONS)
      expect(EXCLUSION_MEANINGS[reason].length).toBeGreaterThan(10);
  });

  it('says a suppressed value is hidden, not zero', () => {
    expect(EXCLUSION_MEANINGS['suppressed-value']).toContain('not zero');
  });
});

describe('ExclusionLedger', () => {
  it('records each exclusion as added', () => {
    const ledger = new ExclusionLedger();
    ledger.add(0, 7, 'total-row', '"Total"');
    ledger.add(1, 3, 'missing-value', 'indicative: blank');
    expect(ledger.entries).toEqual([
      { source: 0, line: 7, reason: 'total-row', detail: '"Total"' },
      { source: 1, line: 3, reason: 'missing-value', detail: 'indicative: blank' },
    ]);
  });

  it('summarises by reason in the fixed order, lines sorted by file then line', () => {
    const ledger = new ExclusionLedger();
    ledger.add(1, 2, 'invalid-value', 'actual: "tbc"');
    ledger.add(0, 9, 'invalid-value', 'indicative: "x"');
    ledger.add(0, 4, 'invalid-value', 'actual: "(1)"');
    ledger.add(0, 30, 'malformed-row', '3 fields where the header has 5');
    expect(ledger.summary()).toEqual([
      { reason: 'malformed-row', count: 1, lines: [30], sources: [0] },
      { reason: 'invalid-value', count: 3, lines: [4, 9, 2], sources: [0, 0, 1] },
    ]);
  });

  it('lists at most maxLines lines but counts them all', () => {
    const ledger = new ExclusionLedger();
    for (let line = 100; line > 0; line--) ledger.add(0, line, 'suppressed-value', 'actual: "[c]"');
    const [item] = ledger.summary(5);
    expect(item).toEqual({
      reason: 'suppressed-value',
      count: 100,
      lines: [1, 2, 3, 4, 5],
      sources: [0, 0, 0, 0, 0],
    });
    expect(ledger.summary()[0].lines).toHaveLength(20);
  });

  it('summarises an empty ledger as nothing', () => {
    expect(new ExclusionLedger().summary()).toEqual([]);
  });

  it('does not reorder the entries when summarising', () => {
    const ledger = new ExclusionLedger();
    ledger.add(0, 5, 'total-row', 'a');
    ledger.add(0, 2, 'total-row', 'b');
    ledger.summary();
    expect(ledger.entries.map((entry) => entry.line)).toEqual([5, 2]);
  });

  it('builds a deferred detail from its two numbers only when read, and adds to details', () => {
    const ledger = new ExclusionLedger();
    const calls: [number, number][] = [];
    const superseded = ledger.maker((person, line) => {
      calls.push([person, line]);
      return `person P${person} has a later record on line ${line}`;
    });
    expect(ledger.add(0, 3, 'missing-value', 'actual: blank')).toBe(0);
    expect(ledger.addDeferred(1, 8, 'superseded', superseded, 41, 90)).toBe(1);
    expect(ledger.add(0, 4, 'missing-value', 'actual: blank')).toBe(2);
    expect(ledger).toHaveLength(3);
    expect(calls).toEqual([]);
    ledger.appendDetail(2, '; an earlier record of this person is used (line 2)');
    expect(ledger.detail(1)).toBe('person P41 has a later record on line 90');
    expect(ledger.entries).toEqual([
      { source: 0, line: 3, reason: 'missing-value', detail: 'actual: blank' },
      {
        source: 1,
        line: 8,
        reason: 'superseded',
        detail: 'person P41 has a later record on line 90',
      },
      {
        source: 0,
        line: 4,
        reason: 'missing-value',
        detail: 'actual: blank; an earlier record of this person is used (line 2)',
      },
    ]);
    expect(ledger.summary()).toEqual([
      { reason: 'missing-value', count: 2, lines: [3, 4], sources: [0, 0] },
      { reason: 'superseded', count: 1, lines: [8], sources: [1] },
    ]);
  });

  it('keeps every entry across growth, in the order added', () => {
    const ledger = new ExclusionLedger();
    const reasons = ['total-row', 'missing-value', 'superseded', 'filtered-out'] as const;
    for (let i = 0; i < 5000; i++) {
      ledger.add(i % 3, 10_000 - i, reasons[i % 4], `detail ${i % 7}`);
    }
    const entries = ledger.entries;
    expect(entries).toHaveLength(5000);
    expect(entries[4321]).toEqual({
      source: 4321 % 3,
      line: 10_000 - 4321,
      reason: reasons[4321 % 4],
      detail: `detail ${4321 % 7}`,
    });
    expect(ledger.summary(3).map((item) => item.count)).toEqual([1250, 1250, 1250, 1250]);
  });
});
