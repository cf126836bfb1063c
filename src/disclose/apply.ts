/**
 * statistics -> publishable statistics. Small counts become `null` (shown as `[c]`, the GSS
 * marker) and are listed in the figures' `suppressed`; a group of fewer than minCount records
 * keeps only its label; counts may be rounded; and a run with suppression turned off says on its
 * first line that it is not for publication.
 */
import { wilsonInterval } from '../analysis/stats/intervals.js';
import type { Report } from '../report/model.js';
import { countSystem, type CountField } from './cells.js';
import { RANK_SAFE, roundTo } from './rules.js';
import { suppressCounts } from './suppress.js';
import { CLIENT_GROUP_WARNING, clientGroupWarning } from '../report/model.js';

export interface DisclosureSettings {
  /** Counts from 1 to minCount - 1 are suppressed; groups smaller than it are withheld. */
  minCount: number;
  /** Round published counts to the nearest multiple of this; null for none. */
  roundCounts: number | null;
  /** False: publish everything, with a notice that the output is not for publication. */
  suppression: boolean;
}

export const NOT_FOR_PUBLICATION =
  'NOT FOR PUBLICATION: small-number suppression is off (--no-suppression), so this output may contain counts small enough to identify people.';

export interface Disclosure {
  suppression: boolean;
  minCount: number | null;
  roundCounts: number | null;
  /** Cells hidden because they are small, and further cells hidden so they cannot be worked back. */
  primaryCells: number;
  secondaryCells: number;
  note: string;
}

/** Figures that can carry suppression: a group, the overall row, a client-group count. */
type Figures = Record<string, unknown> & { suppressed?: string[] };

/** Fields that state n or give it back: mean gap = net gap / n; agreement and points carry n. */
const CARRY_N = ['meanGap', 'meanGapCi', 'agreement', 'points'];

/** Additive money figures, and those worked out from them. */
const MONEY = ['totalIndicative', 'totalActual', 'netGap', 'netGapPct', 'meanGap', 'meanGapCi'];

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

const SHARE_OF: Partial<Record<CountField, string[]>> = {
  up: ['upShare', 'upShareCi'],
  down: ['downShare', 'downShareCi'],
  unchanged: ['unchangedShare'],
};

/**
 * @example
 * const published = disclose(report, { minCount: 5, roundCounts: null, suppression: true });
 */
export function disclose(report: Report, settings: DisclosureSettings): Report {
  const published = structuredClone(report) as Report;
  if (!settings.suppression) {
    const { ...rest } = published;
    return {
      notice: NOT_FOR_PUBLICATION,
      ...rest,
      disclosure: {
        suppression: false,
        minCount: null,
        roundCounts: settings.roundCounts,
        primaryCells: 0,
        secondaryCells: 0,
        note: NOT_FOR_PUBLICATION,
      },
    } as Report;
  }
  const system = countSystem(published);
  const { primary, secondary } = suppressCounts(system, settings.minCount);
  const figuresOf = (breakdown: number, group: number): Figures =>
    (breakdown < 0
      ? published.overall
      : published.breakdowns[breakdown].groups[group]) as unknown as Figures;

  // A group (or the whole run) of fewer than minCount people keeps only its label.
  const withheld = new Set<Figures>();
  system.cells.forEach((cell, index) => {
    if (cell.field === 'n' && primary.has(index))
      withheld.add(figuresOf(cell.breakdown, cell.group));
  });
  for (const figures of withheld) withhold(figures);

  system.cells.forEach((cell, index) => {
    if (!primary.has(index) && !secondary.has(index)) return;
    const figures = figuresOf(cell.breakdown, cell.group);
    if (withheld.has(figures)) return;
    hide(figures, cell.field);
    // A share beside a shown total gives the count back; with the total hidden, every share would.
    for (const field of cell.field === 'n'
      ? ['upShare', 'downShare', 'unchangedShare', 'upShareCi', 'downShareCi']
      : (SHARE_OF[cell.field] ?? [])) {
      hide(figures, field);
    }
    // The exact sign test is a function of up and down alone.
    if (cell.field === 'up' || cell.field === 'down') {
      hide(figures, 'signTestP');
      hide(figures, 'signTestPHolm');
    }
    // Figures that carry n, or give it back (net gap / mean gap), go with a hidden n.
    if (cell.field === 'n') for (const field of CARRY_N) hide(figures, field);
    // The signed-rank test is a function of the signs of the gaps: with a direction count hidden
    // it would narrow it down; so would order statistics in a small group.
    if (cell.field === 'up' || cell.field === 'down' || cell.field === 'unchanged') {
      for (const field of RANK_TESTS) hide(figures, field);
      const n =
        cell.breakdown < 0
          ? report.overall.n
          : report.breakdowns[cell.breakdown].groups[cell.group].n;
      if (n < RANK_SAFE * settings.minCount)
        for (const field of ORDER_STATISTICS) hide(figures, field);
    }
  });

  // Money totals add up across a breakdown's groups like counts: the overall total less the
  // shown groups would give a hidden group's total, for as few as one person. Hide totals in
  // more groups (the smallest first) until the hidden ones hold two groups and minCount people.
  for (const breakdown of published.breakdowns) {
    const groups = breakdown.groups as unknown as Figures[];
    const hiddenMoney = groups.filter((group) => group.suppressed?.includes('totalIndicative'));
    if (hiddenMoney.length === 0) continue;
    const trueN = (group: Figures): number =>
      report.breakdowns[published.breakdowns.indexOf(breakdown)].groups[groups.indexOf(group)].n;
    const open = groups
      .filter((group) => !hiddenMoney.includes(group))
      .sort((a, b) => trueN(a) - trueN(b));
    let people = hiddenMoney.reduce((sum, group) => sum + trueN(group), 0);
    while ((hiddenMoney.length < 2 || people < settings.minCount) && open.length > 0) {
      const next = open.shift()!;
      for (const field of MONEY) hide(next, field);
      hiddenMoney.push(next);
      people += trueN(next);
    }
    // A comparison of two groups where one shows only its label would describe that one.
    if (groups.some((group) => withheld.has(group)) && breakdown.comparison?.twoGroups) {
      delete breakdown.comparison.twoGroups;
    }
  }

  // RAS-point figures rest on the people with points: too few of them, and they are withheld.
  for (const figures of [published.overall, ...published.breakdowns.flatMap((b) => b.groups)]) {
    const points = (figures as unknown as Figures).points as { n: number } | undefined | null;
    if (points && points.n < settings.minCount) hide(figures as unknown as Figures, 'points');
  }

  // Rows used are the overall n (and each file's its own): hidden with it, and so are the counts
  // of excluded rows by reason (and their lines), since rows read less those is the same number.
  if ((published.overall as unknown as Figures).suppressed?.includes('n')) {
    // Rows read too: with no exclusions listed, it would equal the hidden n.
    published.rows.read = null as unknown as number;
    published.rows.used = null as unknown as number;
    published.rows.excluded = null as unknown as number;
    for (const input of published.inputs) {
      input.rowsRead = null as unknown as number;
      input.rowsUsed = null as unknown as number;
    }
    // None within rounding says nothing of how many records there are: 0 stays.
    if (published.rows.unchangedWithinRounding !== 0) {
      published.rows.unchangedWithinRounding = null as unknown as number;
    }
    published.rows.exclusions = published.rows.exclusions.map((item) => ({
      ...item,
      count: null as unknown as number,
      lines: [],
      ...(item.files ? { files: [] } : {}),
    }));
  } else if (
    published.inputs.length > 1 &&
    published.breakdowns.some(
      (b) =>
        b.by.includes('source') &&
        b.groups.some((g) => (g as unknown as Figures).suppressed?.includes('n')),
    )
  ) {
    for (const input of published.inputs) input.rowsUsed = null as unknown as number;
  }

  // Records unchanged within rounding are some of the overall unchanged: a small count is hidden,
  // and so is any count beside a hidden overall unchanged (it would bound it from below).
  const withinRounding = published.rows.unchangedWithinRounding;
  if (
    typeof withinRounding === 'number' &&
    withinRounding > 0 &&
    (withinRounding < settings.minCount ||
      (published.overall as unknown as Figures).suppressed?.includes('unchanged'))
  ) {
    published.rows.unchangedWithinRounding = null as unknown as number;
  }

  for (const group of published.clientGroups) {
    const figures = group as unknown as Figures;
    if (group.count >= 1 && group.count < settings.minCount) hide(figures, 'count');
  }
  // The warning about unrecognised labels names their counts: not the hidden ones. Other
  // warnings count rows ("for 3 rows"): a small number there is hidden like any count.
  published.warnings = published.warnings.map((warning) =>
    warning.startsWith(CLIENT_GROUP_WARNING)
      ? clientGroupWarning(published.clientGroups)!
      : warning.replace(
          /\b(\d+) (rows?|records?|people|person)\b/g,
          (whole, count: string, noun: string) =>
            Number(count) >= 1 && Number(count) < settings.minCount ? `[c] ${noun}` : whole,
        ),
  );

  if (settings.roundCounts !== null) {
    const every = [published.overall, ...published.breakdowns.flatMap((b) => b.groups)];
    for (const figures of every) roundFigures(figures as unknown as Figures, settings.roundCounts);
    for (const group of published.clientGroups) {
      if (group.count !== null) group.count = roundTo(group.count, settings.roundCounts);
    }
    // Exact figures that would give the unrounded counts back.
    for (const figures of every as unknown as Figures[]) {
      for (const field of [...CARRY_N, 'signTestP', 'signTestPHolm']) hide(figures, field);
    }
    if (typeof published.rows.unchangedWithinRounding === 'number') {
      published.rows.unchangedWithinRounding = roundTo(
        published.rows.unchangedWithinRounding,
        settings.roundCounts,
      );
    }
    if (published.rows.used !== null) {
      published.rows.used = roundTo(published.rows.used, settings.roundCounts);
      published.rows.excluded = published.rows.read - published.rows.used;
    }
    for (const input of published.inputs) {
      if (input.rowsUsed !== null) input.rowsUsed = roundTo(input.rowsUsed, settings.roundCounts);
    }
  }

  published.disclosure = {
    suppression: true,
    minCount: settings.minCount,
    roundCounts: settings.roundCounts,
    primaryCells: primary.size,
    secondaryCells: secondary.size,
    note: `Counts from 1 to ${settings.minCount - 1} are shown as [c] (JSON null, named in "suppressed"), with further cells hidden so that none can be worked back from totals; groups of fewer than ${settings.minCount} records show only their label${settings.roundCounts ? `; counts are rounded to the nearest ${settings.roundCounts}` : ''}.`,
  };
  return published;
}

function hide(figures: Figures, field: string): void {
  if (!(field in figures)) return;
  figures[field] = null;
  figures.suppressed ??= [];
  if (!figures.suppressed.includes(field)) figures.suppressed.push(field);
}

/** Everything but the group's name. */
function withhold(figures: Figures): void {
  for (const field of Object.keys(figures)) {
    if (field === 'key' || field === 'label' || field === 'suppressed') continue;
    hide(figures, field);
  }
}

function roundFigures(figures: Figures, step: number): void {
  for (const field of ['n', 'up', 'down', 'unchanged', 'zeroIndicative']) {
    if (typeof figures[field] === 'number')
      figures[field] = roundTo(figures[field] as number, step);
  }
  // Shares from the rounded counts, or they would give the exact counts back.
  const n = figures.n as number | null;
  const confidence = typeof figures.confidence === 'number' ? figures.confidence : null;
  for (const [count, share, interval] of [
    ['up', 'upShare', 'upShareCi'],
    ['down', 'downShare', 'downShareCi'],
    ['unchanged', 'unchangedShare', null],
  ] as const) {
    const value = figures[count] as number | null;
    if (figures[share] === null || value === null || n === null) continue;
    figures[share] = n === 0 ? null : value / n;
    if (interval && figures[interval] !== undefined && figures[interval] !== null) {
      figures[interval] =
        confidence === null || n === 0 ? null : wilsonInterval(value, n, confidence);
    }
  }
}
