import { describe, expect, it } from 'vitest';
import { listSome } from '../src/list.js';

describe('listSome', () => {
  it('lists every name up to the limit', () => {
    expect(listSome(['a.csv'], 3)).toBe('a.csv');
    expect(listSome(['a.csv', 'b.csv', 'c.csv'], 3)).toBe('a.csv, b.csv, c.csv');
  });

  it('names the first ones and counts the rest beyond it', () => {
    expect(listSome(['a', 'b', 'c', 'd', 'e'], 3)).toBe('a, b, c and 2 more');
  });
});
