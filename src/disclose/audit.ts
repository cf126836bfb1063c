/**
 * Could a reader work a suppressed count back? For each suppressed cell, the smallest and largest
 * values it can take given every published count and every identity between counts (all counts
 * whole and not negative) are found by linear programming (HiGHS; the tests check the result with an independent integer programme in yalps). A cell whose range is narrower
 * than 1 has at most one whole value: it is disclosed.
 */
import highsModule, { type Highs } from 'highs';
import type { CellBounds, CountSystem } from './cells.js';

// HiGHS (the University of Edinburgh's sparse simplex solver, as WebAssembly) for the audit: one
// model per audit whose objective changes from cell to cell, each solve starting from the last
// basis. Loaded once when this module is.
// The package's types describe its CommonJS build; its ES module's default export is the loader.
const loadHighs = highsModule as unknown as () => Promise<Highs>;
const highs = await loadHighs();

/**
 * The suppressed cells a reader could pin down: for each, the largest value it can take (and, if
 * that is not a whole unit above its true value, the smallest) over everything a reader knows, by
 * linear programming with HiGHS. First, cells are cleared in batches: maximise (then minimise)
 * the sum of the cells not yet cleared, each boxed near its true value so the problem stays
 * bounded; a cell the optimum moves a whole unit has two feasible values 1 apart, so it is not
 * pinned. Only what no batch clears gets programmes of its own.
 *
 * @example
 * disclosedCells(system, suppressed) // [] when nothing can be worked back
 */
export function disclosedCells(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
): number[] {
  const cells = [...suppressed];
  if (cells.length === 0) return [];
  const column = new Map(cells.map((cell, index) => [cell, index]));
  const value = (index: number): number => system.cells[cells[index]].value;
  const lower = cells.map((cell) => bounds.get(cell)?.min ?? 0);
  const upper = cells.map((cell) => bounds.get(cell)?.max ?? highs.infinity);
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false });
    cells.forEach((_, index) => model.addVar(lower[index], upper[index]));
    const addRelation = (terms: CountSystem['identities'][0], equal: boolean): void => {
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
    const open = new Set(cells.map((_, index) => index));
    // Batches, boxed within BOX of the true values.
    const BOX = 1000;
    cells.forEach((_, index) =>
      model.changeColBounds(
        index,
        Math.max(lower[index], value(index) - BOX),
        Math.min(upper[index], value(index) + BOX),
      ),
    );
    for (const sense of [maximize, minimize]) {
      model.changeObjectiveSense(sense);
      for (;;) {
        const candidates = [...open].filter((index) => sense === maximize || value(index) >= 1);
        if (candidates.length === 0) break;
        const costs = cells.map(() => 0);
        for (const index of candidates) costs[index] = 1;
        setCosts(costs);
        model.run();
        if (model.getModelStatus() !== optimal) break;
        const point = model.getSolution().colValue;
        let cleared = 0;
        for (const index of candidates) {
          if (Math.abs(point[index] - value(index)) >= 1 - 1e-9) {
            open.delete(index);
            cleared++;
          }
        }
        if (cleared === 0) break;
      }
    }
    // Each cell left on its own, with the reader's bounds only.
    cells.forEach((_, index) => model.changeColBounds(index, lower[index], upper[index]));
    setCosts(cells.map(() => 0));
    const disclosed: number[] = [];
    const extreme = (index: number, sense: typeof maximize): number => {
      model.changeObjectiveSense(sense);
      model.run();
      const status = model.getModelStatus();
      if (status === unbounded) return sense === maximize ? Infinity : -Infinity;
      if (status !== optimal) return Number.NaN;
      return model.getObjectiveValue();
    };
    for (const index of open) {
      model.changeColCost(index, 1);
      const max = extreme(index, maximize);
      // The true value is feasible: a maximum a whole unit above it means not pinned.
      const pinned =
        !(max - value(index) >= 1 - 1e-9) && !(max - extreme(index, minimize) >= 1 - 1e-9);
      model.changeColCost(index, 0);
      if (pinned) disclosed.push(cells[index]);
    }
    return disclosed;
  } finally {
    model.dispose();
  }
}
