/**
 * `compare`: the same reading and statistics as `analyse`, then a head-to-head of two groups of
 * one dimension.
 */
import { pctGapsOf } from './analysis/analyse.js';
import {
  canonicalDimension,
  dimensionColumns,
  dimensionFlag,
  type Dimension,
} from './analysis/dimensions.js';
import { groupRows } from './analysis/groups.js';
import { headToHead, type HeadToHead } from './analysis/headToHead.js';
import { RasgapError } from './errors.js';
import { AGE_BANDS, ageBandOfLabel } from './ingest/age.js';
import { canonicalClientGroup, clientGroupKey } from './ingest/clientGroups.js';
import { analyse, type AnalyseOptions } from './analyse.js';
import type { Inputs } from './ingest/source.js';
import { checkAnalyseOptions, type AnalyseOptionsInput } from './options.js';
import type { PublishedGroup, Report } from './report/model.js';
import { pEquals } from './report/columns.js';
import { formatCount, formatNumber, formatPercent, formatShare } from './report/format.js';

export interface CompareOptions extends AnalyseOptionsInput {
  /** The two groups, as labels of the dimension (`65+`, `LD`, `Learning Disability Support`). */
  a: string;
  b: string;
  /** One dimension; by default age band when both labels are age bands, else client group. */
  dimension?: Dimension | string;
  now?: Date;
  /** Told as the exports are read (as analyse's `onProgress`): for a progress line. */
  onProgress?: AnalyseOptions['onProgress'];
}

export interface CompareReport extends Omit<Report, 'overall' | 'breakdowns'> {
  by: Dimension;
  a: PublishedGroup;
  b: PublishedGroup;
  difference: HeadToHead;
  /** One plain-English sentence: what the comparison shows and what it does not. */
  reading: string;
}

/**
 * A head-to-head of two groups of one dimension, as published figures (small numbers hidden):
 * each side, the shift in % gap with its interval, Mann–Whitney p and a plain-English reading.
 * The inputs are as for `analyse` (paths, or bytes, text or streams with a name).
 *
 * @example
 * const report = await compare(['export.csv'], { a: '65+', b: '18-64' });
 * report.difference.hodgesLehmann
 */
export async function compare(inputs: Inputs, options: CompareOptions): Promise<CompareReport> {
  const chosen = chooseDimension(options);
  // The records are needed for the head-to-head; only published figures leave this function.
  const { report, table, analysis, settings } = await analyse(inputs, {
    ...options,
    by: [[chosen]],
    tests: true,
    exact: true,
  });
  const breakdown = report.breakdowns[0];
  // column:team is keyed by its header as written (column:Team).
  const dimension = canonicalDimension(table, chosen);
  const labels = breakdown.groups.map((group) => group.label);
  const foundA = findGroup(breakdown.groups, options.a, dimension);
  const foundB = findGroup(breakdown.groups, options.b, dimension);
  if (foundA === undefined || foundB === undefined) {
    throw unknownGroup(
      breakdown.groups,
      dimension,
      options,
      foundA === undefined,
      foundB === undefined,
    );
  }
  const [a, b] = [foundA, foundB];
  if (a === b) {
    throw new RasgapError('USAGE', `--a and --b name the same group, "${a.label}"`, {
      fix: `name two different groups: ${labels.join(', ')}`,
    });
  }
  const { columns } = dimensionColumns(table, settings.groupMap);
  const grouped = groupRows(columns, usedRowsOf(analysis.used), [dimension]);
  const rowsOf = (group: PublishedGroup): Uint32Array =>
    grouped.find((candidate) => candidate.label === group.label)!.rows;
  // A side whose n is hidden cannot be compared: Mann–Whitney's U with the rank-biserial effect
  // gives n(a) × n(b) back, and a side of too few people would be described.
  const withheld = (group: PublishedGroup): boolean => group.n === null;
  const difference: HeadToHead =
    withheld(a) || withheld(b)
      ? { medianPctGapDifference: null, downShareDifference: null, downShareDifferenceCi: null }
      : headToHead(
          a,
          b,
          pctGapsOf(rowsOf(a), analysis.gaps.pctGap),
          pctGapsOf(rowsOf(b), analysis.gaps.pctGap),
          settings.confidence,
        );
  const { overall: _overall, breakdowns: _breakdowns, ...rest } = report;
  void _overall;
  void _breakdowns;
  return {
    ...rest,
    by: dimension,
    a,
    b,
    difference,
    reading: describeHeadToHead(a, b, difference, settings.confidence),
  };
}

function usedRowsOf(used: Uint8Array): Uint32Array {
  let count = 0;
  for (const flag of used) count += flag;
  const rows = new Uint32Array(count);
  for (let row = 0, k = 0; row < used.length; row++) if (used[row] === 1) rows[k++] = row;
  return rows;
}

function chooseDimension(options: CompareOptions): Dimension {
  if (options.dimension !== undefined) {
    // The same names as analyse's --by (column:NAME too), one dimension.
    const parsed = checkAnalyseOptions({ by: [String(options.dimension)] }).by![0];
    if (parsed.length !== 1) {
      throw new RasgapError(
        'USAGE',
        `compare --by takes one dimension, got "${options.dimension}"`,
        {
          fix: 'name one, e.g. --by client-group',
        },
      );
    }
    return parsed[0];
  }
  return isBand(options.a) && isBand(options.b) ? 'ageBand' : 'clientGroup';
}

/** Whether a label names an age band (`65+`, `65 and over`, `Working age`). */
function isBand(label: string): boolean {
  return AGE_BANDS[ageBandOfLabel(label)] !== 'Unknown';
}

/** The group a person means: the label itself, or its age band / canonical client group. */
function findGroup(
  groups: PublishedGroup[],
  wanted: string,
  dimension: Dimension,
): PublishedGroup | undefined {
  const key = clientGroupKey(wanted);
  const target =
    dimension === 'ageBand'
      ? AGE_BANDS[ageBandOfLabel(wanted)]
      : dimension === 'clientGroup'
        ? (canonicalClientGroup(wanted) ?? wanted)
        : wanted;
  return (
    groups.find((group) => group.label === wanted) ??
    groups.find((group) => clientGroupKey(group.label) === key) ??
    groups.find((group) => group.label === target)
  );
}

/**
 * The error for a label that names no group, naming the option whose label it is. With an age
 * band on one side and another label on the other (so client groups were searched), when neither
 * is found it is the other label that is unknown: an age band is never a client group.
 */
function unknownGroup(
  groups: PublishedGroup[],
  dimension: Dimension,
  options: CompareOptions,
  missingA: boolean,
  missingB: boolean,
): RasgapError {
  let side: 'a' | 'b' = missingA ? 'a' : 'b';
  const mixed = options.dimension === undefined && isBand(options.a) !== isBand(options.b);
  if (missingA && missingB && mixed) side = isBand(options.a) ? 'b' : 'a';
  const wanted = options[side];
  const flag = `--${side}`;
  const bandAcross = mixed && isBand(wanted);
  const list = groups.map((group) => `"${group.label}"`).join(', ');
  return new RasgapError(
    'USAGE',
    `${flag} "${wanted}" is not a group of ${dimensionFlag(dimension)} in this data${mixed && !bandAcross ? ' (nor an age band)' : ''}; the groups are: ${list}`,
    {
      fix: bandAcross
        ? `compare two groups of one kind: two age bands, or two client groups with ${flag}`
        : `name one of those groups with ${flag}`,
      option: side,
    },
  );
}

const points = (value: number): string => `${formatNumber(Math.abs(value), 1)} percentage points`;
/** A difference of percentages, in percentage points: `-10.1 pts`. */
const pts = (value: number | null): string => formatPercent(value).replace('%', ' pts');

/**
 * One sentence a campaigner can quote and a reviewer will accept: the two medians and shares, the
 * shift with its interval and p, and what the test does not show.
 */
export function describeHeadToHead(
  a: PublishedGroup,
  b: PublishedGroup,
  difference: HeadToHead,
  confidence: number,
): string {
  const level = `${Math.round(confidence * 1000) / 10}%`;
  const side = (group: PublishedGroup): string =>
    `${group.label}: median change ${formatPercent(group.medianPctGap)}, ${formatShare(group.downShare)} moderated down (n = ${formatCount(group.n)})`;
  const parts = [`${side(a)}; ${side(b)}.`];
  if (difference.hodgesLehmann !== undefined && difference.mannWhitneyP !== undefined) {
    const shift = difference.hodgesLehmann;
    const ci = difference.hodgesLehmannCi;
    const direction = shift < 0 ? 'lower' : shift > 0 ? 'higher' : 'no different';
    parts.push(
      `A typical % gap in ${a.label} is ${shift === 0 ? 'no different from' : `${points(shift)} ${direction} than`} in ${b.label} (Hodges–Lehmann${ci ? `, ${level} CI ${pts(ci[0])} to ${pts(ci[1])}` : ''}; Mann–Whitney ${pEquals(difference.mannWhitneyP)}).`,
    );
    parts.push(
      difference.mannWhitneyP < 1 - confidence
        ? 'The test shows the two groups were moderated differently in this export; it does not show why (need, type of support or local practice may differ), nor that age or client group caused it.'
        : 'The test does not show a difference between the two groups in this export; that is not evidence that they were moderated alike, only that the data cannot tell them apart.',
    );
  }
  return parts.join(' ');
}
