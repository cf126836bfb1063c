/**
 * Which counts to hide. Primary suppression: every count from 1 to minCount - 1. Secondary
 * suppression: wherever an identity (a row or a total) has exactly one hidden cell, the smallest
 * other cell of it is hidden too (cells that close the pattern first, then up, unchanged and
 * zero-indicative before n and down), until no identity has exactly one; then the audit looks for
 * any hidden cell that could still be worked back (from all identities together and the fact that
 * counts are whole and not negative) and hides the smallest cell beside it, until there is none.
 */
import { disclosedCells } from './audit.js';
import type { CellBounds, CountSystem } from './cells.js';

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
  // What a reader can tell of a hidden cell from the rule: a small count is 1 to k - 1; any
  // count of a group shown only by its label is at most k - 1; anything else is at least 0.
  const bounds = new Map<number, CellBounds>();
  cells.forEach((cell, index) => {
    if (cell.value >= 1 && cell.value < minCount) {
      primary.add(index);
      bounds.set(index, { min: 1, max: minCount - 1 });
    }
  });
  // Every count of a group shown only by its label is hidden from the start, zeros too: a zero
  // worked back there says what happened to everyone in a small group.
  const withheldRows = new Set(
    [...primary]
      .filter((index) => cells[index].field === 'n')
      .map((index) => `${cells[index].breakdown}/${cells[index].group}`),
  );
  cells.forEach((cell, index) => {
    if (withheldRows.has(`${cell.breakdown}/${cell.group}`) && !primary.has(index)) {
      primary.add(index);
      bounds.set(index, { min: 0, max: minCount - 1 });
    }
  });
  const hidden = new Set(primary);
  // The identities each cell is in, to see what hiding it would leave alone.
  const identitiesOf = cells.map((): number[] => []);
  identities.forEach((identity, i) => {
    for (const term of identity) identitiesOf[term.cell].push(i);
  });
  const hiddenIn = (i: number): number =>
    identities[i].reduce((count, term) => count + (hidden.has(term.cell) ? 1 : 0), 0);
  // Hiding a cell leaves a new lonely hidden cell in each of its identities that has none yet.
  const newLonely = (cell: number): number =>
    identitiesOf[cell].reduce((count, i) => count + (hiddenIn(i) === 0 ? 1 : 0), 0);
  // n and down carry the headline (the share moderated down): hiding up or unchanged instead
  // protects as well.
  const headline = (cell: number): number =>
    cells[cell].field === 'n' || cells[cell].field === 'down' ? 1 : 0;
  /**
   * The open cell to hide next: the one that leaves fewest identities with a lonely hidden cell
   * (so a pattern closes on itself rather than spreading: on 30 councils' breakdowns this hides
   * half as many cells as putting n and down last first); then not n or down; then the smallest.
   */
  const nextToHide = (candidates: number[]): number | undefined => {
    const open = [...new Set(candidates)].filter((cell) => !hidden.has(cell));
    const lonely = new Map(open.map((cell) => [cell, newLonely(cell)]));
    return open.sort(
      (a, b) =>
        lonely.get(a)! - lonely.get(b)! ||
        headline(a) - headline(b) ||
        cells[a].value - cells[b].value ||
        a - b,
    )[0];
  };

  if (hidden.size > 0) {
    for (let round = 0; round < cells.length + 1; round++) {
      let changed = false;
      for (const identity of identities) {
        const members = identity.map((term) => term.cell);
        if (members.filter((cell) => hidden.has(cell)).length !== 1) continue;
        const next = nextToHide(members);
        if (next !== undefined) {
          hidden.add(next);
          changed = true;
        }
      }
      if (changed) continue;
      const disclosed = disclosedCells(system, hidden, bounds);
      if (disclosed.length === 0) break;
      // Widen around every cell that can be worked back: the smallest open cell of an identity
      // it is in, else the smallest open cell anywhere. All of them at once, since each audit
      // costs two linear programmes per hidden cell.
      let added = false;
      for (const cell of disclosed) {
        const around = identities
          .filter((identity) => identity.some((term) => term.cell === cell))
          .flatMap((identity) => identity.map((term) => term.cell));
        const next = nextToHide(around) ?? nextToHide(cells.map((_, index) => index));
        if (next !== undefined) {
          hidden.add(next);
          added = true;
        }
      }
      if (!added) break;
    }
  }
  const secondary = new Set([...hidden].filter((cell) => !primary.has(cell)));
  return { primary, secondary };
}
