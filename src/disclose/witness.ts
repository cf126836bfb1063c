/**
 * A quick proof that hidden cells cannot be worked back: a point that keeps every relation and
 * every bound a reader knows, with a cell moved at least its reach from its true value. Such a
 * point is a certificate; the audit (audit.ts) still decides by linear programming whatever no
 * point here frees. On a council's file this settles every audit without starting the solver,
 * whose first programme costs more than the rest of publishing (its WebAssembly is compiled as it
 * first runs: about 22 ms of a 20,000-row run).
 *
 * The points tried are the true values moved along one direction of the null space of the
 * identities over the hidden cells (hidden cells joined by relations are taken together, up to
 * WITNESS_MAX_CELLS of them): a step of one for a count, just past its reach for money. Each is
 * checked against the identities, the inequalities and the bounds before it counts.
 */
import type { Identity } from './cells.js';

/** What a reader knows of one hidden cell, and how far it must be free to move. */
export interface CellLimits {
  value: number;
  /** The least and largest values a reader knows it can take (±Infinity when unbounded). */
  lower: number;
  upper: number;
  /** How far from its value a point must move it to free that side. */
  reach: number;
  /** A count: a whole unit frees a side. */
  count: boolean;
  /** Protected money: cleared only when free on both sides (anything else: either side). */
  bothSides: boolean;
}

export interface Relation {
  terms: Identity;
  /** An identity (= 0); otherwise an inequality (<= 0). */
  equal: boolean;
}

/**
 * Whether a cell free on these sides is safe: protected money needs both sides, anything else
 * either.
 *
 * @example
 * isFreed(limitsOf(cell), above.has(cell), below.has(cell))
 */
export function isFreed(limits: CellLimits, above: boolean, below: boolean): boolean {
  return limits.bothSides ? above && below : above || below;
}

/** Hidden cells joined by relations are taken together up to this many; larger sets go to HiGHS. */
export const WITNESS_MAX_CELLS = 80;

/** How far past its reach a point moves a money cell (as audit.ts's batches do). */
const CAP = 1.001;
/**
 * Rounding allowed in a check: relative to the move's own parts, and absolute. Never relative to
 * the values moved: beside a total of £1bn that would allow a thousandth of a pound past a bound,
 * enough to free a cell whose whole room is less (found by an independent review).
 */
const TOLERANCE = 1e-12;
const ABSOLUTE = 1e-9;

/**
 * For the `targets` among the `hidden` cells, the sides (above, below) on which a checked point
 * frees them. A side missing from the result is undecided here, not pinned.
 *
 * @param relationsOf the relations (by index) each cell is a term of
 * @param valueOf the true value of any cell, hidden or published
 * @example
 * const { above, below } = witnessed(relations, relationsOf, cell => cells[cell].value, hidden, targets, limitsOf);
 */
export function witnessed(
  relations: readonly Relation[],
  relationsOf: readonly (readonly number[])[],
  valueOf: (cell: number) => number,
  hidden: ReadonlySet<number>,
  targets: Iterable<number>,
  limitsOf: (cell: number) => CellLimits,
): { above: Set<number>; below: Set<number> } {
  const above = new Set<number>();
  const below = new Set<number>();
  const done = new Set<number>();
  for (const target of targets) {
    if (!hidden.has(target) || done.has(target)) continue;
    const component = joined(target, relations, relationsOf, hidden);
    for (const cell of component) done.add(cell);
    if (component.length > WITNESS_MAX_CELLS) continue;
    freeIn(component, relations, relationsOf, valueOf, limitsOf, above, below);
  }
  return { above, below };
}

/** The hidden cells joined to `start` through relations, `start` first. */
function joined(
  start: number,
  relations: readonly Relation[],
  relationsOf: readonly (readonly number[])[],
  hidden: ReadonlySet<number>,
): number[] {
  const found = [start];
  const seen = new Set(found);
  for (let k = 0; k < found.length && found.length <= WITNESS_MAX_CELLS; k++) {
    for (const i of relationsOf[found[k]]) {
      for (const { cell } of relations[i].terms) {
        if (!hidden.has(cell) || seen.has(cell)) continue;
        seen.add(cell);
        found.push(cell);
      }
    }
  }
  return found;
}

/** Tries each null-space direction of one set of joined cells, both ways; records what it frees. */
function freeIn(
  component: number[],
  relations: readonly Relation[],
  relationsOf: readonly (readonly number[])[],
  valueOf: (cell: number) => number,
  limitsOf: (cell: number) => CellLimits,
  above: Set<number>,
  below: Set<number>,
): void {
  const k = component.length;
  const local = new Map(component.map((cell, j) => [cell, j]));
  const limits = component.map(limitsOf);
  // The relations over these cells: identities as rows of the matrix, inequalities with the room
  // the true values leave them (-Σ coefficient × value, of published and hidden cells alike).
  const rows: Float64Array[] = [];
  const inequalities: { row: Float64Array; room: number }[] = [];
  const seen = new Set<number>();
  for (const cell of component) {
    for (const i of relationsOf[cell]) {
      if (seen.has(i)) continue;
      seen.add(i);
      const row = new Float64Array(k);
      let sum = 0;
      for (const { cell: term, coefficient } of relations[i].terms) {
        const j = local.get(term);
        if (j !== undefined) row[j] += coefficient;
        sum += coefficient * valueOf(term);
      }
      if (relations[i].equal) rows.push(row);
      else inequalities.push({ row, room: -sum });
    }
  }
  const identities = rows.map((row) => row.slice());
  // Each direction once: whether it keeps the identities (elimination in floating point can
  // leave a direction slightly off), and what a unit step along it does to each inequality.
  const directions = nullSpace(rows, k).flatMap((direction) => {
    const effect = (row: Float64Array): { sum: number; size: number } => {
      let sum = 0;
      let size = 0;
      for (let j = 0; j < k; j++) {
        const part = row[j] * direction[j];
        sum += part;
        size += Math.abs(part);
      }
      return { sum, size };
    };
    const kept = identities.every((row) => {
      const { sum, size } = effect(row);
      return Math.abs(sum) <= TOLERANCE * size;
    });
    return kept ? [{ direction, changes: inequalities.map(({ row }) => effect(row)) }] : [];
  });
  // Whether the true values moved by step × direction keep every bound and inequality, within
  // a tolerance far inside HiGHS's (1e-7): a point passed here is one the solver accepts too.
  // Each move is set against the room its value leaves (value to bound, or the inequality's
  // slack), so that large values lend the check no slack of their own.
  const holds = ({ direction, changes }: (typeof directions)[number], step: number): boolean => {
    for (let j = 0; j < k; j++) {
      if (direction[j] === 0) continue;
      const { value, lower, upper } = limits[j];
      const move = step * direction[j];
      const slack = ABSOLUTE + TOLERANCE * Math.abs(move);
      if (move < lower - value - slack || move > upper - value + slack) return false;
    }
    return inequalities.every(
      ({ room }, i) =>
        step * changes[i].sum <= room + ABSOLUTE + TOLERANCE * Math.abs(step) * changes[i].size,
    );
  };
  const settled = (j: number): boolean =>
    isFreed(limits[j], above.has(component[j]), below.has(component[j]));
  for (let t = 0; t < k; t++) {
    for (const candidate of directions) {
      if (settled(t)) break;
      const along = candidate.direction[t];
      if (Math.abs(along) < 1e-9) continue;
      for (const sense of [1, -1]) {
        if (settled(t) || (sense > 0 ? above : below).has(component[t])) continue;
        const { count, reach } = limits[t];
        const step = (sense * (count ? 1 : reach * CAP)) / along;
        if (!holds(candidate, step)) continue;
        // The point frees every cell it moves far enough, not only this one.
        for (let j = 0; j < k; j++) {
          const move = step * candidate.direction[j];
          if (move >= limits[j].reach) above.add(component[j]);
          if (-move >= limits[j].reach) below.add(component[j]);
        }
      }
    }
  }
}

/**
 * A basis of the null space of `rows` (each of length k), by Gauss–Jordan elimination with
 * partial pivoting: one direction for each column without a pivot, that column 1 and the other
 * free columns 0. `rows` is reduced in place.
 */
export function nullSpace(rows: Float64Array[], k: number): Float64Array[] {
  const pivots: number[] = [];
  let r = 0;
  for (let column = 0; column < k && r < rows.length; column++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) {
      if (Math.abs(rows[i][column]) > Math.abs(rows[best][column])) best = i;
    }
    if (Math.abs(rows[best][column]) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const pivot = rows[r];
    const scale = pivot[column];
    for (let j = 0; j < k; j++) pivot[j] /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const factor = rows[i][column];
      if (factor === 0) continue;
      for (let j = 0; j < k; j++) rows[i][j] -= factor * pivot[j];
      rows[i][column] = 0;
    }
    pivots.push(column);
    r++;
  }
  const isPivot = new Set(pivots);
  const basis: Float64Array[] = [];
  for (let column = 0; column < k; column++) {
    if (isPivot.has(column)) continue;
    const direction = new Float64Array(k);
    direction[column] = 1;
    pivots.forEach((p, i) => {
      direction[p] = -rows[i][column];
    });
    basis.push(direction);
  }
  return basis;
}
