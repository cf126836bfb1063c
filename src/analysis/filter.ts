/**
 * Which records a run uses: `--from`/`--to` keep records by date agreed, duplicates are resolved,
 * and `--where` keeps groups of a dimension. Every record left out goes to the ledger with its
 * own reason, so that rows read = used + excluded still holds.
 *
 * Why here, and in this order:
 * - The date window comes first, before duplicate resolution: a person's record in the report is
 *   their latest one *in the dates asked for*. A review after `--to` does not take away the
 *   record that was current then, and one before `--from` does not stand in for a later one.
 * - `--where` comes after it and matches the labels the report shows (canonical client groups
 *   after the group map, age bands, sources, and whatever src/analysis/dimensions.ts adds), so
 *   `--where D=V` gives exactly the V group of `--by D`: a person whose latest record moved to
 *   another client group is not counted in the old group from a superseded record.
 * Those labels are made in src/analysis (dimensionColumns) and duplicates are resolved here too,
 * so the filter lives beside them rather than in src/ingest; the reasons it writes are declared
 * with every other one in the ledger (src/ingest/exclusions.ts).
 */
import { RasgapError } from '../errors.js';
import { listSome } from '../list.js';
import { formatDays } from '../ingest/dates.js';
import type { RecordTable } from '../ingest/records.js';
import {
  dimensionFlag,
  type ClientGroupLabel,
  type Dimension,
  type DimensionColumn,
} from './dimensions.js';
import { resolveDuplicates, type DuplicatePolicy } from './duplicates.js';
import { AGE_BAND_UNKNOWN, AGE_BANDS, ageBandOfLabel } from '../ingest/age.js';
import { canonicalClientGroup, type GroupMap } from '../ingest/clientGroups.js';

/** `--where DIM=VALUE`: keep the records whose DIM is one of `values` (several values: OR). */
export interface WhereFilter {
  dimension: Dimension;
  values: string[];
}

/** The filters of a run. Several `where` entries must all hold (AND). */
export interface RecordFilters {
  /** First date agreed kept, in days since 1970-01-01 (inclusive). */
  from?: number;
  /** Last date agreed kept, in days since 1970-01-01 (inclusive). */
  to?: number;
  where?: WhereFilter[];
}

/** The filters as applied, for the report: dates as YYYY-MM-DD, values as the report's labels. */
export interface AppliedFilters {
  from: string | null;
  to: string | null;
  where: WhereFilter[];
}

export interface SelectionExclusion {
  row: number;
  reason: 'no-date-agreed' | 'outside-dates' | 'filtered-out' | 'duplicate-row' | 'superseded';
  detail: string;
  /** For a superseded record: the row used instead (its detail is built from it when read). */
  winner?: number;
}

/** Labels shown in the error for a value that matches no group. */
const LABELS_LISTED = 20;

/**
 * Dates, then duplicates, then groups (see the module comment). Returns the used mask, every row
 * left out with its reason, the filters as applied, and the client-group labels counted over the
 * records the filters keep (so that no count of a filtered-out group is published).
 *
 * @example
 * const { columns, clientGroups } = dimensionColumns(table, {});
 * const selection = selectRecords(table, { columns, clientGroups }, 'latest', {
 *   from: parseDate('2023-04-01'), where: [{ dimension: 'ageBand', values: ['65+'] }],
 * });
 * selection.used // Uint8Array, 1 = used
 */
export function selectRecords(
  table: RecordTable,
  dimensions: { columns: Record<Dimension, DimensionColumn>; clientGroups: ClientGroupLabel[] },
  duplicates: DuplicatePolicy,
  filters: RecordFilters = {},
  groupMap: GroupMap = {},
): {
  used: Uint8Array;
  excluded: SelectionExclusion[];
  filters: AppliedFilters;
  clientGroups: ClientGroupLabel[];
} {
  const window = keepDates(table, filters.from, filters.to);
  const resolved = resolveDuplicates(table, duplicates, window.keep);
  const used = resolved.used;
  const where = keepGroups(dimensions.columns, used, filters.where ?? [], groupMap);
  const filtered = window.excluded.length > 0 || where.matched.length > 0;
  return {
    used,
    excluded: [...window.excluded, ...resolved.excluded, ...where.excluded],
    filters: {
      from: filters.from === undefined ? null : formatDays(filters.from),
      to: filters.to === undefined ? null : formatDays(filters.to),
      where: where.matched,
    },
    clientGroups: filtered
      ? countKept(
          table,
          dimensions.clientGroups,
          (row) => window.keep[row] === 1 && where.matches(row),
        )
      : dimensions.clientGroups,
  };
}

/**
 * `--from`/`--to`, inclusive. A record without a date agreed cannot be placed in the dates asked
 * for, so it is left out with a reason of its own (`no-date-agreed`) rather than kept.
 *
 * @example
 * keepDates(table, parseDate('2023-04-01'), parseDate('2024-03-31')).keep // 1 = in the dates
 */
export function keepDates(
  table: RecordTable,
  from: number | undefined,
  to: number | undefined,
): { keep: Uint8Array; excluded: SelectionExclusion[] } {
  const keep = new Uint8Array(table.count).fill(1);
  const excluded: SelectionExclusion[] = [];
  if (from === undefined && to === undefined) return { keep, excluded };
  const bounds = [from === undefined ? '' : `--from ${formatDays(from)}`]
    .concat(to === undefined ? [] : [`--to ${formatDays(to)}`])
    .filter((text) => text !== '')
    .join(' ');
  for (let row = 0; row < table.count; row++) {
    const date = table.dateAgreed[row];
    if (Number.isNaN(date)) {
      keep[row] = 0;
      excluded.push({
        row,
        reason: 'no-date-agreed',
        detail: `no date agreed, and ${bounds} asked for one`,
      });
    } else if (from !== undefined && Math.floor(date) < from) {
      keep[row] = 0;
      excluded.push({
        row,
        reason: 'outside-dates',
        detail: `date agreed ${formatDays(date)} is before --from ${formatDays(from)}`,
      });
    } else if (to !== undefined && Math.floor(date) > to) {
      keep[row] = 0;
      excluded.push({
        row,
        reason: 'outside-dates',
        detail: `date agreed ${formatDays(date)} is after --to ${formatDays(to)}`,
      });
    }
  }
  return { keep, excluded };
}

/**
 * `--where`: of the records in `used`, keeps those whose label in each filtered dimension is one
 * of the values asked for (trimmed, case and runs of spaces ignored), and clears the others in
 * `used`. A value that matches no group of the records left is a usage error listing the groups.
 *
 * @example
 * keepGroups(columns, used, [{ dimension: 'ageBand', values: ['65+'] }]).matched
 * // [{ dimension: 'ageBand', values: ['65+'] }]
 */
export function keepGroups(
  columns: Record<Dimension, DimensionColumn>,
  used: Uint8Array,
  where: readonly WhereFilter[],
  groupMap: GroupMap = {},
): { excluded: SelectionExclusion[]; matched: WhereFilter[]; matches: (row: number) => boolean } {
  const excluded: SelectionExclusion[] = [];
  if (where.length === 0) return { excluded, matched: [], matches: () => true };
  const tests = where.map((filter) =>
    matchFilter(columns[filter.dimension], used, filter, groupMap),
  );
  // One detail string per filter and label, shared by its rows: a filter may leave out millions.
  const details = new Map<string, string>();
  for (let row = 0; row < used.length; row++) {
    if (used[row] === 0) continue;
    for (let k = 0; k < tests.length; k++) {
      const { column, keep, filter } = tests[k];
      const code = column.codes[row];
      if (keep.has(code)) continue;
      used[row] = 0;
      const slot = `${k}:${code}`;
      let detail = details.get(slot);
      if (detail === undefined) {
        detail = `${dimensionFlag(filter.dimension)} is "${column.labels[code]}", not ${filter.values.map((value) => `"${value}"`).join(' or ')} (--where)`;
        details.set(slot, detail);
      }
      excluded.push({ row, reason: 'filtered-out', detail });
      break;
    }
  }
  return {
    excluded,
    matched: tests.map((test) => test.filter),
    matches: (row) => tests.every(({ column, keep }) => keep.has(column.codes[row])),
  };
}

/** The codes a filter keeps, with its values as the report's labels. */
function matchFilter(
  column: DimensionColumn,
  used: Uint8Array,
  filter: WhereFilter,
  groupMap: GroupMap,
): { column: DimensionColumn; keep: Set<number>; filter: WhereFilter } {
  // Only labels of records still in play: a group seen only outside the dates is no group here.
  const present = new Uint8Array(column.labels.length);
  for (let row = 0; row < used.length; row++) if (used[row] === 1) present[column.codes[row]] = 1;
  const codes = [...present.keys()].filter((code) => present[code] === 1).sort(column.order);
  const byKey = new Map(codes.map((code) => [labelKey(column.labels[code]), code]));
  const keep = new Set<number>();
  const labels: string[] = [];
  for (const value of filter.values) {
    const alias = aliasOf(filter.dimension, value, groupMap);
    const code =
      byKey.get(labelKey(value)) ?? (alias === null ? undefined : byKey.get(labelKey(alias)));
    const flag = dimensionFlag(filter.dimension);
    if (code === undefined) {
      const listed = listSome(
        codes.map((c) => `"${column.labels[c]}"`),
        LABELS_LISTED,
      );
      throw new RasgapError(
        'USAGE',
        `--where ${flag}=${value} matches no group of ${flag} in the records read${codes.length === 0 ? '' : `; the groups are: ${listed}`}`,
        {
          fix:
            codes.length === 0
              ? `leave out --where ${flag}=${value}`
              : `name one of those groups, e.g. --where ${flag}="${column.labels[codes[0]]}"`,
        },
      );
    }
    if (!keep.has(code)) labels.push(column.labels[code]);
    keep.add(code);
  }
  return { column, keep, filter: { dimension: filter.dimension, values: labels } };
}

/**
 * Another spelling the reader itself understands, tried when no label matches as written: `LD`
 * for Learning Disability Support (and the council's own labels through the group map), `65 and
 * over` for 65+. As `compare --a/--b` read them.
 */
function aliasOf(dimension: Dimension, value: string, groupMap: GroupMap): string | null {
  if (dimension === 'clientGroup') return canonicalClientGroup(value, groupMap);
  if (dimension === 'ageBand') {
    const band = ageBandOfLabel(value);
    return band === AGE_BAND_UNKNOWN ? null : AGE_BANDS[band];
  }
  return null;
}

/** A label as compared: trimmed, runs of spaces as one, case ignored. */
function labelKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Client-group labels counted over the records in the selection: in the dates and, each on its own
 * labels, in the groups --where keeps (superseded and repeated rows count, as without filters).
 * Labels that only records outside it carry are dropped: no count of a filtered-out group is
 * published.
 */
function countKept(
  table: RecordTable,
  clientGroups: ClientGroupLabel[],
  selected: (row: number) => boolean,
): ClientGroupLabel[] {
  const counts = new Uint32Array(table.clientGroupLabels.length);
  for (let row = 0; row < table.count; row++) {
    if (selected(row)) counts[table.clientGroup[row]]++;
  }
  const rawIndex = new Map(table.clientGroupLabels.map((label, index) => [label, index]));
  return clientGroups
    .map((group) => ({ ...group, count: counts[rawIndex.get(group.label) ?? -1] ?? 0 }))
    .filter((group) => group.count > 0)
    .sort((a, b) => b.count - a.count);
}
