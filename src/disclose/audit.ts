/**
 * Could a reader work a hidden cell back? For each hidden cell, the smallest and largest values it
 * can take given every published cell and every relation between cells (counts whole and not
 * negative, money totals not negative) are found by linear programming (HiGHS; the tests check
 * the verdicts with an independent checker, test/disclose/checker.ts). A hidden cell is
 * disclosed when:
 * - a count: its range is narrower than 1, so it has one whole value;
 * - a money total with a protection level q > 0 (fewer than k people, or dominated by one or two
 *   budgets): the reader can bound it to within q of its true value on either side;
 * - any other money total: the reader can pin it to the penny.
 */
import type { Highs } from 'highs';
import { isCount, type CellBounds, type CellSystem } from './cells.js';

/** A money range narrower than this (pounds) pins the total. */
export const PENNY = 0.01;

/**
 * The hidden cells a reader could work back, by linear programming with HiGHS. Cells are first
 * cleared in batches: maximise (then minimise) the sum of the cells not yet cleared, each boxed
 * near its true value so the problem stays bounded; a cell the optimum moves far enough is not
 * pinned on that side. Only what no batch clears gets programmes of its own.
 *
 * @param protection the money protection level of a hidden money cell (pounds; absent: 0)
 * @param targets only these are checked: hiding more cells only widens what others can take, so
 *   a cell found safe stays safe while cells are added
 * @example
 * disclosedCells(highs, system, hidden) // [] when nothing can be worked back
 */
export function disclosedCells(
  highs: Highs,
  system: CellSystem,
  hidden: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
  protection: ReadonlyMap<number, number> = new Map(),
  /** The hidden cells to check (default: all); every hidden cell is still free to move. */
  targets: ReadonlySet<number> = hidden,
): number[] {
  const cells = [...hidden];
  if (cells.length === 0) return [];
  const checked = cells.map((cell) => targets.has(cell));
  const column = new Map(cells.map((cell, index) => [cell, index]));
  const value = (index: number): number => system.cells[cells[index]].value;
  const count = cells.map((cell) => isCount(system.cells[cell].field));
  const lower = cells.map(
    (cell) =>
      bounds.get(cell)?.min ?? (system.cells[cell].field === 'netGap' ? -highs.infinity : 0),
  );
  const upper = cells.map((cell) => {
    const max = bounds.get(cell)?.max ?? Infinity;
    return Number.isFinite(max) ? max : highs.infinity;
  });
  // How far a reader's bound must stay from the true value, on each side.
  const need = cells.map((cell, index) =>
    count[index] ? 1 - 1e-9 : Math.max(protection.get(cell) ?? 0, 0),
  );
  // Counts and secondary money are safe when either side is free; protected money needs both.
  const bothSides = cells.map((cell, index) => !count[index] && need[index] > 0);
  const model = highs.createModel();
  try {
    // Primal simplex: each solve only changes the objective, so the last basis stays feasible
    // and primal simplex goes on from it (2 to 3 times faster than HiGHS's default here).
    model.options.set({ output_flag: false, simplex_strategy: 4 });
    cells.forEach((_, index) => model.addVar(lower[index], upper[index]));
    const addRelation = (terms: CellSystem['identities'][0], equal: boolean): void => {
      const indices: number[] = [];
      const values: number[] = [];
      let known = 0;
      for (const term of terms) {
        const at = column.get(term.cell);
        if (at === undefined) known += term.coefficient * system.cells[term.cell].value;
        else {
          indices.push(at);
          values.push(term.coefficient);
        }
      }
      if (indices.length === 0) return;
      model.addRow(equal ? -known : -highs.infinity, -known, { indices, values });
    };
    for (const identity of system.identities) addRelation(identity, true);
    for (const inequality of system.inequalities) addRelation(inequality, false);

    const { maximize, minimize } = highs.constants.objectiveSense;
    const optimal = highs.constants.modelStatus.optimal;
    const unbounded = highs.constants.modelStatus.unbounded;
    const setCosts = (costs: number[]): void => {
      costs.forEach((cost, index) => model.changeColCost(index, cost));
    };
    // Free on each side: counts a whole unit; protected money by its level; other money by more
    // than a penny in all (checked as either side reaching a penny).
    const reach = (index: number): number =>
      count[index] || bothSides[index] ? need[index] : PENNY;
    const freeAbove = new Set<number>();
    const freeBelow = new Set<number>();
    const cleared = (index: number): boolean =>
      bothSides[index]
        ? freeAbove.has(index) && freeBelow.has(index)
        : freeAbove.has(index) || freeBelow.has(index);
    // Batches, boxed around the true values.
    const box = (index: number): number =>
      count[index] ? 1000 : Math.max(1000, 10 * Math.abs(value(index)) + 10 * need[index]);
    cells.forEach((_, index) =>
      model.changeColBounds(
        index,
        Math.max(lower[index], value(index) - box(index)),
        Math.min(upper[index], value(index) + box(index)),
      ),
    );
    for (const sense of [maximize, minimize]) {
      model.changeObjectiveSense(sense);
      const free = sense === maximize ? freeAbove : freeBelow;
      for (;;) {
        const candidates = cells
          .map((_, index) => index)
          .filter(
            (index) =>
              checked[index] &&
              !cleared(index) &&
              !free.has(index) &&
              (sense === maximize || value(index) - lower[index] >= reach(index)),
          );
        if (candidates.length === 0) break;
        const costs = cells.map(() => 0);
        // Money is scaled so that a count and a pound of protection weigh alike.
        for (const index of candidates) costs[index] = 1 / Math.max(reach(index), 1e-9);
        setCosts(costs);
        model.run();
        if (model.getModelStatus() !== optimal) break;
        const point = model.getSolution().colValue;
        let moved = 0;
        for (const index of candidates) {
          // Only a move in this direction frees this side: protected money needs both.
          const move =
            sense === maximize ? point[index] - value(index) : value(index) - point[index];
          if (move >= reach(index)) {
            free.add(index);
            moved++;
          }
        }
        if (moved === 0) break;
      }
    }
    // Each cell left on its own, with the reader's bounds only.
    cells.forEach((_, index) => model.changeColBounds(index, lower[index], upper[index]));
    setCosts(cells.map(() => 0));
    const extreme = (index: number, sense: typeof maximize): number => {
      model.changeColCost(index, 1);
      model.changeObjectiveSense(sense);
      model.run();
      // Read before the cost changes back: a change resets the model's status.
      const status = model.getModelStatus();
      const objective = model.getObjectiveValue();
      model.changeColCost(index, 0);
      if (status === unbounded) return sense === maximize ? Infinity : -Infinity;
      if (status !== optimal) return Number.NaN;
      return objective;
    };
    const disclosed: number[] = [];
    cells.forEach((cell, index) => {
      if (!checked[index] || cleared(index)) return;
      const v = value(index);
      const r = reach(index);
      if (!freeAbove.has(index) && extreme(index, maximize) - v >= r) freeAbove.add(index);
      if (cleared(index)) return;
      if (!freeBelow.has(index) && v - extreme(index, minimize) >= r) freeBelow.add(index);
      if (cleared(index)) return;
      // Secondary money: free if the range as a whole is wider than a penny.
      if (!count[index] && !bothSides[index]) {
        if (extreme(index, maximize) - extreme(index, minimize) >= PENNY) return;
      }
      disclosed.push(cell);
    });
    return disclosed;
  } finally {
    model.dispose();
  }
}
