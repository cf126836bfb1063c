/**
 * Which cells to hide. Primary suppression: every count from 1 to minCount - 1; every figure of a
 * group of fewer than minCount records; and the money totals of a group whose total one or two
 * budgets dominate (dominance.ts). Secondary suppression: wherever a relation (a row or a total)
 * has exactly one hidden cell, another cell of it is hidden too, until none has exactly one; then
 * the audit looks for any hidden cell that could still be worked back (from all relations
 * together) and hides a cell beside it, until there is none.
 *
 * Which cell goes next keeps the story and protects: a cell too small to give a hidden neighbour
 * room last (a zero count cannot go lower); then cells that close the pattern; then cells of Unknown
 * or unmapped groups; then up, unchanged and zero-indicative before n and down (the share
 * moderated down is the headline); then cells of the smallest groups.
 */
import type { Highs } from 'highs';
import { Auditor, disclosedCells, PENNY } from './audit.js';
import {
  MONEY_FIELDS,
  bandIndex,
  isCount,
  relationsOfCells,
  type CellBounds,
  type CellSystem,
} from './cells.js';

export type HiddenBecause = 'fewer-than-k' | 'dominance' | 'secondary';

export interface RowFacts {
  /** The row's records. */
  n: number;
  /** A group of Unknown or unmapped labels: hidden before others when something must be. */
  unknown: boolean;
  /** The row's money totals fail the dominance rule (dominance.ts). */
  dominated: boolean;
  /** A group of a crossed breakdown (two dimensions). */
  crossed: boolean;
  /**
   * A group labelled by a column of the export (`column:NAME`): its label is free text that may
   * identify someone, so under k people it is always left out, never listed by its label.
   */
  freeText?: boolean;
}

export interface SuppressSettings {
  minCount: number;
  /** p of the p% rule: a protected money total cannot be bounded within p% of its value. */
  dominanceP: number;
  /** Above this many hidden cells in the tables, every gap band is hidden unaudited. */
  bandAuditLimit?: number;
}

export interface Suppression {
  /** Every hidden cell, and why. */
  hidden: Map<number, HiddenBecause>;
  /**
   * Rows (`breakdown/group`) of crossed breakdowns left out of the output: groups of fewer than
   * minCount whose labels alone would give sizes away (four one-person cells under a margin of
   * four, say), so that a reader does not know they exist.
   */
  leftOut: Set<string>;
  /**
   * Set when every gap band is hidden unaudited: the tables alone hide more than
   * BAND_AUDIT_LIMIT cells, and auditing the bands around so many grows past what a run can
   * afford (60 councils crossed by client group: minutes rather than seconds).
   */
  bandsWithheld?: { tablesHidden: number };
}

/**
 * Above this many hidden cells in the tables, the gap bands are all hidden rather than audited.
 * Hiding every band publishes exactly what the tables' own audit protected.
 */
export const BAND_AUDIT_LIMIT = 500;

/**
 * @example
 * const { hidden } = suppressCells(highs, cellSystem(report), rowFacts, { minCount: 5, dominanceP: 10 });
 */
export function suppressCells(
  highs: Highs | (() => Highs),
  system: CellSystem,
  rowOf: (breakdown: number, group: number) => RowFacts,
  settings: SuppressSettings,
): Suppression {
  if (!system.bandDirections?.length) {
    return suppressWith(highs, system, rowOf, settings, { order: 'plain' });
  }
  // With gap bands: first the tables as they are without them, so that publishing the bands
  // hides none of the tables' own figures; then the bands, hiding only bands (small ones, and
  // others so that none can be worked back), every hidden cell of the tables staying hidden.
  const { base, toFull } = withoutBands(system);
  const tables = suppressWith(highs, base, rowOf, settings, { order: 'plain' });
  const given = new Map([...tables.hidden].map(([cell, because]) => [toFull[cell], because]));
  if (tables.hidden.size > (settings.bandAuditLimit ?? BAND_AUDIT_LIMIT)) {
    const hidden = new Map<number, HiddenBecause>(given);
    system.cells.forEach((cell, index) => {
      if (bandIndex(cell.field) !== null) hidden.set(index, 'secondary');
    });
    return {
      hidden,
      leftOut: tables.leftOut,
      bandsWithheld: { tablesHidden: tables.hidden.size },
    };
  }
  const banded = suppressWith(highs, system, rowOf, settings, {
    order: 'bands-first',
    given,
    onlyBands: true,
  });
  if (!banded.unresolved) {
    return { hidden: banded.hidden, leftOut: new Set([...tables.leftOut, ...banded.leftOut]) };
  }
  // Bands alone could not protect everything (seen with breakdowns by quarter or month: with
  // every band hidden, withheld groups' zero-indicative counts, all 0, could still be worked
  // back): the whole system together, the unchanged band last (beside a zero-indicative count of
  // 0 it equals the unchanged count, so hiding it protects nothing alone), or every band first;
  // the one that hides fewer of the tables' figures is kept.
  const inTables = (result: Suppression): number =>
    [...result.hidden.keys()].filter((cell) => bandIndex(system.cells[cell].field) === null).length;
  const last = suppressWith(highs, system, rowOf, settings, { order: 'unchanged-band-last' });
  const first = suppressWith(highs, system, rowOf, settings, { order: 'bands-first' });
  return inTables(first) < inTables(last) ||
    (inTables(first) === inTables(last) && first.hidden.size < last.hidden.size)
    ? first
    : last;
}

/** The system without its gap bands, and where each of its cells is in the whole system. */
function withoutBands(system: CellSystem): { base: CellSystem; toFull: number[] } {
  const toFull: number[] = [];
  const toBase = new Map<number, number>();
  system.cells.forEach((cell, index) => {
    if (bandIndex(cell.field) !== null) return;
    toBase.set(index, toFull.length);
    toFull.push(index);
  });
  const keep = (relations: CellSystem['identities']): CellSystem['identities'] =>
    relations
      .filter((relation) => relation.every((term) => toBase.has(term.cell)))
      .map((relation) => relation.map((term) => ({ ...term, cell: toBase.get(term.cell)! })));
  return {
    base: {
      cells: toFull.map((index) => system.cells[index]),
      identities: keep(system.identities),
      inequalities: keep(system.inequalities),
      at: (breakdown, group, field) => toBase.get(system.at(breakdown, group, field))!,
    },
    toFull,
  };
}

/** How a band is ranked when secondary suppression has a choice. */
type BandOrder = 'plain' | 'unchanged-band-last' | 'bands-first';

interface SuppressOptions {
  order: BandOrder;
  /** Cells hidden already (the tables' suppression), kept hidden. */
  given?: ReadonlyMap<number, HiddenBecause>;
  /** Hide only gap bands beyond the given and primary cells (and give nothing back). */
  onlyBands?: boolean;
}

function suppressWith(
  highs: Highs | (() => Highs),
  system: CellSystem,
  rowOf: (breakdown: number, group: number) => RowFacts,
  settings: SuppressSettings,
  { order, given, onlyBands = false }: SuppressOptions,
): Suppression & { unresolved: boolean } {
  const { cells, identities } = system;
  const { minCount } = settings;
  const p = settings.dominanceP / 100;
  const hidden = new Map<number, HiddenBecause>();
  // What a reader can tell of a hidden cell from the rule: a group shown only by its label has
  // 1 to k - 1 records, so each of its counts is at most k - 1; a hidden n of a group that shows
  // its figures is at least k; anything else is at least 0. (A hidden up, down, unchanged or
  // zero-indicative count of a group that shows its figures says only "small or secondary", so
  // it may be anything from 0.)
  const bounds = new Map<number, CellBounds>();
  // How close a protected money total must not be bounded: p% of it (of the larger total, for a
  // net gap, which may be near 0).
  const protection = new Map<number, number>();
  const rowKey = (cell: number): string => `${cells[cell].breakdown}/${cells[cell].group}`;
  const moneyOf = (breakdown: number, group: number): number[] =>
    MONEY_FIELDS.map((field) => system.at(breakdown, group, field));
  const protect = (breakdown: number, group: number, because: HiddenBecause): void => {
    const [indicative, actual, net] = moneyOf(breakdown, group);
    const scale = Math.max(Math.abs(cells[indicative].value), Math.abs(cells[actual].value));
    for (const cell of [indicative, actual, net]) {
      hidden.set(cell, because);
      protection.set(cell, p * (cell === net ? scale : Math.abs(cells[cell].value)));
    }
  };

  cells.forEach((cell, index) => {
    if (isCount(cell.field) && cell.value >= 1 && cell.value < minCount) {
      hidden.set(index, 'fewer-than-k');
    }
  });
  // Every figure of a group shown only by its label is hidden from the start, zeros too: a zero
  // worked back there says what happened to everyone in a small group.
  const withheldRows = new Set(
    [...hidden.keys()].filter((index) => cells[index].field === 'n').map(rowKey),
  );
  cells.forEach((cell, index) => {
    if (!withheldRows.has(rowKey(index)) || !isCount(cell.field)) return;
    hidden.set(index, 'fewer-than-k');
    bounds.set(index, { min: cell.field === 'n' ? 1 : 0, max: minCount - 1 });
  });
  for (const key of withheldRows) {
    const [breakdown, group] = key.split('/').map(Number);
    protect(breakdown, group, 'fewer-than-k');
  }
  // Would the labels alone give a count away? With every count hidden, a listed group of fewer
  // than k holds 1 to k - 1 people and any other at least k; if that pins anything, the small
  // groups of crossed breakdowns are left out, so a reader knows only that they hold 0 to k - 1.
  const leftOut = new Set<string>();
  const crossedWithheld = [...withheldRows].filter((key) => {
    const [breakdown, group] = key.split('/').map(Number);
    return rowOf(breakdown, group).crossed;
  });
  if (crossedWithheld.length > 0) {
    const counts = new Set(cells.flatMap((cell, index) => (isCount(cell.field) ? [index] : [])));
    const labelBounds = new Map<number, CellBounds>();
    for (const index of counts) {
      const small = withheldRows.has(rowKey(index));
      const n = cells[index].field === 'n';
      labelBounds.set(
        index,
        small ? { min: n ? 1 : 0, max: minCount - 1 } : { min: n ? minCount : 0, max: Infinity },
      );
    }
    if (disclosedCells(highs, system, counts, labelBounds).length > 0) {
      for (const key of crossedWithheld) {
        leftOut.add(key);
        const [breakdown, group] = key.split('/').map(Number);
        bounds.set(system.at(breakdown, group, 'n'), { min: 0, max: minCount - 1 });
      }
    }
  }
  // Free-text labels (column:NAME) can name a person or a one-person service: a small group of a
  // column breakdown is never listed, whatever the counts would give away.
  for (const key of withheldRows) {
    const [breakdown, group] = key.split('/').map(Number);
    if (!rowOf(breakdown, group).freeText || leftOut.has(key)) continue;
    leftOut.add(key);
    bounds.set(system.at(breakdown, group, 'n'), { min: 0, max: minCount - 1 });
  }
  // Money totals one or two budgets dominate, in groups large enough to show their counts.
  const rows = new Set(cells.map((_, index) => rowKey(index)));
  for (const key of rows) {
    if (withheldRows.has(key)) continue;
    const [breakdown, group] = key.split('/').map(Number);
    if (rowOf(breakdown, group).dominated) protect(breakdown, group, 'dominance');
  }

  // The tables' own suppression, kept: a hidden n of a group that shows its figures is at least k.
  for (const [cell, because] of given ?? []) {
    if (hidden.has(cell)) continue;
    hidden.set(cell, because);
    if (because === 'secondary' && cells[cell].field === 'n') {
      bounds.set(cell, { min: minCount, max: Infinity });
    }
  }

  // Beside a zero-indicative count of 0 the unchanged band is the unchanged count: hidden with it.
  if (given) {
    (system.bandDirections ?? []).forEach((direction, i) => {
      if (direction !== 'unchanged') return;
      for (const [cell] of given) {
        const { field, breakdown, group } = cells[cell];
        if (field !== 'unchanged') continue;
        const band = system.at(breakdown, group, `bands[${i}]`);
        if (!hidden.has(band)) hidden.set(band, 'secondary');
      }
    });
  }

  // The relations each cell is in, to see what hiding it would leave alone.
  const identitiesOf = relationsOfCells(cells.length, identities);
  const hiddenIn = (i: number): number =>
    identities[i].reduce((count, term) => count + (hidden.has(term.cell) ? 1 : 0), 0);
  // Hiding a cell leaves a new lonely hidden cell in each of its relations that has none yet.
  const newLonely = (cell: number): number =>
    identitiesOf[cell].reduce((count, i) => count + (hiddenIn(i) === 0 ? 1 : 0), 0);
  const headline = (cell: number): number =>
    cells[cell].field === 'n' || cells[cell].field === 'down' ? 1 : 0;
  // A cut or rise band's count goes before the direction counts and money of the tables' first
  // columns; the unchanged band after them: beside a zero-indicative count of 0 it equals the
  // unchanged count, so hiding it alone protects nothing.
  const unchangedBands = new Set(
    (system.bandDirections ?? []).flatMap((direction, i) =>
      direction === 'unchanged' ? [`bands[${i}]`] : [],
    ),
  );
  const band = (cell: number): number =>
    bandIndex(cells[cell].field) === null
      ? 1
      : order === 'unchanged-band-last' && unchangedBands.has(cells[cell].field)
        ? 0
        : 2;
  const facts = (cell: number): RowFacts => rowOf(cells[cell].breakdown, cells[cell].group);
  /** The open cell to hide next (see the file's comment for the order). */
  const nextToHide = (candidates: number[], room = 1): number | undefined => {
    const open = [...new Set(candidates)].filter(
      (cell) =>
        !hidden.has(cell) &&
        // Bands alone: cut and rise bands. The unchanged band is the unchanged count beside a
        // zero-indicative count of 0: hidden, it would protect nothing and be worked back.
        (!onlyBands ||
          (bandIndex(cells[cell].field) !== null && !unchangedBands.has(cells[cell].field))),
    );
    const lonely = new Map(open.map((cell) => [cell, newLonely(cell)]));
    // A cell smaller than the room a hidden neighbour needs (a zero count cannot go lower; a
    // money total of £10 cannot give one of £1,000 its 10%) rarely protects it: last.
    const small = (cell: number): number =>
      Math.abs(cells[cell].value) < (isCount(cells[cell].field) ? 1 : room) ? 1 : 0;
    return open.sort(
      (a, b) =>
        small(a) - small(b) ||
        lonely.get(a)! - lonely.get(b)! ||
        band(b) - band(a) ||
        Number(facts(b).unknown) - Number(facts(a).unknown) ||
        headline(a) - headline(b) ||
        facts(a).n - facts(b).n ||
        Math.abs(cells[a].value) - Math.abs(cells[b].value) ||
        a - b,
    )[0];
  };
  // A row's money is shown or hidden as a whole: a net gap beside one total gives the other.
  // A hidden n of a group that shows its figures is, as the reader knows, at least k. (Other
  // counts are published with one reason whether small or secondary, so that the reason does
  // not say which: see publish.ts.)
  const hideSecondary = (cell: number): void => {
    const targets = isCount(cells[cell].field)
      ? [cell]
      : moneyOf(cells[cell].breakdown, cells[cell].group);
    for (const target of targets) {
      if (hidden.has(target)) continue;
      hidden.set(target, 'secondary');
      recheck?.add(target);
      if (cells[target].field === 'n') bounds.set(target, { min: minCount, max: Infinity });
    }
  };

  let recheck: Set<number> | null = null;
  let unresolved = false;
  // One auditor for every audit of this search: each goes on from the last (audit.ts).
  const auditor = new Auditor(highs, system, bounds, protection);
  try {
    if (hidden.size > 0) {
      for (let round = 0; round < cells.length + 1; round++) {
        let changed = false;
        for (const identity of identities) {
          const members = identity.map((term) => term.cell);
          if (members.filter((cell) => hidden.has(cell)).length !== 1) continue;
          const next = nextToHide(members);
          if (next !== undefined) {
            hideSecondary(next);
            changed = true;
          }
        }
        if (changed) continue;
        // Hiding more only widens what hidden cells can take: after the first audit, only cells
        // found workable back and those hidden since need checking again.
        const disclosed = auditor.disclosed(new Set(hidden.keys()), recheck ?? undefined);
        recheck = new Set(disclosed);
        if (disclosed.length === 0) break;
        // Widen around every cell that can be worked back: a cell of a relation it is in, else any
        // open cell. All of them at once, since each audit costs programmes per hidden cell.
        let added = false;
        for (const cell of disclosed) {
          const room = protection.get(cell) ?? 0;
          // A cell pinned by two sums (its row of a margin and its column, say) needs room in
          // each: one more hidden cell in every relation of it where no other hidden cell can
          // give way.
          const gives = (other: number): boolean =>
            other !== cell &&
            hidden.has(other) &&
            Math.abs(cells[other].value) - (bounds.get(other)?.min ?? 0) >=
              (isCount(cells[other].field) ? 1 : Math.max(room, PENNY));
          let picked = false;
          for (const i of identitiesOf[cell]) {
            const members = identities[i].map((term) => term.cell);
            if (members.some(gives)) continue;
            const next = nextToHide(members, room);
            if (next !== undefined) {
              hideSecondary(next);
              picked = true;
            }
          }
          if (!picked) {
            const around = identitiesOf[cell].flatMap((i) => identities[i].map((t) => t.cell));
            const next =
              nextToHide(around, room) ??
              nextToHide(
                cells.map((_, index) => index),
                room,
              );
            if (next !== undefined) {
              hideSecondary(next);
              picked = true;
            }
          }
          added ||= picked;
        }
        if (!added) {
          unresolved = true;
          break;
        }
      }
    }
    // After a search left unresolved (every cell hidden, one still workable back) nothing is
    // given back.
    if (!onlyBands && !unresolved) relax(auditor, system, hidden, rowOf, bounds, minCount);
  } finally {
    auditor.dispose();
  }
  return { hidden, leftOut, unresolved };
}

/**
 * The greedy search above can hide more than it needs, most of all where a column of zeros must
 * be covered. Give back what it need not have hidden, most wanted first: the overall row, then
 * the share moderated down (n and down) of the largest groups, then their money totals; each
 * only if the audit still finds nothing that can be worked back without it.
 */
function relax(
  auditor: Auditor,
  system: CellSystem,
  hidden: Map<number, HiddenBecause>,
  rowOf: (breakdown: number, group: number) => RowFacts,
  bounds: Map<number, CellBounds>,
  minCount: number,
): void {
  const { cells } = system;
  const size = (cell: number): number =>
    cells[cell].breakdown < 0 ? Infinity : rowOf(cells[cell].breakdown, cells[cell].group).n;
  // Units to give back: a headline count, or a row's money as a whole.
  const units: number[][] = [];
  const seenMoney = new Set<string>();
  for (const [cell, because] of hidden) {
    if (because !== 'secondary' || size(cell) < minCount) continue;
    const { field, breakdown, group } = cells[cell];
    if (field === 'n' || field === 'down') units.push([cell]);
    else if (!isCount(field) && !seenMoney.has(`${breakdown}/${group}`)) {
      seenMoney.add(`${breakdown}/${group}`);
      units.push(MONEY_FIELDS.map((money) => system.at(breakdown, group, money)));
    }
  }
  const rank = (unit: number[]): number => (isCount(cells[unit[0]].field) ? 0 : 1);
  units.sort((a, b) => size(b[0]) - size(a[0]) || rank(a) - rank(b) || a[0] - b[0]);
  // Each try is an audit; a handful is enough to give the headline back.
  for (const unit of units.slice(0, RELAX_TRIES)) {
    if (!unit.every((cell) => hidden.get(cell) === 'secondary')) continue;
    for (const cell of unit) hidden.delete(cell);
    const keys = new Set(hidden.keys());
    // Only cells joined to the unit can be worked back now that it is shown.
    if (auditor.disclosed(keys, auditor.affectedBy(unit, keys)).length > 0) {
      for (const cell of unit) hidden.set(cell, 'secondary');
    } else {
      for (const cell of unit) bounds.delete(cell);
    }
  }
}

/** Secondary cells offered back at most, so that a national breakdown stays quick. */
const RELAX_TRIES = 12;
