import { describe, expect, it } from 'vitest';
import { rankSumsAlong } from '../../src/analysis/orders.js';
import { sortOrder } from '../../src/analysis/stats/ranks.js';
import { kruskalWallisFromRanks } from '../../src/analysis/stats/tests.js';

describe('rankSumsAlong', () => {
  // Expected values printed by R 4.2.2:
  //   x <- c(3.5, -1, 2, 2, 0, 7, 2, -1); g <- c(0, 1, 2, 0, 1, 2, 1, 0)
  //   tapply(rank(x), g, sum)              # 13.5 9.5 13.0
  //   t <- table(x); sum(t^3 - t)          # 30
  //   kruskal.test(x, g)$statistic         # 2.3628691983122354
  const values = Float64Array.of(3.5, -1, 2, 2, 0, 7, 2, -1);
  const groupOf = Int32Array.of(0, 1, 2, 0, 1, 2, 1, 0);

  it("gives each group's rank sum and the ties of the pooled ranking, as R's rank()", () => {
    const pooled = rankSumsAlong(sortOrder(values), values, groupOf, 3);
    expect(pooled).toEqual({ rankSums: [13.5, 9.5, 13], ties: 30 });
    const test = kruskalWallisFromRanks(pooled.rankSums, [3, 3, 2], pooled.ties);
    expect(test?.statistic).toBeCloseTo(2.3628691983122354, 12);
  });

  it('leaves a group that has no rows in the order at 0', () => {
    const pooled = rankSumsAlong(sortOrder(values), values, groupOf, 4);
    expect(pooled.rankSums[3]).toBe(0);
  });
});
