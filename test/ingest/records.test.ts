import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AGE_BANDS } from '../../src/ingest/age.js';
import {
  AGE_BAND_LABELS,
  hashRow,
  PersonIds,
  PersonIndex,
  RecordTableBuilder,
} from '../../src/ingest/records.js';

describe('RecordTableBuilder', () => {
  it('builds an empty table', () => {
    const table = new RecordTableBuilder().build();
    expect(table.count).toBe(0);
    expect(table.indicative).toHaveLength(0);
    expect(table.person).toHaveLength(0);
    expect(table.clientGroupLabels).toEqual([]);
  });

  it('keeps RAS points only when some row has them', () => {
    const without = new RecordTableBuilder();
    const never = new RecordTableBuilder();
    const late = new RecordTableBuilder();
    const early = new RecordTableBuilder(1);
    for (let i = 0; i < 1500; i++) {
      without.setPoints(without.next(), Number.NaN);
      never.next();
      // From the third row on: the rows before have none.
      const row = late.next();
      if (i >= 2 && i < 5) late.setPoints(row, i === 3 ? 42 : Number.NaN);
      // Set on the first row, then the table grows (twice): the rows after have none.
      const first = early.next();
      if (i === 0 || i === 1400) early.setPoints(first, i === 0 ? 7 : 8);
    }
    expect(without.build().rasPoints).toBeNull();
    expect(never.build().rasPoints).toBeNull();
    const latePoints = late.build().rasPoints!;
    expect(latePoints).toHaveLength(1500);
    expect([...latePoints.subarray(0, 6)]).toEqual([NaN, NaN, NaN, 42, NaN, NaN]);
    expect(latePoints.filter((value) => !Number.isNaN(value))).toEqual(Float64Array.of(42));
    const earlyPoints = early.build().rasPoints!;
    expect([earlyPoints[0], earlyPoints[1400]]).toEqual([7, 8]);
    expect(earlyPoints.filter((value) => !Number.isNaN(value))).toEqual(Float64Array.of(7, 8));
  });

  it('grows past its capacity, keeping every column, and trims to the rows held', () => {
    const builder = new RecordTableBuilder(1);
    for (let i = 0; i < 37; i++) {
      const row = builder.next();
      expect(row).toBe(i);
      builder.indicative[row] = i * 100;
      builder.actual[row] = i * 100 + 1;
      builder.clientGroup[row] = i % 4;
      builder.ageBand[row] = i % 4;
      builder.source[row] = i % 2;
      builder.line[row] = i + 2;
      builder.dateAgreed[row] = i === 3 ? Number.NaN : 19000 + i;
      builder.person[row] = i % 5 === 0 ? -1 : i;
      builder.rowHash[row] = i * 7;
    }
    const table = builder.build();
    expect(table.count).toBe(37);
    for (const column of [
      table.indicative,
      table.actual,
      table.clientGroup,
      table.ageBand,
      table.source,
      table.line,
      table.dateAgreed,
      table.person,
      table.rowHash,
    ]) {
      expect(column).toHaveLength(37);
    }
    expect(table.indicative[36]).toBe(3600);
    expect(table.actual[0]).toBe(1);
    expect(table.clientGroup[35]).toBe(3);
    expect(table.source[35]).toBe(1);
    expect(table.line[36]).toBe(38);
    expect(table.dateAgreed[3]).toBeNaN();
    expect(table.dateAgreed[36]).toBe(19036);
    expect([...table.person.subarray(0, 6)]).toEqual([-1, 1, 2, 3, 4, -1]);
    expect(table.rowHash[36]).toBe(252);
  });

  it('keeps the first spelling of a client group, ignoring case and spaces; blank is Unknown', () => {
    const builder = new RecordTableBuilder();
    expect(builder.clientGroupOf('Mental Health Support')).toBe(0);
    expect(builder.clientGroupOf('MENTAL HEALTH SUPPORT')).toBe(0);
    expect(builder.clientGroupOf('  mental   health support ')).toBe(0);
    expect(builder.clientGroupOf('')).toBe(1);
    expect(builder.clientGroupOf('   ')).toBe(1);
    expect(builder.clientGroupOf('unknown')).toBe(1);
    expect(builder.clientGroupOf('Learning Disability Support')).toBe(2);
    expect(builder.clientGroupOf('Mental Health Support')).toBe(0);
    expect(builder.build().clientGroupLabels).toEqual([
      'Mental Health Support',
      'Unknown',
      'Learning Disability Support',
    ]);
  });

  it('numbers person ids in the order they are added', () => {
    const builder = new RecordTableBuilder();
    expect(builder.addPerson('P9')).toBe(0);
    expect(builder.addPerson('P1')).toBe(1);
    expect(builder.build().personIds.toArray()).toEqual(['P9', 'P1']);
  });

  it('labels age bands as AGE_BANDS does', () => {
    expect(AGE_BAND_LABELS).toEqual(AGE_BANDS);
  });
});

describe('hashRow', () => {
  it('is a non-negative safe integer, the same for the same fields', () => {
    const fields = ['P1', 'Learning Disability Support', '34', '£412.50', '£450.00'];
    const hash = hashRow(fields);
    expect(Number.isSafeInteger(hash)).toBe(true);
    expect(hash).toBeGreaterThanOrEqual(0);
    expect(hashRow([...fields])).toBe(hash);
  });

  it('tells apart rows that differ in a character, in order or in field boundaries', () => {
    const hashes = [
      hashRow(['P1', 'LD', '100']),
      hashRow(['P1', 'LD', '101']),
      hashRow(['LD', 'P1', '100']),
      hashRow(['P1L', 'D', '100']),
      hashRow(['P1', 'LD100']),
      hashRow(['P1', 'LD', '100', '']),
      hashRow(['p1', 'LD', '100']),
      hashRow([]),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('has no collisions among many distinct short rows', () => {
    const rows = fc.sample(
      fc.uniqueArray(fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), {
        minLength: 5000,
        maxLength: 5000,
        selector: (row) => JSON.stringify(row),
      }),
      { numRuns: 1, seed: 7 },
    )[0];
    const hashes = new Set(rows.map(hashRow));
    expect(hashes.size).toBe(rows.length);
  });
});

describe('RecordTableBuilder.personOf', () => {
  it('gives one index per id within a scope, and keeps scopes apart, across table growth', () => {
    const builder = new RecordTableBuilder();
    const ids = Array.from({ length: 50_000 }, (_, i) => `P${(i * 7919) % 1_000_003}`);
    const first = ids.map((id) => builder.personOf('pooled', id));
    expect(new Set(first).size).toBe(ids.length);
    // Asked again (after the table has grown many times), every id finds its own index.
    expect(ids.map((id) => builder.personOf('pooled', id))).toEqual(first);
    // The same ids in another scope (another council) are other people.
    const council = ids.slice(0, 1000).map((id) => builder.personOf('council 1', id));
    expect(council.every((index) => index >= ids.length)).toBe(true);
    expect(ids.slice(0, 1000).map((id) => builder.personOf('pooled', id))).toEqual(
      first.slice(0, 1000),
    );
    expect(builder.personIds.at(first[123])).toBe(ids[123]);
  });

  it('matches a map of scope and id on generated ids, including empty and odd ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('pooled', 'file 0', 'council 3'), fc.string()), {
          maxLength: 300,
        }),
        (pairs) => {
          const builder = new RecordTableBuilder();
          const expected = new Map<string, number>();
          for (const [scope, id] of pairs) {
            const key = JSON.stringify([scope, id]);
            const index = builder.personOf(scope, id);
            if (!expected.has(key)) expected.set(key, index);
            expect(index).toBe(expected.get(key));
          }
          expect(builder.personIds).toHaveLength(expected.size);
        },
      ),
    );
  });
});

describe('PersonIds', () => {
  it('gives back every id as added, whatever its characters (lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 200 }), (ids) => {
        const store = new PersonIds();
        ids.forEach((id, index) => expect(store.add(id)).toBe(index));
        expect(store.toArray()).toEqual(ids);
        expect(store).toHaveLength(ids.length);
      }),
    );
    const odd = [
      '',
      'é',
      '£12',
      '\uD800',
      '\uDC00x',
      '\u{1F600}',
      'a\u0000b',
      '\u07FF\u0800\uFFFF',
    ];
    const store = new PersonIds();
    odd.forEach((id) => store.add(id));
    expect(store.toArray()).toEqual(odd);
  });

  it('keeps every id through trim, and takes more after it', () => {
    const store = new PersonIds();
    store.trim();
    const ids = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `é${i}` : `P${i}`));
    ids.slice(0, 2000).forEach((id) => store.add(id));
    store.trim();
    expect(store.toArray()).toEqual(ids.slice(0, 2000));
    ids.slice(2000).forEach((id) => store.add(id));
    store.trim();
    store.trim();
    expect(store.toArray()).toEqual(ids);
    expect(store.equals(2999, ids[2999])).toBe(true);
  });

  it('compares an id with a stored one byte for byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const store = new PersonIds();
        store.add(a);
        expect(store.equals(0, b)).toBe(a === b);
        expect(store.equals(0, a)).toBe(true);
      }),
    );
    const store = new PersonIds();
    store.add('P12');
    for (const other of ['P1', 'P123', 'P13', '', 'p12', 'P12\u0000']) {
      expect(store.equals(0, other)).toBe(false);
    }
  });
});

describe('PersonIndex', () => {
  it('keeps ids that share a hash apart: with every hash the same, each id is still its own person', () => {
    // hashMask 0 gives every id the same slot and the same 32-bit check, so only the comparison
    // of scopes and bytes tells people apart.
    const ids = new PersonIds();
    const index = new PersonIndex(ids, 0);
    const names = Array.from({ length: 3000 }, (_, i) => `P${i}`).concat([
      '',
      'é',
      '\uD800',
      'P1\u0000',
    ]);
    const first = names.map((name) => index.indexOf('pooled', name));
    expect(first).toEqual(names.map((_, i) => i));
    expect(names.map((name) => index.indexOf('pooled', name))).toEqual(first);
    // The same ids in another scope are other people, and a lookup adds nobody.
    const other = names.slice(0, 50).map((name) => index.indexOf('council 2', name));
    expect(other).toEqual(names.slice(0, 50).map((_, i) => names.length + i));
    expect(index.find('pooled', 'P3000')).toBe(-1);
    expect(index.find('pooled', 'P2999')).toBe(2999);
    expect(ids).toHaveLength(names.length + 50);
    expect(ids.at(first[1234])).toBe('P1234');
  });

  it('matches a map of scope and id when every hash collides, on generated ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('pooled', 'file 0'), fc.string({ unit: 'binary' })), {
          maxLength: 200,
        }),
        (pairs) => {
          const ids = new PersonIds();
          const index = new PersonIndex(ids, 0);
          const expected = new Map<string, number>();
          for (const [scope, id] of pairs) {
            const key = JSON.stringify([scope, id]);
            const person = index.indexOf(scope, id);
            if (!expected.has(key)) expected.set(key, person);
            expect(person).toBe(expected.get(key));
            expect(ids.at(person)).toBe(id);
          }
          expect(ids).toHaveLength(expected.size);
        },
      ),
    );
  });
});
