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
  ])('"%s" is a header, not a mapping', (header) => {
    const map = parseGroupMap(`${header}\nLD Team,Learning Disability Support\n`, 'map.csv');
    expect(map).toEqual({ 'LD Team': 'Learning Disability Support' });
  });

  it('a first row whose second cell is a taxonomy label is a mapping', () => {
    const map = parseGroupMap(
      'Category,Mental Health Support\nLD,Learning Disability Support\n',
      'm',
    );
    expect(map).toEqual({
      Category: 'Mental Health Support',
      LD: 'Learning Disability Support',
    });
  });

  it('a first row with a council target that is not a header word is kept', () => {
    expect(parseGroupMap('Team A,Reablement\n', 'm')).toEqual({ 'Team A': 'Reablement' });
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
