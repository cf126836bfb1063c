// An independent disclosure checker, written from the published output alone (it does not use
// src/disclose). It reads a report as a reader would (the JSON, with `null` where a count is
// suppressed), rebuilds the table of counts, writes down every identity a reader knows holds
// between them, and for each suppressed count finds the smallest and largest whole, non-negative
// value it can take with every identity satisfied, by integer linear programming (yalps). A count
// whose smallest and largest values are equal is "recovered": the suppression did not protect it.
//
// What a reader knows holds between the counts:
// - in every row (the overall row and each group): up + down + unchanged = n, and
//   zeroIndicative <= n;
// - every breakdown covers every record, so any two breakdowns (the overall row is the breakdown
//   by nothing) agree on every margin they share: a crossed breakdown's groups add up to each
//   single breakdown's groups, both add up to the overall row, and two crossed breakdowns sharing
//   a dimension add up to the same totals on it;
// - a client group as written belongs to one canonical group (report.clientGroups), so the
//   breakdown by raw client group adds up to the breakdown by client group.
// Optionally (CheckOptions) also what the publishing rule tells a reader, and rounding.
import { solve, type Constraint, type Model } from 'yalps';

export const COUNTS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;
export type CountName = (typeof COUNTS)[number];

/** A published count: a whole number, or null where it is suppressed. */
export type Published = number | null;

export interface CountRow {
  /** 'overall' or the breakdown's dimensions joined by '+'. */
  breakdown: string;
  label: string;
  /** Dimension -> value, with derived dimensions (clientGroup from rawClientGroup) added. */
  key: Record<string, string>;
  counts: Record<CountName, Published>;
  /** Only the key and label are shown: a group of fewer than minCount records. */
  withheld: boolean;
  /** Every published field of the row, for the side channels. */
  figures: Record<string, unknown>;
}

export interface CountBreakdown {
  name: string;
  /** Dimensions, including derived ones. */
  dimensions: string[];
  rows: CountRow[];
}

export interface CountTable {
  /** The overall row first, as the breakdown by nothing. */
  breakdowns: CountBreakdown[];
  /** rows.used of the report: the number of records used, published beside the figures. */
  rowsUsed?: number | null;
}

export interface Cell {
  row: CountRow;
  field: CountName;
  published: Published;
}

/** Σ coefficient × cell + constant, `equal` to 0 or `atMost` 0. */
export interface Relation {
  terms: { cell: number; coefficient: number }[];
  constant?: number;
  kind: 'equal' | 'atMost';
  /** Where it comes from, for messages. */
  why: string;
}

export interface CountSystem {
  cells: Cell[];
  relations: Relation[];
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
   * Also use what the other published figures say about the counts: n = netGap / meanGap,
   * n = agreement.n (difference scale; ratio scale: n >= agreement.n + zeroIndicative),
   * points.n <= n, a share = count / n, and rows.used = the overall n.
   */
  sideChannels?: boolean;
}

export interface CellRange {
  cell: number;
  breakdown: string;
  label: string;
  field: CountName;
  min: number;
  max: number;
  recovered: boolean;
}

export interface CheckResult {
  system: CountSystem;
  /** One per suppressed cell. */
  ranges: CellRange[];
  recovered: CellRange[];
  /** Identities that the published counts break (a bug in the figures, or rounding). */
  inconsistencies: string[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readCount(figures: Json, field: CountName, where: string): Published {
  const value = figures[field];
  if (value === null) {
    const suppressed = figures.suppressed;
    if (!Array.isArray(suppressed) || !suppressed.includes(field)) {
      throw new Error(`${where}: ${field} is null but not listed in "suppressed"`);
    }
    return null;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${where}: ${field} is ${JSON.stringify(value)}, not a whole count`);
  }
  return value;
}

/** Only key, label and (null) figures: what a withheld group looks like. */
function isWithheld(figures: Json): boolean {
  const shown = Object.entries(figures).filter(
    ([field, value]) => !['key', 'label', 'suppressed'].includes(field) && value !== null,
  );
  return shown.length === 0 && COUNTS.every((field) => figures[field] === null);
}

/**
 * The counts of a published report (the JSON of `rasgap analyse --format json`, parsed).
 *
 * @example
 * countTable(JSON.parse(stdout)).breakdowns[0].rows[0].counts.n // overall n, or null
 */
export function countTable(report: unknown): CountTable {
  if (!isRecord(report) || !isRecord(report.overall) || !Array.isArray(report.breakdowns)) {
    throw new Error('not a rasgap report: no overall row or breakdowns');
  }
  // Raw client-group label -> the client group it is counted in (canonical, else as written).
  const canonicalOf = new Map<string, string>();
  for (const item of Array.isArray(report.clientGroups) ? report.clientGroups : []) {
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
    return {
      breakdown,
      label,
      key: ownKey,
      counts: Object.fromEntries(
        COUNTS.map((field) => [field, readCount(figures, field, where)]),
      ) as Record<CountName, Published>,
      withheld: isWithheld(figures),
      figures,
    };
  };
  const breakdowns: CountBreakdown[] = [
    { name: 'overall', dimensions: [], rows: [row(report.overall, 'overall', 'All records', {})] },
  ];
  for (const item of report.breakdowns) {
    if (!isRecord(item) || !Array.isArray(item.by) || !Array.isArray(item.groups)) {
      throw new Error('a breakdown without "by" or "groups"');
    }
    const name = item.by.join('+');
    const rows = item.groups.map((group) => {
      if (!isRecord(group) || !isRecord(group.key) || typeof group.label !== 'string') {
        throw new Error(`${name}: a group without key or label`);
      }
      return row(group, name, group.label, group.key);
    });
    const dimensions = [...new Set(rows.flatMap((r) => Object.keys(r.key)))];
    // A derived dimension counts only when every group has it.
    const complete = dimensions.filter((d) => rows.every((r) => r.key[d] !== undefined));
    breakdowns.push({ name, dimensions: rows.length === 0 ? [...item.by] : complete, rows });
  }
  const rows = isRecord(report.rows) ? report.rows : {};
  return { breakdowns, rowsUsed: typeof rows.used === 'number' ? rows.used : null };
}

/**
 * Every count cell and every identity between them.
 *
 * @example
 * const { cells, relations } = countSystem(countTable(report));
 */
export function countSystem(table: CountTable, options: CheckOptions = {}): CountSystem {
  const cells: Cell[] = [];
  const at = new Map<CountRow, Record<CountName, number>>();
  for (const breakdown of table.breakdowns) {
    for (const row of breakdown.rows) {
      const indices = {} as Record<CountName, number>;
      for (const field of COUNTS) {
        indices[field] = cells.length;
        cells.push({ row, field, published: row.counts[field] });
      }
      at.set(row, indices);
    }
  }
  const relations: Relation[] = [];
  for (const breakdown of table.breakdowns) {
    for (const row of breakdown.rows) {
      const c = at.get(row)!;
      relations.push({
        terms: [
          { cell: c.up, coefficient: 1 },
          { cell: c.down, coefficient: 1 },
          { cell: c.unchanged, coefficient: 1 },
          { cell: c.n, coefficient: -1 },
        ],
        kind: 'equal',
        why: `${row.breakdown} "${row.label}": up + down + unchanged = n`,
      });
      relations.push({
        terms: [
          { cell: c.zeroIndicative, coefficient: 1 },
          { cell: c.n, coefficient: -1 },
        ],
        kind: 'atMost',
        why: `${row.breakdown} "${row.label}": zeroIndicative <= n`,
      });
    }
  }
  // Any two breakdowns agree on the margins of the dimensions they share.
  const seen = new Set<string>();
  table.breakdowns.forEach((a, i) =>
    table.breakdowns.forEach((b, j) => {
      if (j <= i) return;
      const shared = a.dimensions.filter((d) => b.dimensions.includes(d)).sort();
      const marginOf = (row: CountRow): string => JSON.stringify(shared.map((d) => row.key[d]));
      const margins = new Set([...a.rows, ...b.rows].map(marginOf));
      for (const margin of margins) {
        const left = a.rows.filter((row) => marginOf(row) === margin);
        const right = b.rows.filter((row) => marginOf(row) === margin);
        if (left.length === 1 && right.length === 1 && left[0] === right[0]) continue;
        for (const field of COUNTS) {
          const terms = [
            ...left.map((row) => ({ cell: at.get(row)![field], coefficient: 1 })),
            ...right.map((row) => ({ cell: at.get(row)![field], coefficient: -1 })),
          ];
          const signature = JSON.stringify(
            terms.map((t) => [t.cell, t.coefficient]).sort((x, y) => x[0] - y[0]),
          );
          if (seen.has(signature)) continue;
          seen.add(signature);
          const place = shared.length === 0 ? '' : ` for ${margin}`;
          relations.push({
            terms,
            kind: 'equal',
            why: `${a.name} and ${b.name} agree on ${field}${place}`,
          });
        }
      }
    }),
  );
  if (options.sideChannels) {
    for (const breakdown of table.breakdowns) {
      for (const row of breakdown.rows) relations.push(...sideChannels(row, at.get(row)!));
    }
    const overall = table.breakdowns[0].rows[0];
    if (typeof table.rowsUsed === 'number') {
      relations.push({
        terms: [{ cell: at.get(overall)!.n, coefficient: 1 }],
        constant: -table.rowsUsed,
        kind: 'equal',
        why: 'rows.used = overall n',
      });
    }
  }
  return { cells, relations };
}

/** What a row's other published figures say about its counts. */
function sideChannels(row: CountRow, c: Record<CountName, number>): Relation[] {
  const f = row.figures;
  const where = `${row.breakdown} "${row.label}"`;
  const relations: Relation[] = [];
  const num = (value: unknown): number | null =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
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
    relations.push({
      terms: [
        { cell: c[count], coefficient: 1 },
        { cell: c.n, coefficient: -value },
      ],
      kind: 'equal',
      why: `${where}: ${count} = ${share} × n`,
    });
  }
  return relations;
}

/** The range of whole values each cell may take as a variable: [min, max] (max may be Infinity). */
function cellBounds(system: CountSystem, options: CheckOptions): [number, number][] {
  const step = options.roundedTo ?? null;
  const k = options.minCount ?? null;
  return system.cells.map((cell): [number, number] => {
    if (cell.published !== null) {
      if (step === null || step <= 1) return [cell.published, cell.published];
      // Math.round(x / step) * step = v  <=>  v - step/2 <= x < v + step/2.
      return [
        Math.max(0, Math.ceil(cell.published - step / 2)),
        Math.ceil(cell.published + step / 2) - 1,
      ];
    }
    let low = 0;
    let high = Infinity;
    if (k !== null) {
      if (cell.row.withheld && cell.field === 'n') [low, high] = [1, k - 1];
      else if (cell.row.withheld) high = k - 1;
      else if (cell.field === 'n') low = k;
      if (options.hiddenArePrimary && !(cell.field === 'n' && !cell.row.withheld)) {
        low = Math.max(low, 1);
        high = Math.min(high, k - 1);
      }
    }
    return [low, high];
  });
}

/** The identities whose published counts do not add up. */
function inconsistencies(system: CountSystem, bounds: [number, number][]): string[] {
  const broken: string[] = [];
  for (const relation of system.relations) {
    if (relation.terms.some((t) => bounds[t.cell][0] !== bounds[t.cell][1])) continue;
    const total = relation.terms.reduce(
      (s, t) => s + t.coefficient * bounds[t.cell][0],
      relation.constant ?? 0,
    );
    if (relation.kind === 'equal' ? Math.abs(total) > 1e-6 : total > 1e-6) {
      broken.push(`${relation.why} (off by ${total})`);
    }
  }
  return broken;
}

/**
 * The smallest and largest whole value of every unknown cell, by integer linear programming.
 * Unknown: suppressed, or (with rounding) every cell. The unknowns are split into independent
 * sets first, so each model stays small.
 */
export function feasibleRanges(
  system: CountSystem,
  options: CheckOptions = {},
): { ranges: Map<number, [number, number]>; inconsistencies: string[] } {
  const bounds = cellBounds(system, options);
  const unknown = (cell: number): boolean => bounds[cell][0] !== bounds[cell][1];
  // Union-find over unknown cells that share a relation.
  const parent = system.cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const live = system.relations.filter((r) => r.terms.some((t) => unknown(t.cell)));
  for (const relation of live) {
    const cells = relation.terms.map((t) => t.cell).filter(unknown);
    for (const cell of cells.slice(1)) parent[find(cell)] = find(cells[0]);
  }
  const components = new Map<number, number[]>();
  system.cells.forEach((_, i) => {
    if (!unknown(i)) return;
    const root = find(i);
    components.set(root, [...(components.get(root) ?? []), i]);
  });

  const ranges = new Map<number, [number, number]>();
  const infeasible: string[] = [];
  for (const members of components.values()) {
    const inComponent = new Set(members);
    const constraints = new Map<string, Constraint>();
    const coefficients = new Map<number, [string, number][]>(members.map((m) => [m, []]));
    const position = new Map(members.map((m, i) => [m, i]));
    const basis = new EchelonBasis(members.length + 1);
    live.forEach((relation, r) => {
      const terms = relation.terms.filter((t) => inComponent.has(t.cell));
      if (terms.length === 0) return;
      let known = relation.constant ?? 0;
      for (const t of relation.terms) {
        if (!unknown(t.cell)) known += t.coefficient * bounds[t.cell][0];
      }
      if (relation.kind === 'equal') {
        // The margins overlap (a crossed breakdown, its single breakdowns and the overall row):
        // an equation that follows from those already kept only slows the simplex down.
        const row = new Array<number>(members.length + 1).fill(0);
        for (const t of terms) row[position.get(t.cell)!] += t.coefficient;
        row[members.length] = known;
        if (!basis.add(row)) return;
      }
      const name = `r${r}`;
      constraints.set(name, relation.kind === 'equal' ? { equal: -known } : { max: -known });
      for (const t of terms) coefficients.get(t.cell)!.push([name, t.coefficient]);
    });
    for (const m of members) {
      const [low, high] = bounds[m];
      if (low === 0 && high === Infinity) continue; // yalps variables are never negative
      const name = `b${m}`;
      constraints.set(name, Number.isFinite(high) ? { min: low, max: high } : { min: low });
      coefficients.get(m)!.push([name, 1]);
    }
    const optimum = (target: number, direction: 'minimize' | 'maximize'): number => {
      const variables = new Map<string, [string, number][]>();
      for (const [m, terms] of coefficients) {
        variables.set(`x${m}`, m === target ? [...terms, ['objective', 1]] : terms);
      }
      const model: Model<string, string> = {
        direction,
        objective: 'objective',
        constraints,
        variables,
      };
      // The linear relaxation first: when its optimum is a whole-number point, that point is
      // also the integer optimum. Otherwise branch and bound (integers: true).
      const relaxed = solve(model);
      if (relaxed.status === 'unbounded') return direction === 'maximize' ? Infinity : -Infinity;
      if (relaxed.status === 'infeasible') return Number.NaN;
      const whole = (x: number): boolean => Math.abs(x - Math.round(x)) < 1e-7;
      if (relaxed.status === 'optimal' && relaxed.variables.every(([, x]) => whole(x))) {
        return Math.round(relaxed.result) + 0;
      }
      const solution = solve({ ...model, integers: true }, { timeout: 20000 });
      if (solution.status === 'infeasible') return Number.NaN;
      if (solution.status !== 'optimal') {
        throw new Error(`yalps: ${solution.status} for cell ${target} (${direction})`);
      }
      return Math.round(solution.result) + 0;
    };
    for (const m of members) {
      const low = optimum(m, 'minimize');
      if (Number.isNaN(low)) {
        infeasible.push(`no whole counts fit the identities around cell ${m}`);
        for (const other of members) ranges.set(other, [Number.NaN, Number.NaN]);
        break;
      }
      ranges.set(m, [low, optimum(m, 'maximize')]);
    }
  }
  // A suppressed cell that the rule alone pins (a label-only group with minCount 2 has n = 1).
  system.cells.forEach((cell, i) => {
    if (cell.published === null && !unknown(i)) ranges.set(i, bounds[i]);
  });
  return { ranges, inconsistencies: [...inconsistencies(system, bounds), ...infeasible] };
}

/** Rows in reduced echelon form: `add` keeps a row only when it is independent of those kept. */
class EchelonBasis {
  private rows: { pivot: number; row: number[] }[] = [];
  constructor(private width: number) {}

  add(input: number[]): boolean {
    const row = [...input];
    for (const kept of this.rows) {
      const factor = row[kept.pivot];
      if (factor === 0) continue;
      for (let i = 0; i < this.width; i++) row[i] -= factor * kept.row[i];
    }
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot === -1) return false;
    const scale = row[pivot];
    for (let i = 0; i < this.width; i++)
      row[i] = Math.abs(row[i] / scale) < 1e-12 ? 0 : row[i] / scale;
    for (const kept of this.rows) {
      const factor = kept.row[pivot];
      if (factor === 0) continue;
      for (let i = 0; i < this.width; i++) kept.row[i] -= factor * row[i];
    }
    this.rows.push({ pivot, row });
    return true;
  }
}

/**
 * The same ranges by trying every assignment of the unknown cells from 0 to `limit` (for small
 * hand-made tables, to check the linear programming against).
 */
export function exhaustiveRanges(
  system: CountSystem,
  limit: number,
  options: CheckOptions = {},
): Map<number, [number, number]> {
  const bounds = cellBounds(system, options);
  const unknowns = system.cells.map((_, i) => i).filter((i) => bounds[i][0] !== bounds[i][1]);
  const value = bounds.map(([low]) => low);
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
    const [low, high] = bounds[cell];
    for (let v = low; v <= Math.min(high, limit); v++) {
      value[cell] = v;
      visit(depth + 1);
    }
  };
  visit(0);
  return ranges;
}

/**
 * Checks a published report: the feasible range of every suppressed count.
 *
 * @example
 * checkReport(JSON.parse(stdout)).recovered // [] when no suppressed count can be worked back
 */
export function checkReport(report: unknown, options: CheckOptions = {}): CheckResult {
  return checkTable(countTable(report), options);
}

export function checkTable(table: CountTable, options: CheckOptions = {}): CheckResult {
  const system = countSystem(table, options);
  const { ranges: found, inconsistencies } = feasibleRanges(system, options);
  const ranges: CellRange[] = [];
  system.cells.forEach((cell, index) => {
    if (cell.published !== null) return;
    const [min, max] = found.get(index) ?? [Number.NaN, Number.NaN];
    ranges.push({
      cell: index,
      breakdown: cell.row.breakdown,
      label: cell.row.label,
      field: cell.field,
      min,
      max,
      recovered: min === max,
    });
  });
  return { system, ranges, recovered: ranges.filter((r) => r.recovered), inconsistencies };
}

/** `client-group "LD": up = 3` lines, for failure messages. */
export function describeRanges(ranges: CellRange[]): string[] {
  return ranges.map(
    (r) =>
      `${r.breakdown} "${r.label}" ${r.field}: ${r.min === r.max ? `= ${r.min}` : `${r.min}..${r.max}`}`,
  );
}

/**
 * Counts from 1 to minCount - 1 that a report shows anywhere a reader would look: the count
 * cells, agreement.n and points.n of each row, clientGroups[].count, rows.used and
 * inputs[].rowsUsed. Each as `where: value`.
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
  const rowsOf: [string, unknown][] = [['overall', report.overall]];
  for (const breakdown of Array.isArray(report.breakdowns) ? report.breakdowns : []) {
    if (!isRecord(breakdown) || !Array.isArray(breakdown.groups)) continue;
    const name = Array.isArray(breakdown.by) ? breakdown.by.join('+') : '?';
    for (const group of breakdown.groups) {
      rowsOf.push([`${name} "${isRecord(group) ? String(group.label) : '?'}"`, group]);
    }
  }
  for (const [where, figures] of rowsOf) {
    if (!isRecord(figures)) continue;
    for (const field of COUNTS) look(`${where} ${field}`, figures[field]);
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
  return found;
}
