/**
 * The exact report -> the published report. This stage owns every publishing rule: small counts
 * become null (shown as `[c]`, the GSS marker) with the reason in the row's `withheld`; a group
 * of fewer than minCount records keeps only its label; money totals that one or two budgets
 * dominate are hidden; further cells are hidden so that none of those can be worked back from
 * any sum in the same output (suppress.ts, audited by linear programming); figures that would give
 * a hidden one back go with it; counts may be rounded; chart data and warnings go through the same
 * rules; and a run with suppression turned off says first that it is not for publication.
 */
import type { ExactReport } from '../analysis/report.js';
import { isColumnDimension } from '../analysis/dimensions.js';
import type { GroupStatistics } from '../analysis/summary.js';
import { wilsonInterval } from '../analysis/stats/intervals.js';
import { mapCounts, wordWarning } from '../ingest/warnings.js';
import { bandIndex, cellSystem, isCount, type CellField } from './cells.js';
import { councilFunnel } from '../analysis/councils.js';
import { SELECTION_REASONS } from '../ingest/exclusions.js';
import { publishCharts } from './charts.js';
import { failsPRule } from './dominance.js';
import { withSolver } from './highs.js';
import { DOMINANCE_P, RANK_SAFE, roundTo } from './rules.js';
import { BAND_AUDIT_LIMIT, suppressCells, type HiddenBecause, type RowFacts } from './suppress.js';
import type { PublishedFigures, PublishedGroup, PublishedReport, WithheldReason } from './types.js';

export interface DisclosureSettings {
  /** Counts from 1 to minCount - 1 are suppressed; groups smaller than it are withheld. */
  minCount: number;
  /** Round published counts to the nearest multiple of this; null for none. */
  roundCounts: number | null;
  /** False: publish everything, with a notice that the output is not for publication. */
  suppression: boolean;
  /** p of the p% rule for money totals (default 10). */
  dominanceP?: number;
}

export const NOT_FOR_PUBLICATION =
  'NOT FOR PUBLICATION: small-number suppression is off (--no-suppression), so this output may contain counts small enough to identify people.';

/** A row's figures while they are being published: any field may be set to null. */
type Row = Record<string, unknown> & {
  suppressed?: string[];
  withheld?: Record<string, WithheldReason>;
};

/** Fields that state n or give it back: mean gap = net gap / n; agreement and points carry n. */
const CARRY_N = ['meanGap', 'meanGapCi', 'agreement', 'points'];

/**
 * Figures worked from a row's money totals: net gap % = net gap / total indicative, mean gap =
 * net gap / n, and the agreement figures (the Bland–Altman bias is the mean gap; the calibration
 * line passes through the mean budgets).
 */
const FROM_MONEY = ['netGapPct', 'meanGap', 'meanGapCi', 'agreement'];

/**
 * Figures that are single records' values, or rank their signs: beside a hidden up, down or
 * unchanged count in a small group they bound it (a first quartile above 0 in a group of 5 with
 * none unchanged says at most one went down). Withheld there below RANK_SAFE × minCount records.
 */
const ORDER_STATISTICS = [
  'medianGap',
  'q1Gap',
  'q3Gap',
  'medianPctGap',
  'medianGapCi',
  'medianPctGapCi',
];
const RANK_TESTS = ['wilcoxonP', 'wilcoxonPHolm', 'wilcoxonMethod'];
/** The order statistics of the % gap: beside a hidden gap band in a small group they bound it. */
const PCT_ORDER_STATISTICS = ['medianPctGap', 'medianPctGapCi'];
const POUND_ORDER_STATISTICS = ['medianGap', 'q1Gap', 'q3Gap', 'medianGapCi'];

/** What a hidden count takes with it: shares give it back beside n, and the sign test is of up and down. */
const WITH_COUNT: Record<string, string[]> = {
  n: ['upShare', 'downShare', 'unchangedShare', 'upShareCi', 'downShareCi', ...CARRY_N],
  up: ['upShare', 'upShareCi', 'signTestP', 'signTestPHolm', ...RANK_TESTS],
  down: ['downShare', 'downShareCi', 'signTestP', 'signTestPHolm', ...RANK_TESTS],
  unchanged: ['unchangedShare', ...RANK_TESTS],
  zeroIndicative: [],
};

/**
 * @example
 * const published = await publish(exact, { minCount: 5, roundCounts: null, suppression: true });
 */
export async function publish(
  exact: ExactReport,
  settings: DisclosureSettings,
): Promise<PublishedReport> {
  const dominanceP = settings.dominanceP ?? DOMINANCE_P;
  if (!settings.suppression) return unsuppressed(exact);
  const published = copyOf(exact);
  const { overall, breakdowns } = published as unknown as {
    overall: Row;
    breakdowns: { groups: Row[]; comparison?: { twoGroups?: unknown } }[];
  };

  const { minCount } = settings;
  const system = cellSystem(exact);
  const exactRow = (b: number, g: number): GroupStatistics =>
    b < 0 ? exact.overall : exact.breakdowns[b].groups[g];
  const rowOf = rowFacts(exact, dominanceP);
  const { hidden, leftOut, bandsWithheld } = await withSolver((highs) =>
    suppressCells(highs, system, rowOf, { minCount, dominanceP }),
  );
  const rowFigures = (b: number, g: number): Row => (b < 0 ? overall : breakdowns[b].groups[g]);

  // A group (or the whole run) of fewer than minCount people keeps only its label.
  const withheldRows = new Set<Row>();
  system.cells.forEach((cell, index) => {
    if (cell.field === 'n' && hidden.get(index) === 'fewer-than-k') {
      withheldRows.add(rowFigures(cell.breakdown, cell.group));
    }
  });
  for (const row of withheldRows) {
    for (const field of Object.keys(row)) {
      if (field !== 'key' && field !== 'label') hide(row, field, 'fewer-than-k');
    }
  }

  for (const [index, because] of hidden) {
    const cell = system.cells[index];
    const row = rowFigures(cell.breakdown, cell.group);
    if (withheldRows.has(row)) continue;
    const reason = publishedReason(cell.field, because);
    hide(row, cell.field, reason);
    for (const field of dependents(cell.field)) hide(row, field, reason);
    // The signs of the gaps bound a hidden direction count in a small group; the sizes of the
    // % gaps a hidden band count (the % median and its interval's ends are records' % gaps).
    if (cell.field === 'up' || cell.field === 'down' || cell.field === 'unchanged') {
      if (exactRow(cell.breakdown, cell.group).n < RANK_SAFE * minCount) {
        for (const field of ORDER_STATISTICS) hide(row, field, reason);
      }
    }
    if (bandIndex(cell.field) !== null) {
      if (exactRow(cell.breakdown, cell.group).n < RANK_SAFE * minCount) {
        for (const field of PCT_ORDER_STATISTICS) hide(row, field, reason);
      }
    }
    // In a small group the pound gaps' order statistics (quartiles, median and the ends of its
    // interval) are single records' gaps, whose sum is the hidden net gap.
    if (!isCount(cell.field) && exactRow(cell.breakdown, cell.group).n < RANK_SAFE * minCount) {
      for (const field of POUND_ORDER_STATISTICS) hide(row, field, reason);
    }
  }

  for (const breakdown of breakdowns) {
    // A comparison of two groups where one hides its n: Mann–Whitney's U with the rank-biserial
    // effect gives n(a) × n(b) back, and a group shown only by its label would be described.
    if (breakdown.groups.some((group) => group.n === null) && breakdown.comparison?.twoGroups) {
      delete breakdown.comparison.twoGroups;
    }
  }

  // RAS-point figures rest on the people with points: too few of them, and they are withheld;
  // then the people with points add up across groups, so no group says how many.
  const rows = [overall, ...breakdowns.flatMap((b) => b.groups)];
  for (const row of rows) {
    const points = row.points as { n: number } | undefined | null;
    if (points && points.n < minCount) hide(row, 'points', 'fewer-than-k');
  }
  if (rows.some((row) => row.withheld?.points !== undefined)) {
    for (const row of rows) {
      const points = row.points as { n: number | null } | undefined | null;
      if (points) points.n = null;
    }
  }

  hideRowCounts(published, minCount);
  hideSelectionCounts(published, minCount);
  // Records unchanged within rounding are some of the overall unchanged: a small count is hidden,
  // and so is any count beside a hidden overall unchanged (it would bound it from below).
  const withinRounding = published.rows.unchangedWithinRounding;
  if (
    typeof withinRounding === 'number' &&
    withinRounding > 0 &&
    (withinRounding < minCount || overall.unchanged === null)
  ) {
    published.rows.unchangedWithinRounding = null;
  }

  hideLabelCounts(published, minCount);
  const readHidden = protectRowsRead(published);
  // A count of people in a warning ("for 6 rows", "Day Services (6)") can equal a hidden cell
  // (the Unknown age band, an unmapped group hidden as secondary) and is no cell the audit
  // knows: none is published (with k = 1 nothing is hidden). `rasgap inspect` gives them.
  published.warnings = exact.warnings.map((item) =>
    wordWarning(
      mapCounts(
        item,
        (count) => (minCount > 1 ? null : count),
        (count) => (readHidden ? null : count),
      ),
    ),
  );

  // Small groups whose labels alone would give sizes away are left out, and the breakdown says so.
  if (leftOut.size > 0) {
    published.breakdowns.forEach((breakdown, b) => {
      const before = breakdown.groups.length;
      breakdown.groups = breakdown.groups.filter((_, g) => !leftOut.has(`${b}/${g}`));
      if (breakdown.groups.length < before) breakdown.groupsLeftOut = true;
    });
  }
  // Said in every format: why a column breakdown lists no small group even where counts allow it.
  const freeText = new Set(
    published.breakdowns
      .filter((breakdown) => breakdown.groupsLeftOut)
      .flatMap((breakdown) => breakdown.by.filter(isColumnDimension)),
  );
  for (const dimension of freeText) {
    published.warnings.push(
      `${dimension}: groups of fewer than ${minCount} people are left out, not listed by their labels: the labels are text from the export and could identify someone`,
    );
  }

  if (bandsWithheld) {
    published.warnings.push(
      `gap bands not published: the tables hide ${bandsWithheld.tablesHidden} figures, more than the ${BAND_AUDIT_LIMIT} around which the bands can be checked in reasonable time, so every band is hidden rather than published unchecked; fewer or coarser breakdowns (e.g. without the crossed one) publish them`,
    );
  }

  if (settings.roundCounts !== null) roundReport(published, settings.roundCounts);
  publishFunnels(published);

  if (exact.charts) {
    published.charts = publishCharts(exact.charts, published.breakdowns, published.overall, {
      minCount,
      roundCounts: settings.roundCounts,
      confidence: exact.options.confidence,
    });
  }

  const primary = [...hidden.values()].filter((reason) => reason !== 'secondary').length;
  published.disclosure = {
    suppression: true,
    minCount,
    roundCounts: settings.roundCounts,
    dominanceP,
    primaryCells: primary,
    secondaryCells: hidden.size - primary,
    cellsHidden: hidden.size,
    cellsPublished: system.cells.length - hidden.size,
    note: `Counts from 1 to ${minCount - 1} are shown as [c] (JSON null, named in "suppressed" with the reason in "withheld"); groups of fewer than ${minCount} records show only their label; money totals are hidden where one or two budgets make up all but ${dominanceP}% of them (the p% rule); further cells are hidden so that none of these can be worked back from any sum in this output${settings.roundCounts ? `; counts are rounded to the nearest ${settings.roundCounts}` : ''}.`,
  };
  return published;
}

/**
 * Everything published as it is, first saying that it is not for publication
 * (`--no-suppression`, for internal use).
 *
 * @example
 * unsuppressed(exact).notice // 'NOT FOR PUBLICATION: ...'
 */
export function unsuppressed(exact: ExactReport): PublishedReport {
  const published = copyOf(exact);
  published.warnings = exact.warnings.map(wordWarning);
  published.disclosure = {
    suppression: false,
    minCount: null,
    roundCounts: null,
    dominanceP: null,
    primaryCells: 0,
    secondaryCells: 0,
    cellsHidden: 0,
    cellsPublished: 0,
    note: NOT_FOR_PUBLICATION,
  };
  if (exact.charts) {
    published.charts = publishCharts(exact.charts, published.breakdowns, published.overall, {
      minCount: null,
      roundCounts: null,
      confidence: exact.options.confidence,
    });
  }
  return { notice: NOT_FOR_PUBLICATION, ...published };
}

/** The exact report as a published one with nothing hidden yet (a deep copy). */
function copyOf(exact: ExactReport): PublishedReport {
  const copy = <T>(figures: T): Row => {
    const { largest: _largest, ...rest } = structuredClone(figures) as T & { largest?: unknown };
    void _largest;
    return rest as Row;
  };
  const { overall, breakdowns, charts: _charts, warnings: _warnings, ...rest } = exact;
  void [_charts, _warnings];
  return {
    ...structuredClone(rest),
    overall: copy(overall),
    breakdowns: breakdowns.map((breakdown) => ({
      ...structuredClone(breakdown),
      groups: breakdown.groups.map(copy),
    })),
    warnings: [],
  } as unknown as PublishedReport;
}

/**
 * What secondary suppression needs to know of each row: its size, whether it is an Unknown or
 * unmapped group, and whether one or two budgets dominate its money totals.
 *
 * @example
 * rowFacts(exact, 10)(-1, -1) // { n: 1840, unknown: false, dominated: false }
 */
export function rowFacts(
  exact: ExactReport,
  dominanceP: number,
): (breakdown: number, group: number) => RowFacts {
  const unmapped = new Set(
    exact.clientGroups.filter((group) => group.canonical === null).map((group) => group.label),
  );
  return (b, g) => {
    const figures = b < 0 ? exact.overall : exact.breakdowns[b].groups[g];
    const key = b < 0 ? {} : exact.breakdowns[b].groups[g].key;
    const largest = figures.largest;
    return {
      n: figures.n,
      crossed: b >= 0 && exact.breakdowns[b].by.length > 1,
      freeText: b >= 0 && exact.breakdowns[b].by.some(isColumnDimension),
      unknown:
        Object.values(key).includes('Unknown') ||
        (key.clientGroup !== undefined && unmapped.has(key.clientGroup)) ||
        (key.rawClientGroup !== undefined && unmapped.has(key.rawClientGroup)),
      dominated:
        largest !== undefined &&
        (failsPRule(figures.totalIndicative, largest.indicative, dominanceP) ||
          failsPRule(figures.totalActual, largest.actual, dominanceP)),
    };
  };
}

/**
 * The reason a hidden cell of a group that shows its figures is published with. A direction or
 * zero-indicative count says only "small or secondary": a reader told that a count is secondary
 * would know it is not 1 to k - 1, and could narrow a small one beside it. A hidden n there is at
 * least k either way, and money says which rule hid it.
 */
function publishedReason(field: CellField, because: HiddenBecause): WithheldReason {
  if (isCount(field) && field !== 'n') return 'small-or-secondary';
  return because;
}

/** The figures a hidden additive cell takes with it (a band count: none). */
function dependents(field: CellField): string[] {
  if (bandIndex(field) !== null) return [];
  return isCount(field) ? (WITH_COUNT[field] ?? []) : FROM_MONEY;
}

/**
 * A council's funnel is worked from its n and its share moved down, against the overall share
 * moved down: published only where all three are, and then worked from the published figures
 * (rounded ones, with --round-counts), so that it says nothing they do not. Otherwise withheld
 * with the reason of the figure it would give back.
 */
function publishFunnels(published: PublishedReport): void {
  const overall = published.overall as Row;
  for (const breakdown of published.breakdowns) {
    for (const group of breakdown.groups as unknown as Row[]) {
      if (group.funnel === undefined || group.funnel === null) continue;
      const reason =
        group.withheld?.n ??
        group.withheld?.downShare ??
        group.withheld?.down ??
        overall.withheld?.downShare ??
        overall.withheld?.n;
      const n = group.n as number | null;
      const share = group.downShare as number | null;
      const target = overall.downShare as number | null;
      if (reason !== undefined || n === null || share === null || target === null) {
        hide(group, 'funnel', reason ?? 'secondary');
        continue;
      }
      group.funnel = councilFunnel(target, n, share);
    }
  }
}

function hide(row: Row, field: string, reason: WithheldReason): void {
  if (field === 'bands' && Array.isArray(row.bands)) {
    // Each band on its own, as the cells name them.
    row.bands.forEach((_, i) => hide(row, `bands[${i}]`, reason));
    return;
  }
  const band = bandIndex(field);
  if (band !== null) {
    const bands = row.bands as (number | null)[] | undefined;
    if (bands === undefined || band >= bands.length) return;
    bands[band] = null;
  } else if (!(field in row)) return;
  else row[field] = null;
  row.suppressed ??= [];
  row.withheld ??= {};
  if (!row.suppressed.includes(field)) {
    row.suppressed.push(field);
    row.withheld[field] = reason;
  }
}

/**
 * The count of each client-group label as written adds up to its group's n (and, with a group
 * map, several labels to one group): published only where the group's n is published in a
 * breakdown by client group, and no label of that group is small; otherwise every label of the
 * group is hidden, so that none is a difference of the others.
 */
function hideLabelCounts(published: PublishedReport, minCount: number): void {
  const byGroup = published.breakdowns.find((b) => b.by.length === 1 && b.by[0] === 'clientGroup');
  const shownN = new Map(
    (byGroup?.groups ?? []).map((group) => [group.key.clientGroup ?? group.label, group.n]),
  );
  const groupOf = (label: { label: string; canonical: string | null }): string =>
    label.canonical ?? label.label;
  const hiddenGroups = new Set<string>();
  for (const label of published.clientGroups) {
    const n = shownN.get(groupOf(label));
    const small = label.count !== null && label.count >= 1 && label.count < minCount;
    if (n === undefined || n === null || small) hiddenGroups.add(groupOf(label));
  }
  for (const label of published.clientGroups) {
    if (!hiddenGroups.has(groupOf(label)) || label.count === null) continue;
    label.count = null;
    label.suppressed = ['count'];
  }
}

/**
 * Rows used are the overall n (and each file's its own): hidden with it, and so are rows read and
 * the counts of excluded rows by reason (and their lines), since rows read less those is the same
 * number.
 */
function hideRowCounts(published: PublishedReport, minCount: number): void {
  const overall = published.overall as Row;
  if (overall.suppressed?.includes('n')) {
    published.rows.read = null;
    published.rows.used = null;
    published.rows.excluded = null;
    for (const input of published.inputs) {
      input.rowsRead = null;
      input.rowsUsed = null;
    }
    // None within rounding says nothing of how many records there are: 0 stays.
    if (published.rows.unchangedWithinRounding) published.rows.unchangedWithinRounding = null;
    // Their lines go too, in protectRowsRead, as everywhere rows read are hidden.
    published.rows.exclusions = published.rows.exclusions.map((item) => ({ ...item, count: null }));
  } else if (published.inputs.length > 1) {
    // Each file's rows used are a breakdown by file: hidden where a file's n is hidden or small,
    // with its rows read (and so, in protectRowsRead, the lines of its exclusions).
    const sourceHidden = published.breakdowns.some(
      (b) => b.by.includes('source') && b.groups.some((g) => g.n === null),
    );
    const smallFile = published.inputs.some(
      (input) => input.rowsUsed !== null && input.rowsUsed >= 1 && input.rowsUsed < minCount,
    );
    if (sourceHidden || smallFile) {
      for (const input of published.inputs) {
        input.rowsUsed = null;
        input.rowsRead = null;
      }
    }
  }
}

/**
 * Rows left out by --from/--to/--where are people of other groups (another age band, another
 * year): the report publishes no more of them than one count per reason, never their lines, and a
 * count from 1 to k-1 is hidden like any small group, with rows read and rows excluded (in all
 * and per file) that would give it back as read less used less the other reasons. With several
 * files, each file's rows read go too: less its rows used and its other exclusions (whose lines
 * and files count them when there are few), they would give a file's own filtered count, which
 * may be small when the total is not.
 */
function hideSelectionCounts(published: PublishedReport, minCount: number): void {
  const selections = published.rows.exclusions.filter((item) =>
    SELECTION_REASONS.includes(item.reason),
  );
  if (selections.length === 0) return;
  for (const item of selections) {
    item.lines = [];
    if (item.files) item.files = [];
  }
  if (published.inputs.length > 1) for (const input of published.inputs) input.rowsRead = null;
  const small = selections.filter(
    (item) => item.count !== null && item.count >= 1 && item.count < minCount,
  );
  if (small.length === 0) return;
  for (const item of small) item.count = null;
  published.rows.read = null;
  published.rows.excluded = null;
  for (const input of published.inputs) input.rowsRead = null;
}

/**
 * Where rows read are hidden (overall, or a file's), nothing else may give them back: not the
 * line numbers of exclusions (from the header line to a last total row they count the rows), and
 * not the privacy guard's rows checked, which are every row of a file under its sample size.
 * Returns whether any rows read are hidden, for the warnings' counts of rows scanned.
 *
 * @example
 * protectRowsRead(published) // true: every exclusion's lines dropped, identifiers' counts null
 */
export function protectRowsRead(published: Pick<PublishedReport, 'rows' | 'inputs'>): boolean {
  const overall = published.rows.read === null;
  if (!overall && published.inputs.every((input) => input.rowsRead !== null)) return false;
  published.rows.exclusions = published.rows.exclusions.map((item) => ({
    ...item,
    lines: [],
    ...(item.files ? { files: [] } : {}),
  }));
  for (const input of published.inputs) {
    if (!overall && input.rowsRead !== null) continue;
    input.identifiers = input.identifiers.map((finding) => ({
      ...finding,
      count: null,
      checked: null,
    }));
  }
  return true;
}

function roundReport(published: PublishedReport, step: number): void {
  const every = [published.overall, ...published.breakdowns.flatMap((b) => b.groups)] as (
    PublishedFigures | PublishedGroup
  )[] as Row[];
  for (const row of every) {
    roundRow(row, step);
    // Exact figures that would give the unrounded counts back.
    for (const field of [...CARRY_N, 'signTestP', 'signTestPHolm']) {
      if (row[field] !== null && row[field] !== undefined) hide(row, field, 'rounding');
    }
  }
  for (const group of published.clientGroups) {
    if (group.count !== null) group.count = roundTo(group.count, step);
  }
  if (typeof published.rows.unchangedWithinRounding === 'number') {
    published.rows.unchangedWithinRounding = roundTo(published.rows.unchangedWithinRounding, step);
  }
  // Every row count is rounded on its own (read less excluded would give used back otherwise),
  // and the lines of exclusions, which count them exactly, are left out.
  const round = (count: number | null): number | null =>
    count === null ? null : roundTo(count, step);
  published.rows.read = round(published.rows.read);
  published.rows.used = round(published.rows.used);
  published.rows.excluded = round(published.rows.excluded);
  published.rows.exclusions = published.rows.exclusions.map((item) => ({
    ...item,
    count: round(item.count),
    lines: [],
    ...(item.files ? { files: [] } : {}),
  }));
  for (const input of published.inputs) {
    input.rowsUsed = round(input.rowsUsed);
    input.rowsRead = round(input.rowsRead);
  }
}

function roundRow(row: Row, step: number): void {
  for (const field of ['n', 'up', 'down', 'unchanged', 'zeroIndicative']) {
    if (typeof row[field] === 'number') row[field] = roundTo(row[field] as number, step);
  }
  if (Array.isArray(row.bands)) {
    row.bands = (row.bands as (number | null)[]).map((count) =>
      count === null ? null : roundTo(count, step),
    );
  }
  // Shares from the rounded counts, or they would give the exact counts back.
  const n = row.n as number | null;
  const confidence = typeof row.confidence === 'number' ? row.confidence : null;
  for (const [count, share, interval] of [
    ['up', 'upShare', 'upShareCi'],
    ['down', 'downShare', 'downShareCi'],
    ['unchanged', 'unchangedShare', null],
  ] as const) {
    const value = row[count] as number | null;
    if (row[share] === null || value === null || n === null) continue;
    row[share] = n === 0 ? null : value / n;
    if (interval && row[interval] !== undefined && row[interval] !== null) {
      row[interval] = confidence === null || n === 0 ? null : wilsonInterval(value, n, confidence);
    }
  }
}
