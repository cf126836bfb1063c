/**
 * Exact chart data -> what the HTML report may draw, by the same rules as the tables:
 * - every breakdown gets a chart set: direction bars and % gap boxes of its published groups
 *   (groups the tables leave out are left out here too, labels and all);
 * - direction bars are the published shares of a breakdown's groups; where two of a group's three
 *   directions are hidden, their combined share is drawn (n and the third give it);
 * - a group's % gap box is drawn only where the tables publish its median, its whiskers only from
 *   WHISKER_MIN values (below, the 10th percentile is a blend with the smallest value), and not
 *   beside a hidden direction count in a group of fewer than WHISKER_SAFE × minCount records (the
 *   10th and 90th percentiles sit among the few records of a small count and bound it);
 * - a bin of 1 to minCount - 1 people is withheld, and where only one would be, the next smallest
 *   with it, so the total does not give it back;
 * - the years are the published financial-year breakdown, when there is one: no sums of their own;
 * - every count is rounded with `--round-counts`, and shares and their intervals are worked from
 *   the rounded counts;
 * - a group's gap-band bar is its published band counts over its published n, the bands withheld
 *   (and the people with no % gap) drawn together as the rest, which those two give anyway;
 * - the funnel plot of a breakdown by source draws the published funnels, and its limits as curves
 *   around the published target.
 */
import type { BinnedPlane, BreakdownBoxes, ChartData } from '../analysis/charts.js';
import { funnelLimits } from '../analysis/stats/funnel.js';
import { WHISKER_MIN, roundTo } from './rules.js';
import type {
  BandBar,
  FunnelChart,
  ChartBreakdown,
  Direction,
  DirectionBar,
  PublishedBox,
  PublishedBreakdown,
  PublishedCharts,
  PublishedFigures,
  PublishedPlane,
  PublishedYear,
  WithheldReason,
} from './types.js';

export interface ChartSettings {
  /** null: suppression off. */
  minCount: number | null;
  roundCounts: number | null;
  /** Level of the years' share-down intervals; null (--no-tests): none. */
  confidence: number | null;
}

/**
 * Beside a hidden up, down or unchanged count, a group's 10th and 90th percentiles are drawn only
 * from this many × minCount records. Below, a count of 1 to minCount - 1 can reach the records
 * they are interpolated from, and their signs say so (a 90th percentile of 0 in 30 records says
 * at most 2 went up). From 10 k, R's type-7 positions (n - 1) / 10 and 9 (n - 1) / 10 leave at
 * least k - 1 records beyond both neighbours, so a sign bounds the count only by k or more, as it
 * would a count that is not small.
 */
export const WHISKER_SAFE = 10;

const DIRECTIONS: [Direction, 'downShare' | 'unchangedShare' | 'upShare'][] = [
  ['down', 'downShare'],
  ['unchanged', 'unchangedShare'],
  ['up', 'upShare'],
];

/**
 * @example
 * publishCharts(exact.charts, published.breakdowns, published.overall, { minCount: 5, roundCounts: null, confidence: 0.95 })
 */
export function publishCharts(
  data: ChartData,
  breakdowns: PublishedBreakdown[],
  overall: PublishedFigures,
  settings: ChartSettings,
): PublishedCharts {
  const { minCount, roundCounts, confidence } = settings;
  const small = (count: number): boolean => minCount !== null && count > 0 && count < minCount;
  const round = (count: number): number =>
    roundCounts === null ? count : roundTo(count, roundCounts);
  // A run of fewer than minCount people shows only that it is one: its charts draw nothing.
  const none = overall.n === null && minCount !== null;
  const sets = breakdowns.map((published): ChartBreakdown => {
    const exact = data.breakdowns.find((b) => b.by.join('+') === published.by.join('+'));
    const set = chartBreakdown(published, exact, { minCount, small, round, none });
    const funnel = funnelChart(published);
    return { ...set, bands: bandBars(published), ...(funnel ? { funnel } : {}) };
  });
  if (none) {
    const blank = (plane: BinnedPlane): PublishedPlane => ({
      xEdges: plane.xEdges,
      yEdges: plane.yEdges,
      counts: plane.counts.map((row) => row.map(() => null)),
      hidden: null,
    });
    return {
      breakdowns: sets,
      scatter: blank(data.scatter),
      blandAltman: blank(data.blandAltman),
      byYear: [],
      minCount,
      roundCounts,
      confidence,
    };
  }
  return {
    breakdowns: sets,
    scatter: publishPlane(data.scatter, small, round),
    blandAltman: publishPlane(data.blandAltman, small, round),
    byYear: publishYears(breakdowns),
    minCount,
    roundCounts,
    confidence,
  };
}

const reasonOf = (figures: PublishedFigures, field: string): WithheldReason =>
  figures.withheld?.[field] ?? 'secondary';

/** One breakdown's direction bars and boxes, for the groups the tables publish, in their order. */
function chartBreakdown(
  published: PublishedBreakdown,
  exact: BreakdownBoxes | undefined,
  rules: {
    minCount: number | null;
    small: (count: number) => boolean;
    round: (count: number) => number;
    none: boolean;
  },
): ChartBreakdown {
  const { minCount, small, round, none } = rules;
  const groups = published.groups;

  const direction = groups.map((group): DirectionBar => {
    if (group.n === null)
      return { label: group.label, n: null, segments: null, withheld: reasonOf(group, 'n') };
    const shown = DIRECTIONS.filter(([, share]) => group[share] !== null);
    const hidden = DIRECTIONS.filter(([, share]) => group[share] === null);
    if (hidden.length === 0) {
      return {
        label: group.label,
        n: group.n,
        segments: DIRECTIONS.map(([name, share]) => ({ directions: [name], share: group[share]! })),
      };
    }
    // Two hidden beside a published n and third: their sum is published already. Only when they
    // are neighbours on the bar (down and unchanged, or unchanged and up).
    if (hidden.length === 2 && hidden.some(([name]) => name === 'unchanged') && group.n > 0) {
      const [[third, share]] = shown;
      const rest = 1 - group[share]!;
      const combined = { directions: hidden.map(([name]) => name), share: rest };
      return {
        label: group.label,
        n: group.n,
        segments:
          third === 'down'
            ? [{ directions: ['down'], share: group[share]! }, combined]
            : [combined, { directions: ['up'], share: group[share]! }],
      };
    }
    return {
      label: group.label,
      n: group.n,
      segments: null,
      withheld: reasonOf(group, hidden[0][0]),
    };
  });

  // Labels from the published groups: a group the tables leave out is not named here either.
  const boxes = groups.map((figures): ChartBreakdown['groups'][number] => {
    const label = figures.label;
    if (none) return { label, box: null, withheld: 'fewer-than-k' };
    // Hidden figures first: whether a small group has any % gap at all (every indicative budget
    // £0) is a fact about its few people.
    if (figures.n === null) return { label, box: null, withheld: reasonOf(figures, 'n') };
    // Drawn wherever the tables publish the group's median (they withhold it for few people).
    if (figures.medianPctGap === null) {
      const reason = figures.withheld?.medianPctGap;
      // Not withheld: the group has no % gap, as its table says.
      return reason ? { label, box: null, withheld: reason } : { label, box: null };
    }
    const group = exact?.groups.find((candidate) => candidate.label === label);
    if (!group?.box) return { label, box: null };
    const box: PublishedBox = {
      // n less the zero indicative budgets: shown only beside both, or it gives a hidden one.
      count:
        figures.zeroIndicative === null || (minCount !== null && small(group.box.count))
          ? null
          : round(group.box.count),
      p10: null,
      q1: group.box.q1,
      median: group.box.median,
      q3: group.box.q3,
      p90: null,
    };
    const hiddenDirection = (['down', 'unchanged', 'up'] as const).find(
      (field) => figures[field] === null,
    );
    if (hiddenDirection !== undefined && minCount !== null && group.n < WHISKER_SAFE * minCount) {
      const reason = reasonOf(figures, hiddenDirection);
      box.withheld = { p10: reason, p90: reason };
    } else if (group.box.count >= WHISKER_MIN) {
      box.p10 = group.box.p10;
      box.p90 = group.box.p90;
    }
    return { label, box };
  });

  return { by: published.by, direction, groups: boxes };
}

function publishPlane(
  plane: BinnedPlane,
  small: (count: number) => boolean,
  round: (count: number) => number,
): PublishedPlane {
  let hidden = plane.beyond;
  const counts: (number | null)[][] = plane.counts.map((row) =>
    row.map((count) => {
      if (!small(count)) return count;
      hidden += count;
      return null;
    }),
  );
  // The people not drawn are the total less the drawn cells: one hidden cell alone would be
  // given back, and so would a small number not drawn. Hide the smallest drawn cells with them
  // until neither is so.
  const smallest = (): { j: number; i: number; count: number } => {
    let best = { j: -1, i: -1, count: Infinity };
    counts.forEach((row, j) =>
      row.forEach((count, i) => {
        if (count !== null && count > 0 && count < best.count) best = { j, i, count };
      }),
    );
    return best;
  };
  for (;;) {
    const lone = counts.flat().filter((count) => count === null).length === 1;
    if (!lone && !small(hidden)) break;
    const best = smallest();
    if (best.j < 0) break;
    hidden += best.count;
    counts[best.j][best.i] = null;
  }
  return {
    xEdges: plane.xEdges,
    yEdges: plane.yEdges,
    counts: counts.map((row) => row.map((count) => (count === null ? null : round(count)))),
    hidden: round(hidden),
  };
}

/**
 * The years' chart draws the published financial-year breakdown, when the report has one
 * (`--by financial-year`): its cells are in the audited system with every other figure, so the
 * chart adds nothing a reader could not read in the tables. Without it, no years are drawn: years
 * of their own would be sums beside the tables' that no audit has checked.
 */
function publishYears(breakdowns: PublishedBreakdown[]): PublishedYear[] {
  const years = breakdowns.find((b) => b.by.length === 1 && b.by[0] === 'financialYear');
  if (!years) return [];
  return years.groups
    .filter((group) => group.label !== 'Unknown')
    .map((group): PublishedYear => {
      const withheld = Object.fromEntries(
        Object.entries(group.withheld ?? {}).filter(([field]) =>
          ['n', 'down', 'downShare', 'medianPctGap'].includes(field),
        ),
      );
      const interval = (group as { downShareCi?: [number, number] | null }).downShareCi;
      return {
        year: group.label,
        n: group.n,
        medianPctGap: group.medianPctGap,
        down: group.down,
        downShare: group.downShare,
        downShareCi: group.downShare === null ? null : (interval ?? null),
        ...(Object.keys(withheld).length > 0 ? { withheld } : {}),
      };
    });
}

/**
 * Each published group's gap-band bar: its band counts as shares of its n, and the rest (bands
 * withheld, and people with a zero indicative budget, who have no % gap) as one share.
 *
 * @example
 * bandBars(published.breakdowns[0])[0].shares // [0.08, 0.16, 0.27, 0.27, 0.23]
 */
export function bandBars(published: PublishedBreakdown): BandBar[] {
  return published.groups.map((group): BandBar => {
    const n = group.n;
    const counts = group.bands ?? [];
    if (n === null || n === 0 || counts.length === 0) {
      return { label: group.label, n, shares: null, rest: null, withheld: reasonOf(group, 'n') };
    }
    // Rounded counts can add up to more than the rounded n: shares of whichever is larger.
    const shown = counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    const whole = Math.max(n, shown);
    return {
      label: group.label,
      n,
      shares: counts.map((count) => (count === null ? null : count / whole)),
      rest: (whole - shown) / whole,
    };
  });
}

/** n values the funnel's limit curves are drawn through. */
const CURVE_POINTS = 60;

/**
 * The funnel plot of a breakdown by source: each council with a published funnel as a point (n,
 * share moved down), and the limits as curves around the published target from the smallest to
 * the largest n drawn. Null for any other breakdown, or when no funnel is published.
 *
 * @example
 * funnelChart(published.breakdowns[0])?.points.map((p) => p.position)
 */
export function funnelChart(published: PublishedBreakdown): FunnelChart | null {
  if (published.by.length !== 1 || published.by[0] !== 'source') return null;
  const points = published.groups.flatMap((group) =>
    group.funnel && group.n !== null && group.downShare !== null
      ? [
          {
            ...group.funnel,
            label: group.label,
            n: group.n,
            share: group.downShare,
          },
        ]
      : [],
  );
  const withheld = published.groups
    .filter((group) => !group.funnel)
    .map((group) => ({
      label: group.label,
      reason: group.withheld?.funnel ?? group.withheld?.n ?? ('secondary' as WithheldReason),
    }));
  const target = published.groups.find((group) => group.funnel)?.funnel?.target;
  if (target === undefined || points.length === 0) return null;
  const sizes = points.map((point) => point.n);
  const from = Math.max(1, Math.min(...sizes) / 2);
  const to = Math.max(...sizes) * 1.2;
  const curve = Array.from({ length: CURVE_POINTS }, (_, i) => {
    // Log-spaced: the funnel narrows fastest at small n.
    const n = from * (to / from) ** (i / (CURVE_POINTS - 1));
    return { n, ...funnelLimits(target, n)! };
  });
  return { target, points, withheld, curve };
}
