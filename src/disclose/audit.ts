/**
 * Could a reader work a hidden cell back? For each hidden cell, the smallest and largest values it
 * can take given every published cell and every relation between cells (counts whole and not
 * negative, money totals not negative) are found by linear programming (HiGHS; the tests check
 * the verdicts with an independent checker, test/disclose/checker.ts), except where a witness
 * (witness.ts) already shows the cell free. A hidden cell is disclosed when:
 * - a count: its range is narrower than 1, so it has one whole value;
 * - a money total with a protection level q > 0 (fewer than k people, or dominated by one or two
 *   budgets): the reader can bound it to within q of its true value on either side;
 * - any other money total: the reader can pin it to the penny.
 */
import type { Highs } from 'highs';
import {
  isCount,
  relationsOfCells,
  type CellBounds,
  type CellSystem,
  type Identity,
} from './cells.js';
import { isFreed, witnessed, type CellLimits, type Relation } from './witness.js';

/** A money range narrower than this (pounds) pins the total. */
export const PENNY = 0.01;

/** How far past its reach a batch may move a cell (a little, so that rounding cannot fall short). */
const CAP = 1.001;

/**
 * The hidden cells a reader could work back, by linear programming with HiGHS: a one-off audit
 * (see Auditor for audits repeated as cells are hidden).
 *
 * @param protection the money protection level of a hidden money cell (pounds; absent: 0)
 * @example
 * disclosedCells(highs, system, hidden) // [] when nothing can be worked back
 */
export function disclosedCells(
  highs: Highs | (() => Highs),
  system: CellSystem,
  hidden: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
  protection: ReadonlyMap<number, number> = new Map(),
): number[] {
  const auditor = new Auditor(highs, system, bounds, protection);
  try {
    return auditor.disclosed(hidden);
  } finally {
    auditor.dispose();
  }
}

/**
 * Audits one cell system again and again as cells are hidden (or given back). Each audit first
 * clears cells in batches: maximise (then minimise) the sum of the cells not yet cleared, each
 * boxed near its true value so the problem stays bounded; a cell the optimum moves far enough is
 * not pinned on that side. Only what no batch clears gets programmes of its own.
 *
 * One HiGHS model is kept from audit to audit, a column per hidden cell and a row per relation
 * that holds one: a newly hidden cell adds a column, and the simplex goes on from the last basis
 * instead of starting afresh (the programmes of a national breakdown have a thousand columns,
 * and a search hides a few cells between audits). `bounds` and `protection` are read at each
 * audit, so the caller may add those of the cells it hides; a hidden cell's own must not change
 * (what `targets` and `affectedBy` leave unchecked relies on it).
 *
 * @example
 * const auditor = new Auditor(highs, system, bounds, protection);
 * auditor.disclosed(hidden); // then again after hiding more, with targets
 * auditor.dispose();
 */
export class Auditor {
  /** Made on the first audit that a witness (witness.ts) cannot settle alone. */
  private made?: ReturnType<Highs['createModel']>;
  /** The cell of each column of the model. */
  private columns: number[] = [];
  private readonly columnOf = new Map<number, number>();
  /** Each relation (identities, then inequalities), and its row once one of its cells is hidden. */
  private readonly relations: Relation[];
  private readonly rowOf = new Map<number, number>();
  /** The relations each cell is in. */
  private readonly relationsOf: number[][];

  /** HiGHS, asked for only when a witness cannot settle an audit (see withSolver, highs.ts). */
  private readonly solver: () => Highs;

  constructor(
    highs: Highs | (() => Highs),
    private readonly system: CellSystem,
    private readonly bounds: ReadonlyMap<number, CellBounds> = new Map(),
    private readonly protection: ReadonlyMap<number, number> = new Map(),
  ) {
    this.solver = typeof highs === 'function' ? highs : () => highs;
    // A cell named twice in a relation counts once, with the coefficients summed (HiGHS takes
    // one coefficient a cell in a row).
    const merged = (terms: Identity): Identity => {
      const sum = new Map<number, number>();
      for (const { cell, coefficient } of terms) sum.set(cell, (sum.get(cell) ?? 0) + coefficient);
      return [...sum].map(([cell, coefficient]) => ({ cell, coefficient }));
    };
    this.relations = [
      ...system.identities.map((terms) => ({ terms: merged(terms), equal: true })),
      ...system.inequalities.map((terms) => ({ terms: merged(terms), equal: false })),
    ];
    this.relationsOf = relationsOfCells(
      system.cells.length,
      this.relations.map(({ terms }) => terms),
    );
  }

  dispose(): void {
    this.made?.dispose();
  }

  private get highs(): Highs {
    return this.solver();
  }

  private get model(): ReturnType<Highs['createModel']> {
    if (this.made) return this.made;
    this.made = this.highs.createModel();
    // Primal simplex: most solves change only the objective, so the last basis stays feasible
    // and primal simplex goes on from it (2 to 3 times faster than HiGHS's default here). No
    // presolve: these programmes are small and sparse, it gained nothing on large audits, and on a
    // council's file its code was most of what HiGHS compiled on the first solve (about 9 ms).
    this.made.options.set({ output_flag: false, simplex_strategy: 4, presolve: 'off' });
    return this.made;
  }

  /**
   * What a reader knows of a hidden cell (its bounds) and how far it must be free to move: a
   * count a whole unit (either side); protected money its protection level on both sides; other
   * money a penny (the range as a whole wider than a penny: checked as either side reaching it).
   */
  private limitsOf(cell: number): CellLimits {
    const { field, value } = this.system.cells[cell];
    const count = isCount(field);
    // How far a reader's bound must stay from the true value, on each side.
    const need = count ? 1 - 1e-9 : Math.max(this.protection.get(cell) ?? 0, 0);
    const bothSides = !count && need > 0;
    return {
      value,
      lower: this.bounds.get(cell)?.min ?? (field === 'netGap' ? -Infinity : 0),
      upper: this.bounds.get(cell)?.max ?? Infinity,
      reach: count || bothSides ? need : PENNY,
      count,
      bothSides,
    };
  }

  /**
   * The hidden cells a reader could work back, in the order `hidden` gives them.
   *
   * @param targets only these are checked; every hidden cell is still free to move. Hiding more
   *   cells only widens what others can take, so a cell found safe stays safe while cells are
   *   added.
   */
  disclosed(hidden: ReadonlySet<number>, targets: ReadonlySet<number> = hidden): number[] {
    // Witnesses first: what they free needs no programme, and when they free every target the
    // solver is not started at all.
    const limits = new Map<number, CellLimits>();
    const limitsOf = (cell: number): CellLimits => {
      let known = limits.get(cell);
      if (!known) limits.set(cell, (known = this.limitsOf(cell)));
      return known;
    };
    const { above, below } = witnessed(
      this.relations,
      this.relationsOf,
      (cell) => this.system.cells[cell].value,
      hidden,
      targets,
      limitsOf,
    );
    const open = new Set(
      [...targets].filter(
        (cell) => hidden.has(cell) && !isFreed(limitsOf(cell), above.has(cell), below.has(cell)),
      ),
    );
    if (open.size === 0) return [];
    this.follow(hidden);
    const order = new Map([...hidden].map((cell, index) => [cell, index]));
    return this.audit(open, limitsOf).sort((a, b) => order.get(a)! - order.get(b)!);
  }

  /**
   * The hidden cells whose range can change when `changed` cells are hidden or shown: those in a
   * relation with one of them, and every hidden cell joined to those through relations. (A
   * relation's published cells are constants, so hidden cells no chain of relations joins to the
   * change can take exactly the values they could before.)
   *
   * @example
   * auditor.disclosed(hidden, auditor.affectedBy(given, hidden)) // after giving cells back
   */
  affectedBy(changed: Iterable<number>, hidden: ReadonlySet<number>): Set<number> {
    const affected = new Set<number>();
    const seen = new Set<number>();
    const queue = [...changed];
    while (queue.length > 0) {
      const cell = queue.pop()!;
      for (const i of this.relationsOf[cell]) {
        if (seen.has(i)) continue;
        seen.add(i);
        for (const term of this.relations[i].terms) {
          if (!hidden.has(term.cell) || affected.has(term.cell)) continue;
          affected.add(term.cell);
          queue.push(term.cell);
        }
      }
    }
    return affected;
  }

  /** Makes the model's columns the hidden cells: removes those shown, adds those newly hidden. */
  private follow(hidden: ReadonlySet<number>): void {
    const { model, highs } = this;
    const shown = this.columns.flatMap((cell, column) => (hidden.has(cell) ? [] : [column]));
    const changed = new Set<number>();
    if (shown.length > 0) {
      model.deleteCols({ kind: 'set', indices: shown });
      for (const column of shown) {
        for (const i of this.relationsOf[this.columns[column]]) changed.add(i);
      }
      this.columns = this.columns.filter((cell) => hidden.has(cell));
      this.columnOf.clear();
      this.columns.forEach((cell, column) => this.columnOf.set(cell, column));
    }
    const added = [...hidden].filter((cell) => !this.columnOf.has(cell));
    if (added.length === 0 && changed.size === 0) return;
    // Bounds are set by each audit; the relations' rows are added together (a first audit adds
    // thousands: one call, not one each).
    model.addVars(new Float64Array(added.length), new Float64Array(added.length));
    for (const cell of added) {
      this.columnOf.set(cell, this.columns.length);
      this.columns.push(cell);
    }
    // Relations that get their row now, with every hidden cell of theirs in it.
    const fresh = new Set<number>();
    for (const cell of added) {
      for (const i of this.relationsOf[cell]) {
        const row = this.rowOf.get(i);
        if (row === undefined) {
          this.rowOf.set(i, this.rowOf.size);
          fresh.add(i);
        } else if (!fresh.has(i)) {
          const term = this.relations[i].terms.find((t) => t.cell === cell)!;
          model.changeCoefficient(row, this.columnOf.get(cell)!, term.coefficient);
        }
        changed.add(i);
      }
    }
    // The published cells' part of each changed relation, summed afresh, is its row's bound.
    const rowBounds = (i: number): [number, number] => {
      const { terms, equal } = this.relations[i];
      let known = 0;
      let free = 0;
      for (const term of terms) {
        if (this.columnOf.has(term.cell)) free++;
        else known += term.coefficient * this.system.cells[term.cell].value;
      }
      // A relation with no hidden cell left constrains nothing (and its published cells' sum
      // may miss zero by a rounding error): free.
      if (free === 0) return [-highs.infinity, highs.infinity];
      return [equal ? -known : -highs.infinity, -known];
    };
    if (fresh.size > 0) {
      const starts = [0];
      const indices: number[] = [];
      const values: number[] = [];
      const lower = new Float64Array(fresh.size);
      const upper = new Float64Array(fresh.size);
      [...fresh].forEach((i, k) => {
        for (const { cell, coefficient } of this.relations[i].terms) {
          const column = this.columnOf.get(cell);
          if (column === undefined) continue;
          indices.push(column);
          values.push(coefficient);
        }
        starts.push(indices.length);
        [lower[k], upper[k]] = rowBounds(i);
      });
      model.addRows({
        lower,
        upper,
        matrix: {
          format: 'csr',
          numRows: fresh.size,
          numCols: this.columns.length,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
      });
    }
    for (const i of changed) {
      if (!fresh.has(i)) model.changeRowBounds(this.rowOf.get(i)!, ...rowBounds(i));
    }
  }

  /** The targets among the model's columns that a reader could work back. */
  private audit(targets: ReadonlySet<number>, limitsOf: (cell: number) => CellLimits): number[] {
    const { model, highs, system } = this;
    const cells = this.columns;
    const all = { kind: 'range', from: 0, to: cells.length - 1 } as const;
    const checked = cells.map((cell) => targets.has(cell));
    const value = (index: number): number => system.cells[cells[index]].value;
    const limits = cells.map(limitsOf);
    const count = limits.map((limit) => limit.count);
    const lower = limits.map((limit) => Math.max(limit.lower, -highs.infinity));
    const upper = limits.map((limit) => Math.min(limit.upper, highs.infinity));
    // Counts and secondary money are safe when either side is free; protected money needs both.
    const bothSides = limits.map((limit) => limit.bothSides);

    const { maximize, minimize } = highs.constants.objectiveSense;
    const optimal = highs.constants.modelStatus.optimal;
    const unbounded = highs.constants.modelStatus.unbounded;
    const infeasible = highs.constants.modelStatus.infeasible;
    // From some bases (most often after the tight boxes of a batch) HiGHS's primal simplex stops
    // without an answer ("unknown"): once more from the slack basis, which settles it.
    const solve = (): void => {
      model.run();
      const status = model.getModelStatus();
      if (status === optimal || status === unbounded || status === infeasible) return;
      model.setLogicalBasis();
      model.run();
    };
    const reach = (index: number): number => limits[index].reach;
    const freeAbove = new Set<number>();
    const freeBelow = new Set<number>();
    const cleared = (index: number): boolean =>
      isFreed(limits[index], freeAbove.has(index), freeBelow.has(index));
    // Batches, boxed around the true values.
    const box = (index: number): number =>
      count[index]
        ? 1000
        : Math.max(1000, 10 * Math.abs(value(index)) + 10 * (bothSides[index] ? reach(index) : 0));
    const boxLower = cells.map((_, index) => Math.max(lower[index], value(index) - box(index)));
    const boxUpper = cells.map((_, index) => Math.min(upper[index], value(index) + box(index)));
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
        // Each candidate may move just past its reach: the optimum then moves as many as it
        // can that far, rather than a few to the edge of their box.
        const below = Float64Array.from(boxLower);
        const above = Float64Array.from(boxUpper);
        for (const index of candidates) {
          if (sense === maximize)
            above[index] = Math.min(above[index], value(index) + CAP * reach(index));
          else below[index] = Math.max(below[index], value(index) - CAP * reach(index));
        }
        model.changeColsBounds(all, below, above);
        const costs = new Float64Array(cells.length);
        // Money is scaled so that a count and a pound of protection weigh alike.
        for (const index of candidates) costs[index] = 1 / Math.max(reach(index), 1e-9);
        model.changeColsCost(all, costs);
        solve();
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
    model.changeColsBounds(all, lower, upper);
    model.changeColsCost(all, new Float64Array(cells.length));
    const extreme = (index: number, sense: typeof maximize): number => {
      model.changeColCost(index, 1);
      model.changeObjectiveSense(sense);
      solve();
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
  }
}
