/**
 * What records can be grouped by. Each dimension is a code per record and a label per code, so
 * grouping never touches strings per row.
 */
import { AGE_BANDS } from '../ingest/age.js';
import {
  canonicalClientGroup,
  compareClientGroups,
  type GroupMap,
} from '../ingest/clientGroups.js';
import type { RecordTable } from '../ingest/records.js';

export const DIMENSIONS = ['clientGroup', 'ageBand', 'rawClientGroup', 'source'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The names of dimensions on the command line (`--by client-group`). */
export const DIMENSION_FLAGS: Record<Dimension, string> = {
  clientGroup: 'client-group',
  ageBand: 'age-band',
  rawClientGroup: 'raw-client-group',
  source: 'source',
};

export interface DimensionColumn {
  /** Code of each record (indexed by table row). */
  codes: ArrayLike<number>;
  /** Label of each code. */
  labels: readonly string[];
  /** Report order of two codes. */
  order: (a: number, b: number) => number;
}

export interface ClientGroupLabel {
  /** The label as written (first spelling seen, ignoring case). */
  label: string;
  /** The canonical label, or null when it is not known and is kept as written. */
  canonical: string | null;
  /** Records with usable amounts that carry it (null when suppressed as a small number). */
  count: number;
  suppressed?: string[];
}

/**
 * Builds the dimension columns for a table, mapping client groups to the canonical taxonomy
 * (after the council's own `groupMap`).
 *
 * @example
 * const { columns, clientGroups } = dimensionColumns(table, {});
 * columns.clientGroup.labels // ['Learning Disability Support', ...]
 */
export function dimensionColumns(
  table: RecordTable,
  groupMap: GroupMap,
): { columns: Record<Dimension, DimensionColumn>; clientGroups: ClientGroupLabel[] } {
  const rawCounts = new Uint32Array(table.clientGroupLabels.length);
  for (let row = 0; row < table.count; row++) rawCounts[table.clientGroup[row]]++;

  const canonicalLabels: string[] = [];
  const canonicalIndex = new Map<string, number>();
  const clientGroups: ClientGroupLabel[] = [];
  const rawToCanonical = table.clientGroupLabels.map((label, raw) => {
    const canonical = canonicalClientGroup(label, groupMap);
    clientGroups.push({ label, canonical, count: rawCounts[raw] });
    const shown = canonical ?? label;
    let index = canonicalIndex.get(shown);
    if (index === undefined) {
      index = canonicalLabels.length;
      canonicalLabels.push(shown);
      canonicalIndex.set(shown, index);
    }
    return index;
  });
  const canonicalCodes = new Uint32Array(table.count);
  for (let row = 0; row < table.count; row++) {
    canonicalCodes[row] = rawToCanonical[table.clientGroup[row]];
  }

  const byLabel =
    (labels: readonly string[]) =>
    (a: number, b: number): number =>
      compareClientGroups(labels[a], labels[b]);
  return {
    columns: {
      clientGroup: {
        codes: canonicalCodes,
        labels: canonicalLabels,
        order: byLabel(canonicalLabels),
      },
      rawClientGroup: {
        codes: table.clientGroup,
        labels: table.clientGroupLabels,
        order: (a, b) => rawOrder(table.clientGroupLabels[a], table.clientGroupLabels[b]),
      },
      ageBand: { codes: table.ageBand, labels: AGE_BANDS, order: (a, b) => a - b },
      source: { codes: table.sourceGroup, labels: table.sourceGroupLabels, order: (a, b) => a - b },
    },
    clientGroups: clientGroups.sort((a, b) => b.count - a.count || rawOrder(a.label, b.label)),
  };
}

/** Labels as written: alphabetical, Unknown last. */
function rawOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Unknown') return 1;
  if (b === 'Unknown') return -1;
  return a < b ? -1 : 1;
}
