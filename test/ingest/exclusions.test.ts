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
});
