import { describe, expect, it } from 'vitest';
import {
  canonicalClientGroup,
  closestCanonical,
  groupMapWarnings,
  parseGroupMap,
} from '../../src/ingest/clientGroups.js';

describe('parseGroupMap: a CSV header row', () => {
  it.each([
    'Team Category,canonical',
    'from,to',
    'label,maps to',
    'Council label,Primary Support Reason',
  ])('"%s" is a header, not a mapping', async (header) => {
    const map = await parseGroupMap(`${header}\nLD Team,Learning Disability Support\n`, 'map.csv');
    expect(map).toEqual({ 'LD Team': 'Learning Disability Support' });
  });

  it('a first row whose second cell is a taxonomy label is a mapping', async () => {
    const map = await parseGroupMap(
      'Category,Mental Health Support\nLD,Learning Disability Support\n',
      'm',
    );
    expect(map).toEqual({
      Category: 'Mental Health Support',
      LD: 'Learning Disability Support',
    });
  });

  it('a first row with a council target that is not a header word is kept', async () => {
    expect(await parseGroupMap('Team A,Reablement\n', 'm')).toEqual({ 'Team A': 'Reablement' });
  });
});

describe('groupMapWarnings', () => {
  it('names a target outside the taxonomy and the closest canonical label', () => {
    expect(groupMapWarnings({ LD: 'Nonsense', 'LD Team': 'Learning Disabilty Support' })).toEqual([
      `the group map sends "LD" to "Nonsense", which is not a client group in the taxonomy (closest: "${closestCanonical('Nonsense')}"); it is kept as a group of its own: if that was not meant, correct the map`,
      'the group map sends "LD Team" to "Learning Disabilty Support", which is not a client group in the taxonomy (closest: "Learning Disability Support"); it is kept as a group of its own: if that was not meant, correct the map',
    ]);
  });

  it('one warning per target, naming every label sent there', () => {
    expect(groupMapWarnings({ A: 'Reablement', B: 'Reablement' })).toHaveLength(1);
    expect(groupMapWarnings({ A: 'Reablement', B: 'Reablement' })[0]).toMatch(
      /^the group map sends "A", "B" to "Reablement"/,
    );
  });

  it('no warning for canonical labels or their known aliases', () => {
    expect(
      groupMapWarnings({
        A: 'Learning Disability Support',
        B: 'Learning Disability',
        C: 'mental health support',
        D: 'Physical Support: Personal care support',
      }),
    ).toEqual([]);
    // An alias target lands in the canonical group, so it does not split it.
    expect(canonicalClientGroup('A', { A: 'Learning Disability' })).toBe(
      'Learning Disability Support',
    );
  });

  it('closestCanonical on typos', () => {
    expect(closestCanonical('Mental Helth Support')).toBe('Mental Health Support');
    expect(closestCanonical('Support with Memory and Cognitoin')).toBe(
      'Support with Memory & Cognition',
    );
  });
});

describe('group maps: text is data, and lookup is linear', () => {
  it('labels named like object properties are looked up as text', async () => {
    const map = await parseGroupMap(
      '{"__proto__": "LD", "constructor": "Mental Health Support"}',
      'map.json',
    );
    expect(Object.getPrototypeOf(map)).toBeNull();
    expect(canonicalClientGroup('__proto__', map)).toBe('Learning Disability Support');
    expect(canonicalClientGroup('constructor', map)).toBe('Mental Health Support');
    // Not in the map, and not Object.prototype's: kept as written (null: not recognised).
    expect(canonicalClientGroup('toString', map)).toBeNull();
    expect(canonicalClientGroup('valueOf', {})).toBeNull();
    expect(canonicalClientGroup('hasOwnProperty', {})).toBeNull();
    const csv = await parseGroupMap('toString,LD\nvalueOf,MH\n', 'map.csv');
    expect(canonicalClientGroup('toString', csv)).toBe('Learning Disability Support');
    expect(canonicalClientGroup('VALUEOF', csv)).toBe('Mental Health Support');
  });

  it('500 labels against a 100,000-entry map read the map once, not once a label', () => {
    // Before: every label searched every entry (labels x entries; 32 s on this case). Counted,
    // not timed: each read of an entry goes through the proxy.
    const entries: Record<string, string> = {};
    for (let k = 0; k < 100_000; k++) entries[`Team ${k}`] = k % 2 === 0 ? 'LD' : 'MH';
    let reads = 0;
    const map = new Proxy(entries, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const found = Array.from({ length: 500 }, (_, k) =>
      canonicalClientGroup(`TEAM ${k * 199}`, map),
    );
    // Folded lookup (case and spaces ignored): TEAM 0 -> Team 0 -> LD; TEAM 199 -> MH.
    expect(found.slice(0, 2)).toEqual(['Learning Disability Support', 'Mental Health Support']);
    expect(reads).toBeLessThanOrEqual(100_000);
  });

  it('the closest-label search reads a label only so far: a 1 MB label is matched as its start', () => {
    // Only the first few times the longest alias's length are compared (the edit distance of a
    // megabyte against every alias would take minutes): what follows cannot change the answer.
    const start = 'Learning Disabilty Support';
    expect(closestCanonical(`${start}${'x'.repeat(1_000_000)}`)).toBe(
      closestCanonical(`${start}${'x'.repeat(1_000)}`),
    );
    // Short labels still find their neighbour.
    expect(closestCanonical('Learning Disabilty Support')).toBe('Learning Disability Support');
  });
});
