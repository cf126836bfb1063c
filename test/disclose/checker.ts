// An independent disclosure checker, written from the published output alone (it does not use
// src/disclose). It reads a report as a reader would (the JSON, with `null` where a figure is
// suppressed), rebuilds the table of counts and money totals, writes down every identity a reader
// knows holds between them, and for each suppressed cell finds the smallest and largest value it
// can take with every identity satisfied: counts as whole numbers (integer programming), money as
// real numbers (linear programming), both with HiGHS. A count whose smallest and largest values
// are equal is "recovered"; so is a money total narrowed to less than a penny.
//
// What a reader knows holds between the cells:
// - in every row (the overall row and each group): up + down + unchanged = n,
//   zeroIndicative <= n, netGap = totalActual - totalIndicative, and totals >= 0;
// - the gap bands of a row (report.gapBands says which way each points; the row's `bands` are
//   their counts, a hidden one named `bands[i]` in "suppressed"): budgets are never negative, so
//   a record with a zero indicative budget is never cut and has no % gap (it is in no band); so
//   the cut bands add up to down, all bands and zeroIndicative to n, the unchanged band is at
//   most unchanged and the rise bands at most up;
// - every breakdown covers every record, so any two breakdowns (the overall row is the breakdown
//   by nothing) agree on every margin they share, for counts and money alike: a crossed
//   breakdown's groups add up to each single breakdown's groups, both add up to the overall row,
//   and two crossed breakdowns sharing a dimension add up to the same totals on it;
// - a client group as written belongs to one canonical group (report.clientGroups), so the
//   breakdown by raw client group adds up to the breakdown by client group;
// - `rasgap compare` publishes two groups of one dimension: each is the same group as in any
//   breakdown by that dimension, and the two with the groups not shown add up to the overall row.
// Optionally (CheckOptions) also what the publishing rule and the reasons given for withheld
// figures tell a reader, rounding, and side channels (shares, mean gap, net gap %, agreement).
import loadHighs from 'highs';

// HiGHS (as WebAssembly), loaded here and not through src/disclose so that this checker stays
// independent code; once loaded its solver is synchronous.
const highs = await (loadHighs as unknown as () => Promise<import('highs').Highs>)();

export const COUNTS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;
export type CountName = (typeof COUNTS)[number];
/** The additive money figures of a row, in the report's unit (pounds). */
export const MONEY = ['totalIndicative', 'totalActual', 'netGap'] as const;
export type MoneyName = (typeof MONEY)[number];
/** A gap band's count: `bands[0]` is the first band of report.gapBands. */
export type BandName = `bands[${number}]`;
export type FieldName = CountName | MoneyName | BandName;
const bandName = (i: number): BandName => `bands[${i}]`;
/** Why a figure is withheld (a row's `withheld: { field: reason }`). */
export const REASONS = [
  'fewer-than-k',
  'small-or-secondary',
  'dominance',
  'secondary',
  'rounding',
] as const;

/** A published figure, or null where it is suppressed. */
export type Published = number | null;

export interface CountRow {
  /** 'overall', the breakdown's dimensions joined by '+', or 'compare:<dimension>'. */
  breakdown: string;
  label: string;
  /** Dimension -> value, with derived dimensions (clientGroup from rawClientGroup) added. */
  key: Record<string, string>;
  counts: Record<CountName, Published>;
  /** The gap bands' counts, in report.gapBands' order; empty when the report has none. */
  bands: Published[];
  /** Money totals; empty when the report has none (hand-made count tables). */
  money: Partial<Record<MoneyName, Published>>;
  /** Only the key and label are shown: a group of fewer than minCount records. */
  labelOnly: boolean;
  /** The row's `withheld` reasons: field -> reason. */
  reasons: Record<string, string>;
  /** Every published field of the row, for the side channels. */
  figures: Record<string, unknown>;
  /** Not a published row: what a reader adds for the records no row shows (compare's others). */
  auxiliary?: boolean;
}

export interface CountBreakdown {
  name: string;
  /** Dimensions, including derived ones. */
  dimensions: string[];
  rows: CountRow[];
  /** Shows only some groups of its dimension (compare), with an auxiliary row for the rest. */
  partial?: boolean;
}

export interface CountTable {
  /** The overall row first, as the breakdown by nothing. */
  breakdowns: CountBreakdown[];
  /** rows.used of the report: the number of records used, published beside the figures. */
  rowsUsed?: number | null;
  /** rows.read and rows.excluded: read - excluded = used. */
  rowsRead?: number | null;
  rowsExcluded?: number | null;
  /** Whether the rows carry money totals. */
  money: boolean;
  /** Which way each gap band points (report.gapBands); absent: no bands. */
  bandDirections?: string[];
  /** compare's head-to-head: downShareDifference = a.downShare - b.downShare. */
  headToHead?: { a: CountRow; b: CountRow; downShareDifference: number | null };
}

export interface Cell {
  row: CountRow;
  field: FieldName;
  kind: 'count' | 'money';
  published: Published;
}

/** Σ coefficient × cell + constant, `equal` to 0 (within `tolerance`) or `atMost` 0. */
export interface Relation {
  terms: { cell: number; coefficient: number }[];
  constant?: number;
  kind: 'equal' | 'atMost';
  /** Floating-point slack for relations with money or published ratios in them. */
  tolerance?: number;
  /** Where it comes from, for messages. */
  why: string;
}

export interface CountSystem {
  cells: Cell[];
  relations: Relation[];
  /** Each row's cells by field. */
  cellsOf: Map<CountRow, Partial<Record<FieldName, number>>>;
}

export interface CheckOptions {
  /**
   * The published counts are rounded to the nearest multiple of this (Math.round): a published
   * count then stands for every whole value that rounds to it.
   */
  roundedTo?: number | null;
  /**
   * The reader knows the publishing rule with this minimum count: a group shown by its label
   * only has from 1 to minCount - 1 records, and a hidden n beside published figures is at least
   * minCount.
   */
  minCount?: number | null;
  /**
   * The reader takes every [c] to be from 1 to minCount - 1 (as a GSS marker is often read). Not
   * sound where a zero is hidden as a secondary cell, so off by default; needs minCount.
   */
  hiddenArePrimary?: boolean;
  /**
   * The reader reads the reasons given (`withheld`; needs minCount): a count withheld as
   * "fewer-than-k" in a group with published figures is from 1 to minCount - 1, and one withheld
   * as "secondary" is not (it is 0 or at least minCount).
   */
  readReasons?: boolean;
  /**
   * Also use what the other published figures say: n = netGap / meanGap (netGap = meanGap × n),
   * n = agreement.n (difference scale; ratio scale: n >= agreement.n + zeroIndicative),
   * netGap = agreement.bias × agreement.n (difference scale), 100 × netGap = netGapPct ×
   * totalIndicative, points.n <= n, a share = count / n, rows.used = rows.read - rows.excluded =
   * the overall n, and compare's downShareDifference.
   */
  sideChannels?: boolean;
}

export interface CellRange {
  cell: number;
  breakdown: string;
  label: string;
  field: FieldName;
  kind: 'count' | 'money';
  min: number;
  max: number;
  /** Counts: one whole value left. Money: narrowed to less than a penny. */
  recovered: boolean;
}

export interface CheckResult {
  system: CountSystem;
  /** One per suppressed cell. */
  ranges: CellRange[];
  recovered: CellRange[];
  /** Identities that the published figures break (a bug in the figures, or rounding). */
  inconsistencies: string[];
}

/** A money range narrower than this is pinned: the reader knows the total to the penny. */
export const PINNED_WIDTH = 0.01;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function readCell(figures: Json, field: FieldName, where: string, kind: Cell['kind']): Published {
  const value = figures[field];
  if (value === null) {
    const suppressed = figures.suppressed;
    if (!Array.isArray(suppressed) || !suppressed.includes(field)) {
      throw new Error(`${where}: ${field} is null but not listed in "suppressed"`);
    }
    return null;
  }
  if (kind === 'count') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`${where}: ${field} is ${JSON.stringify(value)}, not a whole count`);
    }
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${where}: ${field} is ${JSON.stringify(value)}, not an amount`);
  }
  return value;
}

/** The row's band counts: each a whole count, or null and named `bands[i]` in "suppressed". */
function readBands(figures: Json, count: number, where: string): Published[] {
  if (count === 0) return [];
  const bands = figures.bands;
  if (!Array.isArray(bands) || bands.length !== count) {
    throw new Error(`${where}: bands is ${JSON.stringify(bands)}, not ${count} band counts`);
  }
  return bands.map((_, i) =>
    readCell({ ...figures, [bandName(i)]: bands[i] }, bandName(i), where, 'count'),
  );
}

/** Only key, label and (null) figures: what a group withheld whole looks like. */
function isLabelOnly(figures: Json): boolean {
  const shown = Object.entries(figures).filter(
    ([field, value]) =>
      !['key', 'label', 'suppressed', 'withheld'].includes(field) &&
      value !== null &&
      !(Array.isArray(value) && field === 'bands' && value.every((item) => item === null)),
  );
  return shown.length === 0 && COUNTS.every((field) => figures[field] === null);
}

/**
 * The counts and money totals of a published report (the JSON of `rasgap analyse --format json`
 * or `rasgap compare --format json`, parsed). Several reports of the same records (analyse and
 * compare of one export) are read as one release.
 *
 * @example
 * countTable(JSON.parse(stdout)).breakdowns[0].rows[0].counts.n // overall n, or null
 */
export function countTable(report: unknown, ...more: unknown[]): CountTable {
  const reports = [report, ...more];
  for (const item of reports) {
    if (!isRecord(item) || !(isRecord(item.overall) || isCompare(item))) {
      throw new Error('not a rasgap report: no overall row or breakdowns');
    }
    if (!isCompare(item) && !Array.isArray(item.breakdowns)) {
      throw new Error('not a rasgap report: no overall row or breakdowns');
    }
  }
  const money = reports.some((item) =>
    [item as Json, ...rowFiguresOf(item as Json)].some(
      (f) => isRecord(f) && 'totalIndicative' in f,
    ),
  );
  // The gap bands every row counts (the same in every report of one release).
  const layout = reports
    .map((item) => (item as Json).gapBands)
    .find((item): item is Json => isRecord(item) && Array.isArray(item.bands));
  const bandDirections = layout
    ? (layout.bands as unknown[]).map((band) => String(isRecord(band) ? band.direction : ''))
    : [];
  // Raw client-group label -> the client group it is counted in (canonical, else as written).
  const canonicalOf = new Map<string, string>();
  for (const item of reports.flatMap((r) => ((r as Json).clientGroups as unknown[]) ?? [])) {
    if (!isRecord(item) || typeof item.label !== 'string') continue;
    const canonical = typeof item.canonical === 'string' ? item.canonical : item.label;
    canonicalOf.set(item.label.trim().toLowerCase(), canonical);
  }
  const row = (figures: Json, breakdown: string, label: string, key: Json): CountRow => {
    const where = `${breakdown} "${label}"`;
    const ownKey: Record<string, string> = {};
    for (const [dimension, value] of Object.entries(key)) ownKey[dimension] = String(value);
    if (ownKey.rawClientGroup !== undefined && ownKey.clientGroup === undefined) {
      const canonical = canonicalOf.get(ownKey.rawClientGroup.trim().toLowerCase());
      if (canonical !== undefined) ownKey.clientGroup = canonical;
    }
    const reasons: Record<string, string> = {};
    if (isRecord(figures.withheld)) {
      for (const [field, reason] of Object.entries(figures.withheld))
        reasons[field] = String(reason);
    }
    return {
      breakdown,
      label,
      key: ownKey,
      counts: Object.fromEntries(
        COUNTS.map((field) => [field, readCell(figures, field, where, 'count')]),
      ) as Record<CountName, Published>,
      // compare's groups carry no bands: only an analyse report's rows are read for them.
      bands:
        isCompare(reports[0]) && !Array.isArray(figures.bands)
          ? []
          : readBands(figures, bandDirections.length, where),
      money: money
        ? (Object.fromEntries(
            MONEY.map((field) => [field, readCell(figures, field, where, 'money')]),
          ) as Record<MoneyName, Published>)
        : {},
      labelOnly: isLabelOnly(figures),
      reasons,
      figures,
    };
  };
  const auxiliary = (breakdown: string, key: Record<string, string>): CountRow => ({
    breakdown,
    label: '(groups not shown)',
    key,
    counts: Object.fromEntries(COUNTS.map((field) => [field, null])) as Record<CountName, null>,
    bands: bandDirections.map(() => null),
    money: money ? Object.fromEntries(MONEY.map((field) => [field, null])) : {},
    labelOnly: false,
    reasons: {},
    figures: {},
    auxiliary: true,
  });

  const breakdowns: CountBreakdown[] = [];
  const table: CountTable = {
    breakdowns,
    money,
    ...(bandDirections.length > 0 ? { bandDirections } : {}),
  };
  reports.forEach((item, r) => {
    const json = item as Json;
    const suffix = r === 0 ? '' : `#${r + 1}`;
    if (isRecord(json.overall)) {
      breakdowns.push({
        name: `overall${suffix}`,
        dimensions: [],
        rows: [row(json.overall, `overall${suffix}`, 'All records', {})],
      });
    } else {
      // compare without an overall row: the reader still knows one exists.
      breakdowns.push({
        name: `overall${suffix}`,
        dimensions: [],
        rows: [{ ...auxiliary(`overall${suffix}`, {}), label: 'All records (not shown)' }],
      });
    }
    if (isCompare(json)) {
      const dimension = String(json.by);
      const name = `compare:${dimension}${suffix}`;
      const sides = [json.a as unknown, json.b as unknown].map((group, i) => {
        if (!isRecord(group) || typeof group.label !== 'string') {
          throw new Error(`${name}: group ${i === 0 ? 'a' : 'b'} without a label`);
        }
        const key = isRecord(group.key) ? group.key : { [dimension]: group.label };
        return row(group, name, group.label, key);
      });
      breakdowns.push({
        name,
        dimensions: [dimension],
        rows: [...sides, auxiliary(name, { [dimension]: OTHERS })],
        partial: true,
      });
      const difference = isRecord(json.difference) ? json.difference : {};
      table.headToHead = {
        a: sides[0],
        b: sides[1],
        downShareDifference: num(difference.downShareDifference),
      };
      return;
    }
    for (const entry of json.breakdowns as unknown[]) {
      if (!isRecord(entry) || !Array.isArray(entry.by) || !Array.isArray(entry.groups)) {
        throw new Error('a breakdown without "by" or "groups"');
      }
      const name = entry.by.join('+') + suffix;
      const rows = entry.groups.map((group) => {
        if (!isRecord(group) || !isRecord(group.key) || typeof group.label !== 'string') {
          throw new Error(`${name}: a group without key or label`);
        }
        return row(group, name, group.label, group.key);
      });
      const dimensions = [...new Set(rows.flatMap((r) => Object.keys(r.key)))];
      // A derived dimension counts only when every group has it.
      const complete = dimensions.filter((d) => rows.every((r) => r.key[d] !== undefined));
      if (entry.groupsLeftOut === true) {
        // Small groups left out: any combination of the dimensions' values that is not listed
        // may hold some people (the reader does not know which exist).
        const by = entry.by.map(String);
        // A column of the export (column:NAME) may have values listed nowhere: its small groups
        // are left out, labels and all, so the reader adds one row for every value unseen.
        const valuesOf = (dimension: string): string[] => [
          ...new Set(
            (json.breakdowns as Json[]).flatMap((other) =>
              (other.groups as Json[]).flatMap((group) => {
                const key = group.key as Record<string, unknown>;
                return typeof key[dimension] === 'string' ? [key[dimension] as string] : [];
              }),
            ),
          ),
          ...(dimension.startsWith('column:') ? [OTHERS] : []),
        ];
        let combos: Record<string, string>[] = [{}];
        for (const dimension of by) {
          combos = combos.flatMap((combo) =>
            valuesOf(dimension).map((value) => ({ ...combo, [dimension]: value })),
          );
        }
        const listed = new Set(rows.map((r) => JSON.stringify(by.map((d) => r.key[d]))));
        for (const combo of combos) {
          if (listed.has(JSON.stringify(by.map((d) => combo[d])))) continue;
          rows.push({
            ...auxiliary(name, combo),
            label: `(left out: ${by.map((d) => combo[d]).join(' / ')})`,
          });
        }
      }
      breakdowns.push({ name, dimensions: rows.length === 0 ? [...entry.by] : complete, rows });
    }
    if (r === 0) {
      const rowsBlock = isRecord(json.rows) ? json.rows : {};
      table.rowsUsed = num(rowsBlock.used);
      table.rowsRead = num(rowsBlock.read);
      table.rowsExcluded = num(rowsBlock.excluded);
    }
  });
  return table;
}

/** The margin value of compare's auxiliary row: every group of the dimension not shown. */
const OTHERS = '\u0000others';

function isCompare(report: unknown): boolean {
  return isRecord(report) && isRecord(report.a) && isRecord(report.b) && 'by' in report;
}

function rowFiguresOf(report: Json): unknown[] {
  if (isCompare(report)) return [report.a, report.b];
  return (Array.isArray(report.breakdowns) ? report.breakdowns : []).flatMap((b) =>
    isRecord(b) && Array.isArray(b.groups) ? b.groups : [],
  );
}

/**
 * Every count and money cell and every identity between them.
 *
 * @example
 * const { cells, relations } = countSystem(countTable(report));
 */
export function countSystem(table: CountTable, options: CheckOptions = {}): CountSystem {
  const cells: Cell[] = [];
  const directions = table.bandDirections ?? [];
  const bandFields = directions.map((_, i) => bandName(i));
  const fields: FieldName[] = [...COUNTS, ...bandFields, ...(table.money ? MONEY : [])];
  const cellsOf = new Map<CountRow, Partial<Record<FieldName, number>>>();
  for (const breakdown of table.breakdowns) {
    for (const row of breakdown.rows) {
      const indices: Partial<Record<FieldName, number>> = {};
      for (const field of fields) {
        indices[field] = cells.length;
        const band = bandFields.indexOf(field as BandName);
        const kind = (MONEY as readonly string[]).includes(field) ? 'money' : 'count';
        const published =
          band >= 0
            ? (row.bands[band] ?? null)
            : kind === 'count'
              ? row.counts[field as CountName]
              : (row.money[field as MoneyName] ?? null);
        cells.push({ row, field, kind, published });
      }
      cellsOf.set(row, indices);
    }
  }
  const at = (row: CountRow): Record<FieldName, number> =>
    cellsOf.get(row) as Record<FieldName, number>;
  // Floating-point slack for money sums: the published totals are exact pence divided by the
  // unit, so only the last bits differ.
  const moneyScale = Math.max(
    1,
    ...cells
      .filter((c) => c.kind === 'money' && c.published !== null)
      .map((c) => Math.abs(c.published!)),
  );
  const slack = (terms: number): number => 1e-12 * moneyScale * Math.max(1, terms) + 1e-9;

  const relations: Relation[] = [];
  for (const breakdown of table.breakdowns) {
    for (const row of breakdown.rows) {
      const c = at(row);
      const where = `${row.breakdown} "${row.label}"`;
      relations.push({
        terms: [
          { cell: c.up, coefficient: 1 },
          { cell: c.down, coefficient: 1 },
          { cell: c.unchanged, coefficient: 1 },
          { cell: c.n, coefficient: -1 },
        ],
        kind: 'equal',
        why: `${where}: up + down + unchanged = n`,
      });
      relations.push({
        terms: [
          { cell: c.zeroIndicative, coefficient: 1 },
          { cell: c.n, coefficient: -1 },
        ],
        kind: 'atMost',
        why: `${where}: zeroIndicative <= n`,
      });
      if (bandFields.length > 0 && row.bands.length > 0) {
        const of = (direction: string): Relation['terms'] =>
          bandFields.flatMap((field, i) =>
            directions[i] === direction ? [{ cell: c[field], coefficient: 1 }] : [],
          );
        relations.push(
          {
            terms: [...of('down'), { cell: c.down, coefficient: -1 }],
            kind: 'equal',
            why: `${where}: the cut bands add up to down`,
          },
          {
            terms: [
              ...bandFields.map((field) => ({ cell: c[field], coefficient: 1 })),
              { cell: c.zeroIndicative, coefficient: 1 },
              { cell: c.n, coefficient: -1 },
            ],
            kind: 'equal',
            why: `${where}: the bands and zeroIndicative add up to n`,
          },
          {
            terms: [...of('unchanged'), { cell: c.unchanged, coefficient: -1 }],
            kind: 'atMost',
            why: `${where}: the unchanged band <= unchanged`,
          },
          {
            terms: [...of('up'), { cell: c.up, coefficient: -1 }],
            kind: 'atMost',
            why: `${where}: the rise bands <= up`,
          },
        );
      }
      if (table.money) {
        relations.push({
          terms: [
            { cell: c.netGap, coefficient: 1 },
            { cell: c.totalActual, coefficient: -1 },
            { cell: c.totalIndicative, coefficient: 1 },
          ],
          kind: 'equal',
          tolerance: slack(3),
          why: `${where}: netGap = totalActual - totalIndicative`,
        });
      }
    }
  }
  // Any two breakdowns agree on the margins of the dimensions they share.
  const seen = new Set<string>();
  table.breakdowns.forEach((a, i) =>
    table.breakdowns.forEach((b, j) => {
      if (j <= i) return;
      const shared = a.dimensions.filter((d) => b.dimensions.includes(d)).sort();
      const plain = (row: CountRow): string => JSON.stringify(shared.map((d) => row.key[d]));
      let marginOf = plain;
      if (a.partial && b.partial) {
        // Two comparisons: only the same group shown in both is known to be equal.
        marginOf = (row) => (row.auxiliary ? `${row.breakdown}:others` : plain(row));
      } else if (a.partial || b.partial) {
        // A comparison's groups not shown are every other group of the full breakdown.
        const partial = a.partial ? a : b;
        const shown = new Set(partial.rows.filter((row) => !row.auxiliary).map(plain));
        const others = JSON.stringify(shared.map(() => OTHERS));
        marginOf = (row) =>
          shared.length > 0 && !row.auxiliary && !shown.has(plain(row)) ? others : plain(row);
      }
      const margins = new Set([...a.rows, ...b.rows].map(marginOf));
      for (const margin of margins) {
        const left = a.rows.filter((row) => marginOf(row) === margin);
        const right = b.rows.filter((row) => marginOf(row) === margin);
        if (left.length === 1 && right.length === 1 && left[0] === right[0]) continue;
        if (a.partial && b.partial && (left.length === 0 || right.length === 0)) continue;
        for (const field of fields) {
          const terms = [
            ...left.map((row) => ({ cell: at(row)[field], coefficient: 1 })),
            ...right.map((row) => ({ cell: at(row)[field], coefficient: -1 })),
          ];
          const signature = JSON.stringify(
            terms.map((t) => [t.cell, t.coefficient]).sort((x, y) => x[0] - y[0]),
          );
          if (seen.has(signature)) continue;
          seen.add(signature);
          const place = shared.length === 0 ? '' : ` for ${margin.replace(OTHERS, 'others')}`;
          const money = (MONEY as readonly string[]).includes(field);
          relations.push({
            terms,
            kind: 'equal',
            ...(money ? { tolerance: slack(terms.length) } : {}),
            why: `${a.name} and ${b.name} agree on ${field}${place}`,
          });
        }
      }
    }),
  );
  if (options.sideChannels) {
    for (const breakdown of table.breakdowns) {
      for (const row of breakdown.rows) {
        if (!row.auxiliary) {
          relations.push(...sideChannels(row, at(row), table.money, slack, options.roundedTo));
        }
      }
    }
    const overall = table.breakdowns[0].rows[0];
    const n = at(overall).n;
    const used: [string, number][] = [];
    if (typeof table.rowsUsed === 'number') used.push(['rows.used', table.rowsUsed]);
    if (typeof table.rowsRead === 'number' && typeof table.rowsExcluded === 'number') {
      used.push(['rows.read - rows.excluded', table.rowsRead - table.rowsExcluded]);
    }
    const step = options.roundedTo ?? 1;
    for (const [what, value] of used) {
      if (step > 1 && value % step === 0) {
        // Rounded like the counts: n is a whole number that rounds to it.
        relations.push(
          {
            terms: [{ cell: n, coefficient: 1 }],
            constant: -(Math.ceil(value + step / 2) - 1),
            kind: 'atMost',
            why: `${what} (rounded) >= overall n`,
          },
          {
            terms: [{ cell: n, coefficient: -1 }],
            constant: Math.ceil(value - step / 2),
            kind: 'atMost',
            why: `${what} (rounded) <= overall n`,
          },
        );
      } else {
        relations.push({
          terms: [{ cell: n, coefficient: 1 }],
          constant: -value,
          kind: 'equal',
          why: `${what} = overall n`,
        });
      }
    }
    const head = table.headToHead;
    if (head && head.downShareDifference !== null) {
      // a.downShare - b.downShare = d: with one share published the other follows.
      const d = head.downShareDifference;
      const shareA = num(head.a.figures.downShare);
      const shareB = num(head.b.figures.downShare);
      if (shareB !== null) relations.push(shareRelation(head.a, at(head.a), d + shareB));
      if (shareA !== null) relations.push(shareRelation(head.b, at(head.b), shareA - d));
    }
  }
  return { cells, relations, cellsOf };
}

function shareRelation(row: CountRow, c: Record<FieldName, number>, share: number): Relation {
  return {
    terms: [
      { cell: c.down, coefficient: 1 },
      { cell: c.n, coefficient: -share },
    ],
    kind: 'equal',
    tolerance: 1e-6,
    why: `compare "${row.label}": down = (downShareDifference ± the other share) × n`,
  };
}

/** What a row's other published figures say about its counts and money. */
function sideChannels(
  row: CountRow,
  c: Record<FieldName, number>,
  money: boolean,
  slack: (terms: number) => number,
  roundedTo?: number | null,
): Relation[] {
  const f = row.figures;
  const where = `${row.breakdown} "${row.label}"`;
  const relations: Relation[] = [];
  const meanGap = num(f.meanGap);
  const netGap = num(f.netGap);
  if (meanGap !== null && netGap !== null && meanGap !== 0) {
    const n = netGap / meanGap;
    if (Math.abs(n - Math.round(n)) < 1e-6 * Math.max(1, Math.abs(n))) {
      relations.push({
        terms: [{ cell: c.n, coefficient: 1 }],
        constant: -Math.round(n),
        kind: 'equal',
        why: `${where}: n = netGap / meanGap`,
      });
    }
  }
  if (money && meanGap !== null) {
    relations.push({
      terms: [
        { cell: c.netGap, coefficient: 1 },
        { cell: c.n, coefficient: -meanGap },
      ],
      kind: 'equal',
      tolerance: slack(2) + 1e-9 * Math.abs(meanGap),
      why: `${where}: netGap = meanGap × n`,
    });
  }
  const netGapPct = num(f.netGapPct);
  if (money && netGapPct !== null) {
    relations.push({
      terms: [
        { cell: c.netGap, coefficient: 100 },
        { cell: c.totalIndicative, coefficient: -netGapPct },
      ],
      kind: 'equal',
      tolerance: slack(2) * (100 + Math.abs(netGapPct)),
      why: `${where}: 100 × netGap = netGapPct × totalIndicative`,
    });
  }
  const agreement = isRecord(f.agreement) ? f.agreement : null;
  const agreementN = agreement ? num(agreement.n) : null;
  if (agreement && agreementN !== null) {
    relations.push(
      agreement.scale === 'ratio'
        ? {
            terms: [
              { cell: c.zeroIndicative, coefficient: 1 },
              { cell: c.n, coefficient: -1 },
            ],
            constant: agreementN,
            kind: 'atMost',
            why: `${where}: agreement.n + zeroIndicative <= n`,
          }
        : {
            terms: [{ cell: c.n, coefficient: 1 }],
            constant: -agreementN,
            kind: 'equal',
            why: `${where}: n = agreement.n`,
          },
    );
    const bias = num(agreement.bias);
    if (money && agreement.scale !== 'ratio' && bias !== null) {
      relations.push({
        terms: [{ cell: c.netGap, coefficient: 1 }],
        constant: -bias * agreementN,
        kind: 'equal',
        tolerance: slack(2) + 1e-9 * Math.abs(bias * agreementN),
        why: `${where}: netGap = agreement.bias × agreement.n`,
      });
    }
  }
  const points = isRecord(f.points) ? num(f.points.n) : null;
  if (points !== null) {
    relations.push({
      terms: [{ cell: c.n, coefficient: -1 }],
      constant: points,
      kind: 'atMost',
      why: `${where}: points.n <= n`,
    });
  }
  for (const [count, share] of [
    ['up', 'upShare'],
    ['down', 'downShare'],
    ['unchanged', 'unchangedShare'],
  ] as const) {
    const value = num(f[share]);
    if (value === null) continue;
    if ((roundedTo ?? 1) > 1) {
      // With rounding a share is of the rounded counts and says nothing more, unless it is not
      // the published count over the published n: then it is the exact share.
      const shown = row.counts[count];
      const total = row.counts.n;
      if (shown === null || total === null || Math.abs(value - shown / total) < 1e-12) continue;
    }
    relations.push({
      terms: [
        { cell: c[count], coefficient: 1 },
        { cell: c.n, coefficient: -value },
      ],
      kind: 'equal',
      ...(Number.isInteger(value) ? {} : { tolerance: 1e-7 }),
      why: `${where}: ${count} = ${share} × n`,
    });
  }
  return relations;
}

interface Bounds {
  low: number;
  high: number;
  /** The value is not from 1 to minCount - 1 (a count withheld as "secondary"). */
  notSmall?: number;
}

/** The range each cell may take as a variable (high may be Infinity). */
function cellBounds(system: CountSystem, options: CheckOptions): Bounds[] {
  const step = options.roundedTo ?? null;
  const k = options.minCount ?? null;
  return system.cells.map((cell): Bounds => {
    if (cell.kind === 'money') {
      if (cell.published !== null) return { low: cell.published, high: cell.published };
      // netGap may be negative; it is worked out from the totals (see feasibleRanges).
      return cell.field === 'netGap'
        ? { low: -Infinity, high: Infinity }
        : { low: 0, high: Infinity };
    }
    if (cell.published !== null) {
      if (step === null || step <= 1) return { low: cell.published, high: cell.published };
      // Math.round(x / step) * step = v  <=>  v - step/2 <= x < v + step/2.
      return {
        low: Math.max(0, Math.ceil(cell.published - step / 2)),
        high: Math.ceil(cell.published + step / 2) - 1,
      };
    }
    let low = 0;
    let high = Infinity;
    if (k !== null && !cell.row.auxiliary) {
      const reason = cell.row.reasons[cell.field];
      // A group of fewer than k: shown by its label only, or (reading the reasons) its n
      // withheld as fewer-than-k, whatever else it shows.
      const small =
        cell.row.labelOnly ||
        (options.readReasons === true && cell.row.reasons.n === 'fewer-than-k');
      if (small && cell.field === 'n') [low, high] = [1, k - 1];
      else if (small) high = k - 1;
      else if (cell.field === 'n') low = k;
      if (options.hiddenArePrimary && !(cell.field === 'n' && !small)) {
        low = Math.max(low, 1);
        high = Math.min(high, k - 1);
      }
      // In a group of k or more, a count withheld as fewer-than-k is from 1 to k - 1 (in a
      // smaller group every figure is withheld for that reason, zeros too).
      if (options.readReasons && !small) {
        if (reason === 'fewer-than-k') {
          low = Math.max(low, 1);
          high = Math.min(high, k - 1);
        } else if (reason === 'secondary' && low < k && k > 1) {
          return { low, high, notSmall: k };
        }
      }
    }
    return { low, high };
  });
}

const isFixed = (b: Bounds): boolean => b.low === b.high;

/** A linear form over the unknown cells: Σ coefficient × cell + constant. */
interface Form {
  terms: Map<number, number>;
  constant: number;
}

/**
 * The smallest and largest value of every unknown cell: counts whole (integer programming),
 * money real (linear programming). Unknown: suppressed, or (with rounding) every count. An
 * unknown netGap is not a variable of its own: it is totalActual - totalIndicative of its row.
 * The unknowns are split into independent sets first, so each model stays small.
 */
export function feasibleRanges(
  system: CountSystem,
  options: CheckOptions = {},
): { ranges: Map<number, [number, number]>; inconsistencies: string[] } {
  // A count that is not from 1 to k - 1 ("secondary") is a choice of two ranges, which a mixed
  // programme with a binary per cell solves too slowly. Instead: the ranges without it, then
  // each such count's own range cut to what it allows (a least value of 1 or more means k or
  // more; a largest below k means 0), and again until nothing changes. What this removes is
  // never possible, so nothing is claimed that a reader cannot know; a reader combining the
  // choices of several cells may know a little more.
  let bounds = cellBounds(system, options);
  for (let round = 0; ; round++) {
    const found = rangesWithin(system, bounds);
    const next = bounds.map((b, cell): Bounds => {
      if (b.notSmall === undefined) return b;
      const [min, max] = found.ranges.get(cell) ?? [b.low, b.high];
      let { low, high } = b;
      if (min >= 1) low = Math.max(low, b.notSmall);
      if (max < b.notSmall) high = Math.min(high, 0);
      return low === b.low && high === b.high ? b : { low, high, notSmall: b.notSmall };
    });
    const impossible = next.findIndex((b) => b.low > b.high);
    if (impossible >= 0) {
      return {
        ranges: found.ranges,
        inconsistencies: [
          ...found.inconsistencies,
          `no value of ${describeCell(system.cells[impossible])} is 0 or at least ${next[impossible].notSmall}`,
        ],
      };
    }
    if (round >= 10 || next.every((b, i) => b === bounds[i])) return found;
    bounds = next;
  }
}

function rangesWithin(
  system: CountSystem,
  bounds: Bounds[],
): { ranges: Map<number, [number, number]>; inconsistencies: string[] } {
  const unknown = (cell: number): boolean => !isFixed(bounds[cell]);
  const formOf = (cell: number): Form => {
    const c = system.cells[cell];
    if (!unknown(cell)) return { terms: new Map(), constant: bounds[cell].low };
    if (c.field === 'netGap') {
      const own = system.cellsOf.get(c.row)!;
      const actual = formOf(own.totalActual!);
      const indicative = formOf(own.totalIndicative!);
      const terms = new Map(actual.terms);
      for (const [v, x] of indicative.terms) terms.set(v, (terms.get(v) ?? 0) - x);
      return { terms, constant: actual.constant - indicative.constant };
    }
    return { terms: new Map([[cell, 1]]), constant: 0 };
  };
  const isVariable = (cell: number): boolean =>
    unknown(cell) && system.cells[cell].field !== 'netGap';

  // Every relation over the variables; those with none left are checks of the published figures.
  const broken: string[] = [];
  const rewritten: (Relation & { form: Form })[] = [];
  for (const relation of system.relations) {
    const form: Form = { terms: new Map(), constant: relation.constant ?? 0 };
    for (const t of relation.terms) {
      const part = formOf(t.cell);
      form.constant += t.coefficient * part.constant;
      for (const [v, x] of part.terms)
        form.terms.set(v, (form.terms.get(v) ?? 0) + t.coefficient * x);
    }
    for (const [v, x] of form.terms) if (Math.abs(x) < 1e-12) form.terms.delete(v);
    const tolerance = relation.tolerance ?? 0;
    if (form.terms.size === 0) {
      const off = form.constant;
      if (relation.kind === 'equal' ? Math.abs(off) > tolerance + 1e-6 : off > tolerance + 1e-6) {
        broken.push(`${relation.why} (off by ${+off.toPrecision(6)})`);
      }
      continue;
    }
    rewritten.push({ ...relation, form });
  }

  // Union-find over variables that share a relation, or a target (an unknown netGap).
  const parent = system.cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const join = (cells: number[]): void => {
    for (const cell of cells.slice(1)) parent[find(cell)] = find(cells[0]);
  };
  for (const relation of rewritten) join([...relation.form.terms.keys()]);
  const targets = system.cells
    .map((cell, i) => ({ cell, i }))
    .filter(({ cell }) => cell.published === null);
  for (const { i } of targets) join([...formOf(i).terms.keys()]);
  const components = new Map<number, number[]>();
  system.cells.forEach((_, i) => {
    if (!isVariable(i)) return;
    const root = find(i);
    components.set(root, [...(components.get(root) ?? []), i]);
  });

  // Money variables in units of `unit` pounds, so that the simplex sees numbers near 1..1000.
  const moneyMax = Math.max(
    1,
    ...system.cells
      .filter((c) => c.kind === 'money' && c.published !== null)
      .map((c) => Math.abs(c.published!)),
  );
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(moneyMax)) - 3);
  const scaleOf = (cell: number): number => (system.cells[cell].kind === 'money' ? unit : 1);

  const ranges = new Map<number, [number, number]>();
  const componentOf = new Map<number, number>();
  for (const [root, members] of components) for (const m of members) componentOf.set(m, root);
  const models = new Map<number, ComponentModel>();
  try {
    for (const [root, members] of components) {
      models.set(root, componentModel(members, rewritten, bounds, scaleOf, system, broken));
    }
    for (const { i } of targets) {
      const form = formOf(i);
      if (form.terms.size === 0) {
        ranges.set(i, [form.constant, form.constant]);
        continue;
      }
      const model = models.get(componentOf.get([...form.terms.keys()][0])!)!;
      if (model.infeasible) {
        ranges.set(i, [Number.NaN, Number.NaN]);
        continue;
      }
      const low = model.optimum(form, 'minimize');
      if (Number.isNaN(low)) {
        model.infeasible = true;
        broken.push(`no values fit the identities around ${describeCell(system.cells[i])}`);
        ranges.set(i, [Number.NaN, Number.NaN]);
        continue;
      }
      ranges.set(i, [low, model.optimum(form, 'maximize')]);
    }
  } finally {
    for (const model of models.values()) model.dispose();
  }
  return { ranges, inconsistencies: broken };
}

interface ComponentModel {
  infeasible: boolean;
  optimum(form: Form, direction: 'minimize' | 'maximize'): number;
  /** Frees the solver's model (WebAssembly memory is not garbage collected). */
  dispose(): void;
}

function componentModel(
  members: number[],
  relations: (Relation & { form: Form })[],
  bounds: Bounds[],
  scaleOf: (cell: number) => number,
  system: CountSystem,
  broken: string[],
): ComponentModel {
  const inComponent = new Set(members);
  const position = new Map(members.map((m, i) => [m, i]));
  const basis = new EchelonBasis(members.length);
  const infinity = highs.infinity;
  const model = highs.createModel();
  // Exact optima (no MIP gap), no solver output, and primal simplex: each optimum changes only
  // the objective, so the last basis stays feasible.
  model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9, simplex_strategy: 4 });
  for (const m of members) {
    const { low, high } = bounds[m];
    const scale = scaleOf(m);
    model.addVar(
      Number.isFinite(low) ? low / scale : -infinity,
      Number.isFinite(high) ? high / scale : infinity,
    );
  }
  const counts = members
    .map((m, i) => (system.cells[m].kind === 'count' ? i : -1))
    .filter((i) => i >= 0);
  relations.forEach((relation) => {
    const cells = [...relation.form.terms.keys()];
    if (!inComponent.has(cells[0])) return;
    // Scaled coefficients, and the row divided by its largest one.
    const scaled = cells.map((cell) => relation.form.terms.get(cell)! * scaleOf(cell));
    const size = Math.max(...scaled.map(Math.abs));
    const known = relation.form.constant / size;
    const tolerance = (relation.tolerance ?? 0) / size;
    if (relation.kind === 'equal') {
      // The margins overlap (a crossed breakdown, its single breakdowns and the overall row):
      // an equation that follows from those already kept is checked here and not kept.
      const row = new Array<number>(members.length).fill(0);
      cells.forEach((cell, i) => (row[position.get(cell)!] += scaled[i] / size));
      const residual = basis.add(row, known);
      if (residual !== null) {
        if (Math.abs(residual) > tolerance + 1e-6) {
          broken.push(`${relation.why} (contradicts the other identities by ${residual})`);
        }
        return;
      }
    }
    const entries = {
      indices: cells.map((cell) => position.get(cell)!),
      values: scaled.map((x) => x / size),
    };
    if (relation.kind === 'atMost') model.addRow(-infinity, -known + tolerance, entries);
    else model.addRow(-known - tolerance, -known + tolerance, entries);
  });
  const { optimal, infeasible, unbounded, unboundedOrInfeasible } = highs.constants.modelStatus;
  const { continuous, integer } = highs.constants.variableType;
  const { minimize, maximize } = highs.constants.objectiveSense;
  const setIntegers = (type: typeof continuous | typeof integer): void => {
    if (counts.length > 0)
      model.changeColsIntegrality(
        { kind: 'set', indices: counts },
        new Array(counts.length).fill(type),
      );
  };
  const whole = (x: number): boolean => Math.abs(x - Math.round(x)) < 1e-6;
  const costs = new Array<number>(members.length).fill(0);
  // Is there any point at all? Settles what "unbounded or infeasible" means below.
  model.changeColsCost({ kind: 'range', from: 0, to: members.length - 1 }, costs);
  model.run();
  const feasible = model.getModelStatus() === optimal;
  return {
    infeasible: false,
    dispose: () => model.dispose(),
    optimum(form, direction) {
      if (!feasible) return Number.NaN;
      costs.fill(0);
      for (const [cell, x] of form.terms) costs[position.get(cell)!] = x * scaleOf(cell);
      model.changeColsCost({ kind: 'range', from: 0, to: members.length - 1 }, costs);
      model.changeObjectiveSense(direction === 'maximize' ? maximize : minimize);
      const outcome = (): number | null => {
        const status = model.getModelStatus();
        if (status === unbounded || status === unboundedOrInfeasible) {
          // The model has a point (checked above), so it is unbounded.
          return direction === 'maximize' ? Infinity : -Infinity;
        }
        if (status === infeasible) return Number.NaN;
        if (status !== optimal) throw new Error(`HiGHS: model status ${status} (${direction})`);
        return null;
      };
      const counted =
        form.terms.size === 1 && system.cells[[...form.terms.keys()][0]].kind === 'count';
      const finish = (value: number): number => {
        const total = value + form.constant;
        return counted ? Math.round(total) + 0 : total;
      };
      // The linear relaxation first: when its optimum has whole counts, it is also the optimum
      // of the mixed problem. Otherwise branch and bound (HiGHS's MIP solver, gap 0).
      model.run();
      const relaxed = outcome();
      if (relaxed !== null) return relaxed;
      const point = model.getSolution().colValue;
      if (counts.every((i) => whole(point[i]))) return finish(model.getObjectiveValue());
      setIntegers(integer);
      try {
        model.run();
        const mixed = outcome();
        return mixed ?? finish(model.getObjectiveValue());
      } finally {
        setIntegers(continuous);
      }
    },
  };
}

/** Rows in reduced echelon form: `add` keeps a row only when it is independent of those kept. */
class EchelonBasis {
  private rows: { pivot: number; row: number[]; constant: number }[] = [];
  constructor(private width: number) {}

  /** null when kept; else the constant left over (0 when the row follows from those kept). */
  add(input: number[], constant: number): number | null {
    const row = [...input];
    let rest = constant;
    for (const kept of this.rows) {
      const factor = row[kept.pivot];
      if (factor === 0) continue;
      for (let i = 0; i < this.width; i++) row[i] -= factor * kept.row[i];
      rest -= factor * kept.constant;
    }
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot === -1) return rest;
    const scale = row[pivot];
    for (let i = 0; i < this.width; i++)
      row[i] = Math.abs(row[i] / scale) < 1e-12 ? 0 : row[i] / scale;
    rest /= scale;
    for (const kept of this.rows) {
      const factor = kept.row[pivot];
      if (factor === 0) continue;
      for (let i = 0; i < this.width; i++) kept.row[i] -= factor * row[i];
      kept.constant -= factor * rest;
    }
    this.rows.push({ pivot, row, constant: rest });
    return null;
  }
}

/**
 * The same ranges by trying every assignment of the unknown counts from 0 to `limit` (for small
 * hand-made count tables, to check the integer programming against).
 */
export function exhaustiveRanges(
  system: CountSystem,
  limit: number,
  options: CheckOptions = {},
): Map<number, [number, number]> {
  if (system.cells.some((cell) => cell.kind === 'money')) {
    throw new Error('exhaustiveRanges: counts only');
  }
  const bounds = cellBounds(system, options);
  const unknowns = system.cells.map((_, i) => i).filter((i) => !isFixed(bounds[i]));
  const value = bounds.map(({ low }) => low);
  const ranges = new Map<number, [number, number]>();
  const holds = (relation: Relation): boolean => {
    const total = relation.terms.reduce(
      (s, t) => s + t.coefficient * value[t.cell],
      relation.constant ?? 0,
    );
    return relation.kind === 'equal' ? Math.abs(total) < 1e-9 : total <= 1e-9;
  };
  const visit = (depth: number): void => {
    if (depth === unknowns.length) {
      if (!system.relations.every(holds)) return;
      for (const cell of unknowns) {
        const [low, high] = ranges.get(cell) ?? [Infinity, -Infinity];
        ranges.set(cell, [Math.min(low, value[cell]), Math.max(high, value[cell])]);
      }
      return;
    }
    const cell = unknowns[depth];
    const { low, high, notSmall } = bounds[cell];
    for (let v = low; v <= Math.min(high, limit); v++) {
      if (notSmall !== undefined && v >= 1 && v < notSmall) continue;
      value[cell] = v;
      visit(depth + 1);
    }
  };
  visit(0);
  return ranges;
}

/**
 * Checks a published report (or several of the same records, e.g. analyse and compare): the
 * feasible range of every suppressed cell.
 *
 * @example
 * checkReport(JSON.parse(stdout)).recovered // [] when no suppressed cell can be worked back
 */
export function checkReport(report: unknown, options: CheckOptions = {}): CheckResult {
  return checkTable(countTable(report), options);
}

/** The same for several reports of the same records read together. */
export function checkReports(reports: unknown[], options: CheckOptions = {}): CheckResult {
  const [first, ...more] = reports;
  return checkTable(countTable(first, ...more), options);
}

/**
 * Everything a careful reader of this report knows: the rule (minCount and rounding from
 * report.disclosure), the reasons, and the side channels.
 *
 * @example
 * checkReport(report, informedReader(report))
 */
export function informedReader(report: unknown): CheckOptions {
  const disclosure = isRecord(report) && isRecord(report.disclosure) ? report.disclosure : {};
  return {
    minCount: num(disclosure.minCount),
    roundedTo: num(disclosure.roundCounts),
    readReasons: true,
    sideChannels: true,
  };
}

export function checkTable(table: CountTable, options: CheckOptions = {}): CheckResult {
  const system = countSystem(table, options);
  const { ranges: found, inconsistencies } = feasibleRanges(system, options);
  const ranges: CellRange[] = [];
  system.cells.forEach((cell, index) => {
    if (cell.published !== null || cell.row.auxiliary) return;
    const [min, max] = found.get(index) ?? [Number.NaN, Number.NaN];
    ranges.push({
      cell: index,
      breakdown: cell.row.breakdown,
      label: cell.row.label,
      field: cell.field,
      kind: cell.kind,
      min,
      max,
      recovered: cell.kind === 'count' ? min === max : max - min < PINNED_WIDTH,
    });
  });
  return { system, ranges, recovered: ranges.filter((r) => r.recovered), inconsistencies };
}

function describeCell(cell: Cell): string {
  return `${cell.row.breakdown} "${cell.row.label}" ${cell.field}`;
}

const money = (x: number): string => (Number.isFinite(x) ? `£${x.toFixed(2)}` : x > 0 ? '∞' : '-∞');

/** `client-group "LD": up = 3` lines, for failure messages. */
export function describeRanges(ranges: CellRange[]): string[] {
  return ranges.map((r) => {
    const where = `${r.breakdown} "${r.label}" ${r.field}`;
    if (r.kind === 'money') {
      return `${where}: ${r.max - r.min < PINNED_WIDTH ? `= ${money(r.min)}` : `${money(r.min)}..${money(r.max)}`}`;
    }
    return `${where}: ${r.min === r.max ? `= ${r.min}` : `${r.min}..${r.max}`}`;
  });
}

/**
 * Counts from 1 to minCount - 1 that a report shows anywhere a reader would look: the count
 * cells, agreement.n and points.n of each row (and of compare's two groups), clientGroups[].count,
 * rows.used, inputs[].rowsUsed, numbers of rows, records or people in the warnings, and the chart
 * data (report.charts: each breakdown's bars' n and box counts, binned planes, years). Each as
 * `where: value`.
 *
 * @example
 * publishedSmallCounts(JSON.parse(stdout), 5) // [] when nothing small is shown
 */
export function publishedSmallCounts(report: unknown, minCount: number): string[] {
  const found: string[] = [];
  const small = (value: unknown): value is number =>
    typeof value === 'number' && value >= 1 && value < minCount;
  const look = (where: string, value: unknown): void => {
    if (small(value)) found.push(`${where}: ${value}`);
  };
  if (!isRecord(report)) return found;
  for (const [where, figures] of rowsOf(report)) {
    if (!isRecord(figures)) continue;
    for (const field of COUNTS) look(`${where} ${field}`, figures[field]);
    if (Array.isArray(figures.bands)) {
      figures.bands.forEach((count, i) => look(`${where} ${bandName(i)}`, count));
    }
    if (isRecord(figures.agreement)) look(`${where} agreement.n`, figures.agreement.n);
    if (isRecord(figures.points)) look(`${where} points.n`, figures.points.n);
  }
  for (const group of Array.isArray(report.clientGroups) ? report.clientGroups : []) {
    if (isRecord(group)) look(`clientGroups "${String(group.label)}" count`, group.count);
  }
  if (isRecord(report.rows)) look('rows.used', report.rows.used);
  for (const input of Array.isArray(report.inputs) ? report.inputs : []) {
    if (isRecord(input)) look(`inputs "${String(input.path)}" rowsUsed`, input.rowsUsed);
  }
  for (const warning of Array.isArray(report.warnings) ? report.warnings : []) {
    const text = typeof warning === 'string' ? warning : JSON.stringify(warning);
    // Structured warnings: any count-like field (count, rows, records, people, n).
    const visit = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
      else if (isRecord(value)) {
        for (const [key, item] of Object.entries(value)) {
          if (/^(n|count|rows|records|people)$|Count$/.test(key))
            look(`warning ${path}.${key}`, item);
          visit(item, `${path}.${key}`);
        }
      }
    };
    visit(warning, '');
    for (const match of text.matchAll(/(\d[\d,]*) (rows?|records?|people|persons?)\b/g)) {
      look(`warning "${text}"`, Number(match[1].replace(/,/g, '')));
    }
    for (const match of text.matchAll(/"[^"]*" \((\d+)\)/g)) {
      look(`warning "${text}"`, Number(match[1]));
    }
  }
  if (isRecord(report.charts)) {
    for (const [where, value] of chartCounts(report.charts)) look(`charts ${where}`, value);
  }
  return found;
}

/** Every count in the HTML chart data, with where it is. */
export function chartCounts(charts: Json): [string, unknown][] {
  const counts: [string, unknown][] = [];
  // A chart set per breakdown: its direction bars' n and its boxes' counts.
  for (const set of Array.isArray(charts.breakdowns) ? charts.breakdowns : []) {
    if (!isRecord(set)) continue;
    const by = Array.isArray(set.by) ? set.by.join('+') : '?';
    for (const bar of Array.isArray(set.direction) ? set.direction : []) {
      if (isRecord(bar)) counts.push([`${by} direction "${String(bar.label)}" n`, bar.n]);
    }
    for (const group of Array.isArray(set.groups) ? set.groups : []) {
      if (isRecord(group) && isRecord(group.box))
        counts.push([`${by} groups "${String(group.label)}" box.count`, group.box.count]);
    }
  }
  for (const plane of ['scatter', 'blandAltman']) {
    const data = charts[plane];
    if (!isRecord(data)) continue;
    counts.push([`${plane}.hidden`, data.hidden]);
    (Array.isArray(data.counts) ? data.counts : []).forEach((line: unknown, y: number) =>
      (Array.isArray(line) ? line : []).forEach((value: unknown, x: number) =>
        counts.push([`${plane}.counts[${y}][${x}]`, value]),
      ),
    );
  }
  for (const year of Array.isArray(charts.byYear) ? charts.byYear : []) {
    if (!isRecord(year)) continue;
    counts.push([`byYear "${String(year.year)}" n`, year.n]);
    counts.push([`byYear "${String(year.year)}" down`, year.down]);
  }
  return counts;
}

/** The overall row, each group, and compare's a and b, with where each is. */
function rowsOf(report: Json): [string, unknown][] {
  const rows: [string, unknown][] = [];
  if (isRecord(report.overall)) rows.push(['overall', report.overall]);
  if (isCompare(report)) {
    const [a, b] = [report.a as Json, report.b as Json];
    rows.push([`compare a "${String(a.label)}"`, a]);
    rows.push([`compare b "${String(b.label)}"`, b]);
  }
  for (const breakdown of Array.isArray(report.breakdowns) ? report.breakdowns : []) {
    if (!isRecord(breakdown) || !Array.isArray(breakdown.groups)) continue;
    const name = Array.isArray(breakdown.by) ? breakdown.by.join('+') : '?';
    for (const group of breakdown.groups) {
      rows.push([`${name} "${isRecord(group) ? String(group.label) : '?'}"`, group]);
    }
  }
  return rows;
}

/**
 * Fields that are null but carry no reason in `withheld`, reasons that are not one of REASONS,
 * and reasons given for a figure that is shown.
 *
 * @example
 * reasonProblems(report) // [] when every withheld figure says why
 */
export function reasonProblems(report: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(report)) return problems;
  for (const [where, figures] of rowsOf(report)) {
    if (!isRecord(figures)) continue;
    const reasons = isRecord(figures.withheld) ? figures.withheld : {};
    const suppressed = Array.isArray(figures.suppressed) ? figures.suppressed.map(String) : [];
    for (const field of suppressed) {
      if (!(field in reasons)) problems.push(`${where} ${field}: hidden without a reason`);
    }
    for (const [field, reason] of Object.entries(reasons)) {
      if (!(REASONS as readonly unknown[]).includes(reason)) {
        problems.push(
          `${where} ${field}: reason ${JSON.stringify(reason)} is not one of ${REASONS.join(', ')}`,
        );
      }
      if (figures[field] !== null && field in figures) {
        problems.push(
          `${where} ${field}: shown (${JSON.stringify(figures[field])}) but given reason ${String(reason)}`,
        );
      }
    }
  }
  return problems;
}

/** The records of one group, for the p% rule: each person's indicative and actual budget. */
export interface Contributors {
  indicative: number[];
  actual: number[];
}

/**
 * Whether a total passes the p% rule: with x1 >= x2 its largest two contributors, the total less
 * both is at least p% of x1 (so the second largest cannot estimate the largest to within p%).
 *
 * @example
 * passesPRule([100, 5, 5, 5], 10) // true: 115 - 100 - 5 = 10 is 10% of 100
 * passesPRule([100, 5, 4], 10) // false: 9 is less than 10% of 100
 */
export function passesPRule(values: number[], p: number): boolean {
  let x1 = 0;
  let x2 = 0;
  let total = 0;
  for (const x of values) {
    total += x;
    if (x > x1) [x1, x2] = [x, x1];
    else if (x > x2) x2 = x;
  }
  // A relative slack for sums of amounts in pounds.
  return total - x1 - x2 >= (p / 100) * x1 - 1e-9 * Math.max(1, total);
}

export interface ProtectionSettings {
  /** The report's minimum count. */
  minCount: number;
  /** p of the p% rule (percent). */
  p: number;
  /**
   * The records behind each row, keyed `breakdown|label` as in the published report
   * (`overall|All records`): for the p% rule on published totals, and to ask p% protection for
   * hidden totals that fail it.
   */
  contributors?: Map<string, Contributors>;
}

/**
 * What the promised protection asks of a published report, checked against the true figures of
 * the same run (`noSuppression`) and the feasible ranges a reader finds (checkReport):
 * - no hidden count is worked back to one value;
 * - a hidden money total of a group of fewer than minCount records, or one whose reason is
 *   "fewer-than-k" or "dominance", or one that fails the p% rule, cannot be narrowed to within
 *   p% of its true value (its range reaches T - p% × |T| and T + p% × |T|);
 * - any other hidden money total cannot be pinned (a range narrower than a penny);
 * - no money total of a group of fewer than minCount records is published, and every published
 *   total (indicative, actual) of a larger group passes the p% rule;
 * - a count withheld as "fewer-than-k" in a group of at least minCount is from 1 to minCount - 1.
 * Each problem as one line.
 *
 * @example
 * protectionProblems(published, truth, checkReport(published, informedReader(published)), { minCount: 5, p: 10 })
 */
export function protectionProblems(
  published: unknown,
  truth: unknown,
  result: CheckResult,
  settings: ProtectionSettings,
): string[] {
  const problems: string[] = [];
  const trueRows = new Map<string, Json>();
  for (const [where, figures] of rowsOfBreakdowns(truth)) trueRows.set(where, figures);
  const keyOf = (row: CountRow): string => `${row.breakdown.replace(/#\d+$/, '')}|${row.label}`;
  const { minCount: k, p } = settings;
  for (const range of result.ranges) {
    const cell = result.system.cells[range.cell];
    const row = cell.row;
    if (row.breakdown.startsWith('compare:')) continue; // checked by the caller's analyse truth
    const where = `${row.breakdown} "${row.label}" ${cell.field}`;
    const figures = trueRows.get(keyOf(row));
    if (!figures) {
      problems.push(`${where}: no such row in the unsuppressed report`);
      continue;
    }
    const truthValue = num(figures[cell.field]);
    const n = num(figures.n) ?? 0;
    const reason = row.reasons[cell.field];
    if (truthValue === null) continue;
    if (Number.isNaN(range.min)) {
      problems.push(`${where}: no feasible range (inconsistent figures)`);
      continue;
    }
    // The true value always fits what the reader knows; if not, the checker or the figures are
    // wrong, and nothing else said about this cell can be trusted.
    const fits = 1e-6 * Math.max(1, Math.abs(truthValue));
    if (truthValue < range.min - fits || truthValue > range.max + fits) {
      problems.push(
        `${where}: true value ${truthValue} outside the reader's range ${range.min}..${range.max}`,
      );
      continue;
    }
    if (cell.kind === 'count') {
      if (range.recovered)
        problems.push(`${where}: worked back as ${range.min} (true ${truthValue})`);
      if (reason === 'fewer-than-k' && n >= k && !(truthValue >= 1 && truthValue < k)) {
        problems.push(`${where}: withheld as fewer-than-k but is ${truthValue}`);
      }
      continue;
    }
    const contributors = settings.contributors?.get(keyOf(row));
    const dominated =
      contributors !== undefined &&
      cell.field !== 'netGap' &&
      !passesPRule(
        cell.field === 'totalIndicative' ? contributors.indicative : contributors.actual,
        p,
      );
    const needsP = n < k || reason === 'fewer-than-k' || reason === 'dominance' || dominated;
    if (needsP) {
      const margin = (p / 100) * Math.abs(truthValue);
      const slack = 1e-6 * Math.max(1, Math.abs(truthValue));
      if (range.min > truthValue - margin + slack || range.max < truthValue + margin - slack) {
        problems.push(
          `${where}: narrowed to ${money(range.min)}..${money(range.max)}, within ${p}% of its true ${money(truthValue)}${n < k ? ` (a group of ${n})` : ''}`,
        );
      }
    } else if (range.recovered) {
      problems.push(`${where}: worked back as ${money(range.min)} (true ${money(truthValue)})`);
    }
  }
  // Published money.
  for (const [where, figures] of rowsOfBreakdowns(published)) {
    const trueFigures = trueRows.get(where);
    if (!trueFigures) continue;
    const n = num(trueFigures.n) ?? 0;
    for (const field of MONEY) {
      if (num(figures[field]) === null) continue;
      if (n < k && n > 0) {
        problems.push(`${where.replace('|', ' "')}" ${field}: published for a group of ${n}`);
        continue;
      }
      const contributors = settings.contributors?.get(where);
      if (!contributors || field === 'netGap') continue;
      const values = field === 'totalIndicative' ? contributors.indicative : contributors.actual;
      if (!passesPRule(values, p)) {
        const sorted = [...values].sort((a, b) => b - a);
        problems.push(
          `${where.replace('|', ' "')}" ${field}: ${money(values.reduce((s, x) => s + x, 0))} published but fails the ${p}% rule (largest ${money(sorted[0])}, second ${money(sorted[1] ?? 0)}, n ${values.length})`,
        );
      }
    }
  }
  return problems;
}

/** `breakdown|label` -> row figures of an analyse report (compare's groups are left out). */
function rowsOfBreakdowns(report: unknown): [string, Json][] {
  const rows: [string, Json][] = [];
  if (!isRecord(report)) return rows;
  if (isRecord(report.overall)) rows.push(['overall|All records', report.overall]);
  for (const breakdown of Array.isArray(report.breakdowns) ? report.breakdowns : []) {
    if (!isRecord(breakdown) || !Array.isArray(breakdown.groups)) continue;
    const name = Array.isArray(breakdown.by) ? breakdown.by.join('+') : '?';
    for (const group of breakdown.groups) {
      if (isRecord(group)) rows.push([`${name}|${String(group.label)}`, group]);
    }
  }
  return rows;
}

/**
 * How much a report hides: cells of the additive figures (counts and money totals) of every row,
 * and how many of them are null.
 *
 * @example
 * hiddenShare(report) // { hidden: 153, cells: 384 }
 */
export function hiddenShare(report: unknown): { hidden: number; cells: number } {
  let hidden = 0;
  let cells = 0;
  if (!isRecord(report)) return { hidden, cells };
  for (const [, figures] of rowsOf(report)) {
    if (!isRecord(figures)) continue;
    for (const field of [...COUNTS, ...MONEY]) {
      if (!(field in figures)) continue;
      cells++;
      if (figures[field] === null) hidden++;
    }
    for (const count of Array.isArray(figures.bands) ? figures.bands : []) {
      cells++;
      if (count === null) hidden++;
    }
  }
  return { hidden, cells };
}

/**
 * A council's funnel (a `--by source` group's `funnel`) is worked from its n, its share moved
 * down and the overall share moved down, and the n is there to be read back:
 * n = target(1 - target) × (1.959964 / (upper95 - target))². Published, it must agree with those
 * three published figures, or it would tell a reader something they do not.
 *
 * @example
 * funnelProblems(report) // [] when every funnel rests on published figures
 */
export function funnelProblems(report: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(report) || !Array.isArray(report.breakdowns) || !isRecord(report.overall)) {
    return problems;
  }
  const target = num(report.overall.downShare);
  for (const [where, figures] of rowsOfBreakdowns(report)) {
    const funnel = figures.funnel;
    if (funnel === undefined) continue;
    if (funnel === null) {
      const suppressed = Array.isArray(figures.suppressed) ? figures.suppressed : [];
      if (!suppressed.includes('funnel')) problems.push(`${where}: funnel null but not suppressed`);
      continue;
    }
    if (!isRecord(funnel)) continue;
    const n = num(figures.n);
    const share = num(figures.downShare);
    const t = num(funnel.target);
    const upper = num(funnel.upper95);
    if (n === null || share === null || target === null) {
      problems.push(`${where}: a funnel beside a hidden n, share moved down or overall share`);
      continue;
    }
    if (t === null || Math.abs(t - target) > 1e-12) {
      problems.push(`${where}: funnel target ${t} is not the overall share moved down ${target}`);
    }
    if (t !== null && upper !== null && t > 0 && t < 1) {
      const implied = t * (1 - t) * (1.959964 / (upper - t)) ** 2;
      if (Math.abs(implied - n) > 1e-6 * n) {
        problems.push(`${where}: funnel limits imply n = ${implied}, published n = ${n}`);
      }
    }
  }
  return problems;
}
