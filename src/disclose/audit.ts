/**
 * Could a reader work a suppressed count back? For each suppressed cell, the smallest and largest
 * values it can take given every published count and every identity between counts (all counts
 * whole and not negative) are found by linear programming (yalps). A cell whose range is narrower
 * than 1 has at most one whole value: it is disclosed.
 */
import { solve, type Constraint, type Model } from 'yalps';
import type { CellBounds, CountSystem } from './cells.js';

export interface CellRange {
  cell: number;
  min: number;
  max: number;
}

/** The linear constraints a reader knows of the suppressed cells, in yalps' terms. */
interface Constraints {
  constraints: Map<string, Constraint>;
  /** Suppressed cell -> the constraints it is in, with its coefficient there. */
  coefficients: Map<number, [string, number][]>;
}

function readerConstraints(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds>,
): Constraints {
  const constraints = new Map<string, Constraint>();
  const coefficients = new Map<number, [string, number][]>();
  for (const cell of suppressed) coefficients.set(cell, []);
  // Only relations that involve a suppressed cell constrain anything unknown.
  const relate = (kind: 'equal' | 'max', name: string, terms: CountSystem['identities'][0]) => {
    const unknown = terms.filter((term) => suppressed.has(term.cell));
    if (unknown.length === 0) return;
    let known = 0;
    for (const term of terms) {
      if (!suppressed.has(term.cell)) known += term.coefficient * system.cells[term.cell].value;
    }
    constraints.set(name, kind === 'equal' ? { equal: -known } : { max: -known });
    for (const term of unknown) coefficients.get(term.cell)!.push([name, term.coefficient]);
  };
  system.identities.forEach((identity, i) => relate('equal', `identity${i}`, identity));
  system.inequalities.forEach((inequality, i) => relate('max', `inequality${i}`, inequality));
  // What the publishing rule tells a reader: a [c] count is 1 to k - 1, and so on.
  for (const [cell, bound] of bounds) {
    if (!suppressed.has(cell)) continue;
    const name = `bound${cell}`;
    constraints.set(name, { min: bound.min, max: bound.max });
    coefficients.get(cell)!.push([name, 1]);
  }
  return { constraints, coefficients };
}

/**
 * Optimise Σ weight × cell over what the reader knows (yalps keeps every variable >= 0). Returns
 * the optimum and the point, or null for the point when the problem is unbounded.
 */
function optimise(
  { constraints, coefficients }: Constraints,
  weights: ReadonlyMap<number, number>,
  direction: 'minimize' | 'maximize',
  extra: ReadonlyMap<string, Constraint> = new Map(),
  extraTerms: ReadonlyMap<number, [string, number][]> = new Map(),
): { status: string; result: number; point: Map<number, number> } {
  const variables = new Map<string, [string, number][]>();
  for (const [cell, terms] of coefficients) {
    const weight = weights.get(cell);
    const own = extraTerms.get(cell) ?? [];
    variables.set(
      `c${cell}`,
      weight === undefined ? [...terms, ...own] : [...terms, ...own, ['objective', weight]],
    );
  }
  const model: Model<string, string> = {
    direction,
    objective: 'objective',
    constraints: extra.size === 0 ? constraints : new Map([...constraints, ...extra]),
    variables,
  };
  const solution = solve(model);
  const point = new Map<number, number>();
  for (const [name, value] of solution.variables) point.set(Number(name.slice(1)), value);
  return { status: solution.status, result: solution.result, point };
}

/**
 * The feasible range of each suppressed cell. The LP relaxation is used: for the sum tables here
 * its vertices are whole numbers, and any doubt (a range under 1) counts as disclosed.
 *
 * @example
 * cellRanges(system, suppressed) // [{ cell: 12, min: 0, max: 4 }, ...]
 */
export function cellRanges(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
  /** Only whether each cell is pinned matters: `min` may be left at the true value. */
  shortcut = false,
  targets: Iterable<number> = suppressed,
): CellRange[] {
  const known = readerConstraints(system, suppressed, bounds);
  const ranges: CellRange[] = [];
  for (const target of targets) {
    const bound = (direction: 'minimize' | 'maximize'): number => {
      const { status, result } = optimise(known, new Map([[target, 1]]), direction);
      if (status === 'unbounded') return direction === 'maximize' ? Infinity : 0;
      if (status !== 'optimal') return Number.NaN;
      return result;
    };
    if (shortcut) {
      // The true value is feasible, so if the maximum is a whole unit above it the cell is not
      // pinned, and the minimum need not be solved: that halves the work of an audit.
      const value = system.cells[target].value;
      const max = bound('maximize');
      if (max - value >= 1 - 1e-9) {
        ranges.push({ cell: target, min: value, max });
        continue;
      }
      ranges.push({ cell: target, min: bound('minimize'), max });
      continue;
    }
    ranges.push({ cell: target, min: bound('minimize'), max: bound('maximize') });
  }
  return ranges;
}

/**
 * The suppressed cells a reader could pin down.
 *
 * One linear programme per cell is slow for big tables, so cells are first cleared in batches:
 * maximise (then minimise) the sum of the cells not yet cleared, each boxed to within a range of
 * its true value so the problem stays bounded; any cell that the optimum moves a whole unit from
 * its true value has two feasible values at least 1 apart, so it is not pinned. Whatever no batch
 * clears gets its own exact programmes, so the answer is the same as solving cell by cell.
 *
 * @example
 * disclosedCells(system, suppressed) // [] when nothing can be worked back
 */
export function disclosedCells(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
): number[] {
  const known = readerConstraints(system, suppressed, bounds);
  const value = (cell: number): number => system.cells[cell].value;
  const open = new Set(suppressed);
  const BOX = 1000;
  const box = new Map<string, Constraint>();
  const boxTerms = new Map<number, [string, number][]>();
  for (const cell of suppressed) {
    box.set(`box${cell}`, { min: Math.max(0, value(cell) - BOX), max: value(cell) + BOX });
    boxTerms.set(cell, [[`box${cell}`, 1]]);
  }
  for (const direction of ['maximize', 'minimize'] as const) {
    for (;;) {
      const candidates = [...open].filter((cell) => direction === 'maximize' || value(cell) >= 1);
      if (candidates.length === 0) break;
      const weights = new Map(candidates.map((cell) => [cell, 1]));
      const { status, point } = optimise(known, weights, direction, box, boxTerms);
      if (status !== 'optimal') break;
      let cleared = 0;
      for (const cell of candidates) {
        const moved = Math.abs((point.get(cell) ?? 0) - value(cell));
        if (moved >= 1 - 1e-9) {
          open.delete(cell);
          cleared++;
        }
      }
      if (cleared === 0) break;
    }
  }
  return cellRanges(system, suppressed, bounds, true, open)
    .filter((range) => !(range.max - range.min >= 1 - 1e-9))
    .map((range) => range.cell);
}
