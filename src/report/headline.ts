/**
 * The published report -> two or three plain-English sentences that answer the question: how many
 * were moderated down, for whom most and least, and whether the difference is more than noise.
 * Only published figures are used: where one is withheld (null) the sentences say less, and
 * nothing hidden is worked out. Plain text without colour, for the terminal and the HTML page.
 */
import type { Interval } from '../analysis/stats/intervals.js';
import { listSome } from '../list.js';
import type { PublishedBreakdown, PublishedGroup } from '../disclose/types.js';
import { pEquals } from './columns.js';
import { formatCount, formatPercent, formatShare } from './format.js';
import type { Report } from './model.js';

/** Numbers in sentences take a true minus sign (U+2212), as in print. */
const minus = (text: string): string => text.replace(/-/g, '\u2212');
const percent = (value: number): string => minus(formatPercent(value));
const interval = (ci: Interval | null | undefined): string =>
  ci
    ? ` [${minus(formatPercent(ci[0]).replace(/^\+/, ''))}, ${minus(formatPercent(ci[1]).replace(/^\+/, ''))}]`
    : '';

const GROUP_NOUNS: Record<string, string> = {
  ageBand: 'age band',
  clientGroup: 'client group',
  rawClientGroup: 'client group',
  source: 'source',
};

/** How the groups of a breakdown are called: "age band", "client group", or "group" if crossed. */
function groupNoun(breakdown: PublishedBreakdown, count: number): string {
  const noun = breakdown.by.length === 1 ? (GROUP_NOUNS[breakdown.by[0]] ?? 'group') : 'group';
  return count === 1 ? noun : `${noun}s`;
}

/** "Unknown" groups answer no "for whom" question: they are not ranked. */
const isUnknown = (group: PublishedGroup): boolean =>
  Object.values(group.key).some((value) => value === 'Unknown');

/** A group as the subject of a sentence, with its verb. */
function subject(group: PublishedGroup, breakdown: PublishedBreakdown): [string, string] {
  if (breakdown.by.length === 1 && breakdown.by[0] === 'ageBand') {
    if (group.label === '65+') return ['older people (65+)', 'were'];
    if (group.label === '18-64') return ['working-age adults (18-64)', 'were'];
  }
  return [`the ${group.label} group`, 'was'];
}

const capital = (text: string): string => text[0].toUpperCase() + text.slice(1);

/** Councils named in the headline's funnel clause before "and N more". */
const FUNNEL_NAMED = 3;

/**
 * For a breakdown by source alone: "; outside the funnel's 99.8% limits: Southfield (above)",
 * naming the councils whose published funnel places them beyond the 99.8% limits, above ones
 * first (highest share first), then below ones (lowest first), at most three, then "and N more".
 * A council whose funnel is withheld (null) is not named. Empty when none is outside.
 */
function funnelClause(breakdown: PublishedBreakdown): string {
  if (breakdown.by.length !== 1 || breakdown.by[0] !== 'source') return '';
  const outside = (side: 'above' | 'below'): PublishedGroup[] =>
    breakdown.groups
      .filter((group) => group.funnel?.position === `${side}-99.8` && group.downShare !== null)
      .sort((a, b) =>
        side === 'above' ? b.downShare! - a.downShare! : a.downShare! - b.downShare!,
      );
  const named = [
    ...outside('above').map((group) => `${group.label} (above)`),
    ...outside('below').map((group) => `${group.label} (below)`),
  ];
  if (named.length === 0) return '';
  return `; outside the funnel's 99.8% limits: ${listSome(named, FUNNEL_NAMED)}`;
}

/**
 * Two or three sentences answering "were budgets moderated down, and for whom?" from the
 * published figures of `report`, led by the first breakdown asked for.
 *
 * @example
 * headlineSentences(report)
 * // ['Of 1,840 people, 44% had their budget moderated down and 37% up; in total, actual budgets
 * //   came to 4.3% more than indicative.',
 * //  '65+: 61% moderated down, median −4.3% [−5.2%, −3.3%]; 18-64: 20% down, median +5.7%
 * //   [3.5%, 6.9%].',
 * //  'The age bands differ in % gap (Kruskal–Wallis p < 0.001).']
 */
export function headlineSentences(report: Report): string[] {
  const tests = report.options.confidence !== null;
  const alpha = 1 - (report.options.confidence ?? 0.95);
  const overall = report.overall;
  const sentences: string[] = [];
  if (report.notice) sentences.push('Not for publication: small numbers are not hidden.');
  if (overall.n === null) {
    sentences.push('Too few records were used to publish any figures.');
    return sentences;
  }

  // How many went down and up, and what it came to in money.
  let first =
    overall.downShare === null
      ? `Of ${formatCount(overall.n)} people, the share moderated down is withheld to protect small numbers`
      : `Of ${formatCount(overall.n)} people, ${formatShare(overall.downShare)} had their budget moderated down${overall.upShare === null ? '' : ` and ${formatShare(overall.upShare)} up`}`;
  if (overall.netGapPct !== null) {
    const net = overall.netGapPct;
    const rounded = formatPercent(net).replace(/^[+-]/, '');
    first +=
      rounded === '0.0%'
        ? '; in total, actual budgets came to the same as indicative'
        : `; in total, actual budgets came to ${rounded} ${net > 0 ? 'more' : 'less'} than indicative`;
  }
  sentences.push(`${first}.`);

  // For whom: the most and least moderated down of the first breakdown.
  const breakdown = report.breakdowns[0];
  const known = breakdown ? breakdown.groups.filter((group) => !isUnknown(group)) : [];
  const ranked = known
    .filter((group) => group.downShare !== null)
    .sort((a, b) => b.downShare! - a.downShare! || (b.n ?? 0) - (a.n ?? 0));
  const withheld = known.length - ranked.length;
  const median = (group: PublishedGroup): string =>
    group.medianPctGap === null
      ? ''
      : `, median ${percent(group.medianPctGap)}${tests ? interval(group.medianPctGapCi) : ''}`;
  const tail = (): string =>
    (withheld === 0
      ? ''
      : `; ${withheld} ${groupNoun(breakdown, withheld)} with withheld shares ${withheld === 1 ? 'is' : 'are'} not ranked`) +
    funnelClause(breakdown);
  if (breakdown && ranked.length >= 2) {
    const most = ranked[0];
    const least = ranked[ranked.length - 1];
    if (ranked.length === 2) {
      sentences.push(
        `${most.label}: ${formatShare(most.downShare)} moderated down${median(most)}; ${least.label}: ${formatShare(least.downShare)} down${median(least)}${tail()}.`,
      );
    } else {
      const people = (group: PublishedGroup): string =>
        group.n === null ? '' : `, n = ${formatCount(group.n)}`;
      sentences.push(
        `By ${groupNoun(breakdown, 1)}, the most moderated down: ${most.label} (${formatShare(most.downShare)}${median(most)}${people(most)}); the least: ${least.label} (${formatShare(least.downShare)}${median(least)}${people(least)})${tail()}.`,
      );
    }
  } else if (breakdown && ranked.length === 1 && withheld > 0) {
    const only = ranked[0];
    sentences.push(
      `${only.label}: ${formatShare(only.downShare)} moderated down${median(only)}; the share is withheld for the other ${groupNoun(breakdown, 2)} to protect small numbers${funnelClause(breakdown)}.`,
    );
  } else if (breakdown && withheld > 0) {
    sentences.push(
      `The shares moderated down are withheld for every ${groupNoun(breakdown, 1)} to protect small numbers.`,
    );
  }

  // Whether it is more than noise: the groups compared, or else the overall direction.
  const comparison = breakdown?.comparison;
  if (tests && ranked.length >= 2 && comparison) {
    const two = comparison.twoGroups;
    const kw = comparison.kruskalWallis;
    if (two && breakdown.groups.length === 2) {
      const [a, b] = breakdown.groups;
      const [lower, higher] = two.rankBiserial <= 0 ? [a, b] : [b, a];
      const [lowerName, verb] = subject(lower, breakdown);
      sentences.push(
        two.mannWhitneyP < alpha && two.rankBiserial !== 0
          ? `${capital(lowerName)} ${verb} moderated down more than ${subject(higher, breakdown)[0]} (Mann–Whitney ${pEquals(two.mannWhitneyP)}).`
          : `The % gaps of ${a.label} and ${b.label} do not differ clearly (Mann–Whitney ${pEquals(two.mannWhitneyP)}).`,
      );
    } else if (kw) {
      const nouns = groupNoun(breakdown, 2);
      sentences.push(
        kw.p < alpha
          ? `The ${nouns} differ in % gap (Kruskal–Wallis ${pEquals(kw.p)}).`
          : `The ${nouns} do not differ clearly in % gap (Kruskal–Wallis ${pEquals(kw.p)}).`,
      );
    }
  } else if (ranked.length < 2) {
    const medianText =
      overall.medianPctGap === null
        ? ''
        : `The median % gap is ${percent(overall.medianPctGap)}${tests ? interval(overall.medianPctGapCi) : ''}`;
    const p = overall.signTestP;
    let direction = '';
    if (tests && p !== null && p !== undefined) {
      const { upShare, downShare } = overall;
      direction =
        p >= alpha
          ? `neither direction clearly dominates (sign test ${pEquals(p)})`
          : upShare === null || downShare === null || upShare === downShare
            ? `the numbers moderated up and down differ (sign test ${pEquals(p)})`
            : `more were moderated ${downShare > upShare ? 'down than up' : 'up than down'} (sign test ${pEquals(p)})`;
    }
    const text = [medianText, direction].filter((part) => part !== '').join('; ');
    if (text !== '') sentences.push(`${capital(text)}.`);
  }
  return sentences;
}
