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

/**
 * The feasible range of each suppressed cell. The LP relaxation is used: for the sum tables here
 * its vertices are whole numbers, and any doubt (a range under 1) counts as disclosed.
 *
 * @example
 * disclosedCells(system, suppressed) // [] when nothing can be worked back
 */
export function cellRanges(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  integers = false,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
  /** Only whether each cell is pinned matters: `min` may be left at the true value. */
  shortcut = false,
): CellRange[] {
  // Only identities that involve a suppressed cell constrain anything unknown.
  const constraints = new Map<string, Constraint>();
  const coefficients = new Map<number, [string, number][]>();
  for (const cell of suppressed) coefficients.set(cell, []);
  system.identities.forEach((identity, i) => {
    const unknown = identity.filter((term) => suppressed.has(term.cell));
    if (unknown.length === 0) return;
    let known = 0;
    for (const term of identity) {
      if (!suppressed.has(term.cell)) known += term.coefficient * system.cells[term.cell].value;
    }
    const name = `identity${i}`;
    constraints.set(name, { equal: -known });
    for (const term of unknown) coefficients.get(term.cell)!.push([name, term.coefficient]);
  });
  // What the publishing rule tells a reader: a [c] count is 1 to k - 1, and so on.
  for (const [cell, bound] of bounds) {
    if (!suppressed.has(cell)) continue;
    const name = `bound${cell}`;
    constraints.set(name, { min: bound.min, max: bound.max });
    coefficients.get(cell)!.push([name, 1]);
  }
  const ranges: CellRange[] = [];
  for (const target of suppressed) {
    const bound = (direction: 'minimize' | 'maximize'): number => {
      const variables = new Map<string, [string, number][]>();
      for (const [cell, terms] of coefficients) {
        variables.set(`c${cell}`, cell === target ? [...terms, ['objective', 1]] : terms);
      }
      const model: Model<string, string> = {
        direction,
        objective: 'objective',
        constraints,
        variables,
        integers: integers ? [...variables.keys()] : undefined,
      };
      const solution = solve(model);
      if (solution.status === 'unbounded') return direction === 'maximize' ? Infinity : 0;
      if (solution.status !== 'optimal') return Number.NaN;
      return solution.result;
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

/** The suppressed cells a reader could pin down. */
export function disclosedCells(
  system: CountSystem,
  suppressed: ReadonlySet<number>,
  bounds: ReadonlyMap<number, CellBounds> = new Map(),
): number[] {
  return cellRanges(system, suppressed, false, bounds, true)
    .filter((range) => !(range.max - range.min >= 1 - 1e-9))
    .map((range) => range.cell);
}
