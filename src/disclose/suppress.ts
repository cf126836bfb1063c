/**
 * Which counts to hide. Primary suppression: every count from 1 to minCount - 1. Secondary
 * suppression: wherever an identity (a row or a total) has exactly one hidden cell, the smallest
 * other cell of it is hidden too, until no identity has exactly one; then the audit looks for
 * any hidden cell that could still be worked back (from all identities together and the fact that
 * counts are whole and not negative) and hides the smallest cell beside it, until there is none.
 */
import { disclosedCells } from './audit.js';
import type { CountSystem } from './cells.js';

export interface Suppression {
  primary: Set<number>;
  secondary: Set<number>;
}

/**
 * @example
 * const { primary, secondary } = suppressCounts(countSystem(report), 5);
 */
export function suppressCounts(system: CountSystem, minCount: number): Suppression {
  const { cells, identities } = system;
  const primary = new Set<number>();
  cells.forEach((cell, index) => {
    if (cell.value >= 1 && cell.value < minCount) primary.add(index);
  });
  const hidden = new Set(primary);
  const smallestOpen = (candidates: number[]): number | undefined =>
    candidates
      .filter((cell) => !hidden.has(cell))
      .sort((a, b) => cells[a].value - cells[b].value || a - b)[0];

  if (hidden.size > 0) {
    for (let round = 0; round < cells.length + 1; round++) {
      let changed = false;
      for (const identity of identities) {
        const members = identity.map((term) => term.cell);
        if (members.filter((cell) => hidden.has(cell)).length !== 1) continue;
        const next = smallestOpen(members);
        if (next !== undefined) {
          hidden.add(next);
          changed = true;
        }
      }
      if (changed) continue;
      const disclosed = disclosedCells(system, hidden);
      if (disclosed.length === 0) break;
      // Widen around the first cell that can be worked back: the smallest open cell of any
      // identity it is in, else the smallest open cell anywhere.
      const around = identities
        .filter((identity) => identity.some((term) => term.cell === disclosed[0]))
        .flatMap((identity) => identity.map((term) => term.cell));
      const next = smallestOpen(around) ?? smallestOpen(cells.map((_, index) => index));
      if (next === undefined) break;
      hidden.add(next);
    }
  }
  const secondary = new Set([...hidden].filter((cell) => !primary.has(cell)));
  return { primary, secondary };
}
