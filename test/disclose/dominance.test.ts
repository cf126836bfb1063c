// The p% rule on the bundled sample, checked with each group's people worked out independently:
// test/disclose/sample-dominance.json comes from pandas alone, reading fixtures/sample-export.csv
// the way the domain primer describes, with
//   /usr/bin/python3 test/disclose/sample-dominance.py | npx prettier --parser json > test/disclose/sample-dominance.json
// (pandas 1.5.3, Python 3.11). It gives each group's n, totals and two largest indicative and
// actual budgets; the first test checks that it reads the same people as rasgap does.
//
// A published money total of a group of k or more must pass the p% rule (p from
// report.disclosure.dominanceP, 10 by default): the total less its two largest contributions
// x1 >= x2 is at least p% of x1, so that the second largest cannot estimate the largest to within
// p%. A group of fewer than k publishes no money total at all.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, render, type AnalyseOptionsInput } from '../../src/index.js';
import { fixture } from './helpers.js';

interface Group {
  n: number;
  totalIndicative: number;
  totalActual: number;
  indicativeTop2: number[];
  actualTop2: number[];
}
type Json = Record<string, unknown>;

const expected = JSON.parse(
  readFileSync(new URL('./sample-dominance.json', import.meta.url), 'utf8'),
) as Record<string, Group>;
const CROSSED = ['client-group,age-band', 'client-group', 'age-band'];

/** `breakdown|label` -> the row's figures, as in sample-dominance.json. */
function rows(report: Json): Map<string, Json> {
  const found = new Map<string, Json>([['overall|All records', report.overall as Json]]);
  for (const breakdown of report.breakdowns as Json[]) {
    for (const group of breakdown.groups as Json[]) {
      found.set(`${(breakdown.by as string[]).join('+')}|${String(group.label)}`, group);
    }
  }
  return found;
}

async function published(options: AnalyseOptionsInput): Promise<Json> {
  const { report } = await analyse([fixture('sample-export.csv')], {
    by: CROSSED,
    now: new Date(0),
    ...options,
  });
  return JSON.parse(render(report, 'json', { colour: false })) as Json;
}

describe('fixtures/sample-export.csv, --by client-group,age-band --by client-group --by age-band', () => {
  it('pandas reads the same people into every group as rasgap', async () => {
    const truth = rows(
      await published({ suppression: false, noSuppression: true } as AnalyseOptionsInput),
    );
    expect([...truth.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [key, figures] of truth) {
      const group = expected[key];
      expect(figures.n, key).toBe(group.n);
      expect(figures.totalIndicative as number, key).toBeCloseTo(group.totalIndicative, 6);
      expect(figures.totalActual as number, key).toBeCloseTo(group.totalActual, 6);
    }
  });

  describe.each([5, 10])('--min-count %i', (k) => {
    let report: Json;
    beforeAll(async () => {
      report = await published({ minCount: k });
    });

    it('publishes money totals only for groups of k or more, each passing the p% rule', () => {
      const disclosure = (report.disclosure ?? {}) as Json;
      const p = typeof disclosure.dominanceP === 'number' ? disclosure.dominanceP : 10;
      const problems: string[] = [];
      for (const [key, figures] of rows(report)) {
        const group = expected[key];
        for (const [field, top] of [
          ['totalIndicative', group.indicativeTop2],
          ['totalActual', group.actualTop2],
        ] as const) {
          const total = figures[field];
          if (typeof total !== 'number') continue;
          if (group.n < k) {
            problems.push(`${key} ${field}: published for a group of ${group.n}`);
            continue;
          }
          const [x1, x2 = 0] = top;
          if (total - x1 - x2 < (p / 100) * x1 - 1e-9) {
            problems.push(`${key} ${field}: ${total} fails the ${p}% rule (${x1}, ${x2})`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
