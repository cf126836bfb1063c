// Which trend tests are published (src/disclose/trend.ts), on small hand-made exports where every
// count is 0 or at least 5, so that nothing is hidden unless the rule itself withholds it: a
// period with nobody at all keeps its place in the scores and withholds nothing; a period with
// people in it but none of one group withholds that group's tests (a reader cannot tell an empty
// cell from one left out).
import { describe, expect, it } from 'vitest';
import { analyse, trend } from '../../src/index.js';
import { cochranArmitage } from '../../src/analysis/stats/cochranArmitage.js';

const HEADER =
  'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed';
let id = 0;
/** Five people moved up, five down and five unchanged (more down with `extra`), on one date. */
function cell(group: string, date: string, extra = 0): string[] {
  const rows: string[] = [];
  const add = (actual: number): void => {
    id++;
    rows.push(`P${id},${group},40,${100 + (id % 7)}.00,${actual + (id % 7)}.00,${date}`);
  };
  for (let i = 0; i < 5; i++) add(110 + i);
  for (let i = 0; i < 5 + extra; i++) add(80 + i);
  for (let i = 0; i < 5; i++) add(100);
  return rows;
}
const now = new Date(0);

describe('publishing the trend tests', () => {
  it('keeps an empty quarter in the scores and withholds nothing for it', async () => {
    const text = [
      HEADER,
      ...cell('Learning Disability Support', '15/04/2023'),
      ...cell('Mental Health Support', '15/05/2023', 5),
      // 2023-24 Q2 (July to September): nobody.
      ...cell('Learning Disability Support', '15/10/2023', 10),
      ...cell('Mental Health Support', '15/11/2023', 0),
    ].join('\n');
    const report = await trend(
      { name: 'gap.csv', text },
      { by: 'client-group', every: 'quarter', now },
    );
    expect(report.periods).toEqual(['2023-24 Q1', '2023-24 Q2', '2023-24 Q3']);
    const [ld, mh] = report.groups;
    expect(ld.periods.map((c) => [c.period, c.score, c.n, c.down])).toEqual([
      ['2023-24 Q1', 0, 15, 5],
      ['2023-24 Q3', 2, 25, 15],
    ]);
    expect(ld.withheld).toBeUndefined();
    expect(ld.cochranArmitageP).toBe(cochranArmitage([5, 0, 15], [15, 0, 25]).p);
    expect(mh.cochranArmitageZ).toBe(cochranArmitage([10, 0, 5], [20, 0, 15]).z);
    expect(mh.kendallTau).not.toBeNull();
  });

  it('withholds the tests of a group with nobody in a period that others have', async () => {
    const text = [
      HEADER,
      ...cell('Learning Disability Support', '15/04/2022'),
      ...cell('Mental Health Support', '15/05/2022'),
      ...cell('Mental Health Support', '15/05/2023', 5),
      ...cell('Learning Disability Support', '15/10/2024', 10),
      ...cell('Mental Health Support', '15/11/2024'),
    ].join('\n');
    const report = await trend({ name: 'missing.csv', text }, { by: 'client-group', now });
    const [ld, mh] = report.groups;
    expect(ld.periods.map((c) => c.period)).toEqual(['2022-23', '2024-25']);
    expect(ld.withheld).toEqual({
      cochranArmitageP: 'secondary',
      cochranArmitageZ: 'secondary',
      kendallTau: 'secondary',
      kendallP: 'secondary',
    });
    expect(mh.withheld).toBeUndefined();
    expect(mh.cochranArmitageP).not.toBeNull();
    // Unsuppressed, the exact tests are there for both.
    const exact = await trend(
      { name: 'missing.csv', text },
      { by: 'client-group', suppression: false, now },
    );
    expect(exact.groups[0].cochranArmitageP).not.toBeNull();
  });

  it('does not list a group all of whose cells are left out (its label alone would say it exists)', async () => {
    // 2021-22 holds four people, one in each of four groups: labels alone would pin each at 1,
    // so those cells are left out, and two of the groups have no other cell.
    const one = (group: string): string => {
      id++;
      return `P${id},${group},40,100.00,90.00,15/06/2021`;
    };
    const text = [
      HEADER,
      ...cell('Learning Disability Support', '15/05/2022'),
      ...cell('Mental Health Support', '15/05/2022'),
      ...cell('Learning Disability Support', '15/05/2023', 5),
      ...cell('Mental Health Support', '15/05/2023'),
      one('Learning Disability Support'),
      one('Mental Health Support'),
      one('Social Support: Asylum seeker support'),
      one('Social Support: Support to Carer'),
    ].join('\n');
    const report = await trend({ name: 'left-out.csv', text }, { by: 'client-group', now });
    expect(report.cellsLeftOut).toBe(true);
    expect(report.groups.map((g) => g.label)).toEqual([
      'Learning Disability Support',
      'Mental Health Support',
    ]);
    expect(report.periods).toEqual(['2021-22', '2022-23', '2023-24']);
    // 2021-22 has people, and no group shows its cell there: every test is withheld.
    expect(report.groups.every((g) => g.cochranArmitageP === null)).toBe(true);
    const exact = await trend(
      { name: 'left-out.csv', text },
      { by: 'client-group', suppression: false, now },
    );
    expect(exact.groups).toHaveLength(4);
  });

  it('audits only the figures a trend can show: no gap band is counted, protected or hidden', async () => {
    // The trend shows no gap bands, so its analysis counts none: the disclosure control covers the
    // eight additive figures (five counts, three money totals) of each row of its breakdowns, and
    // a band (once five more cells a row) can no longer force a figure of the trend to be hidden.
    const file = 'fixtures/trend-export.csv';
    const report = await trend(file, { by: 'client-group', now });
    const { exact } = await analyse(file, {
      by: [['clientGroup', 'financialYear'], ['financialYear']],
      exact: true,
      now,
    });
    const rows = 1 + exact.breakdowns.reduce((sum, b) => sum + b.groups.length, 0);
    const { cellsHidden, cellsPublished } = report.disclosure;
    expect(cellsHidden + cellsPublished).toBe(8 * rows);
    expect(report.warnings.some((w) => /gap bands/.test(w))).toBe(false);
  });
});
