/**
 * `compare`: the same reading and statistics as `analyse`, then a head-to-head of two groups of
 * one dimension.
 */
import { pctGapsOf } from './analysis/analyse.js';
import { DIMENSION_FLAGS, dimensionColumns, type Dimension } from './analysis/dimensions.js';
import { groupRows } from './analysis/groups.js';
import { headToHead, type HeadToHead } from './analysis/headToHead.js';
import { RasgapError } from './errors.js';
import { AGE_BANDS, ageBandOfLabel } from './ingest/age.js';
import { canonicalClientGroup, clientGroupKey } from './ingest/clientGroups.js';
import { analyse } from './index.js';
import type { AnalyseOptionsInput } from './options.js';
import type { GroupSummary } from './analysis/analyse.js';
import type { Report } from './report/model.js';
import { describeHeadToHead } from './report/headToHead.js';

export interface CompareOptions extends AnalyseOptionsInput {
  /** The two groups, as labels of the dimension (`65+`, `LD`, `Learning Disability Support`). */
  a: string;
  b: string;
  /** One dimension; by default age band when both labels are age bands, else client group. */
  dimension?: Dimension | string;
  now?: Date;
}

export interface CompareReport extends Omit<Report, 'overall' | 'breakdowns'> {
  by: Dimension;
  a: GroupSummary;
  b: GroupSummary;
  difference: HeadToHead;
  /** One plain-English sentence: what the comparison shows and what it does not. */
  reading: string;
}

/**
 * @example
 * const report = await compare(['export.csv'], { a: '65+', b: '18-64' });
 * report.difference.hodgesLehmann
 */
export async function compare(paths: string[], options: CompareOptions): Promise<CompareReport> {
  const dimension = chooseDimension(options);
  const { report, table, analysis, settings } = await analyse(paths, {
    ...options,
    by: [[dimension]],
    tests: true,
  });
  const breakdown = report.breakdowns[0];
  const labels = breakdown.groups.map((group) => group.label);
  const a = findGroup(breakdown.groups, options.a, dimension, '--a');
  const b = findGroup(breakdown.groups, options.b, dimension, '--b');
  if (a === b) {
    throw new RasgapError('USAGE', `--a and --b name the same group, "${a.label}"`, {
      fix: `name two different groups: ${labels.join(', ')}`,
    });
  }
  const { columns } = dimensionColumns(table, settings.groupMap);
  const grouped = groupRows(columns, usedRowsOf(analysis.used), [dimension]);
  const rowsOf = (group: GroupSummary): Uint32Array =>
    grouped.find((candidate) => candidate.label === group.label)!.rows;
  // A side shown only by its label (too few people) cannot be compared: the shift and the test
  // would describe those few people.
  const withheld = (group: GroupSummary): boolean =>
    group.suppressed?.includes('n') === true && group.totalIndicative === null;
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
    const wanted = String(options.dimension).toLowerCase().replace(/[_\s]/g, '-');
    const found = (Object.keys(DIMENSION_FLAGS) as Dimension[]).find(
      (dimension) => DIMENSION_FLAGS[dimension] === wanted || dimension.toLowerCase() === wanted,
    );
    if (!found) {
      throw new RasgapError('USAGE', `--by does not know "${options.dimension}"`, {
        fix: `use one of ${Object.values(DIMENSION_FLAGS).join(', ')}`,
      });
    }
    return found;
  }
  const isBand = (label: string): boolean => AGE_BANDS[ageBandOfLabel(label)] !== 'Unknown';
  return isBand(options.a) && isBand(options.b) ? 'ageBand' : 'clientGroup';
}

/** The group a person means: the label itself, or its age band / canonical client group. */
function findGroup(
  groups: GroupSummary[],
  wanted: string,
  dimension: Dimension,
  flag: string,
): GroupSummary {
  const key = clientGroupKey(wanted);
  const target =
    dimension === 'ageBand'
      ? AGE_BANDS[ageBandOfLabel(wanted)]
      : dimension === 'clientGroup'
        ? (canonicalClientGroup(wanted) ?? wanted)
        : wanted;
  const found =
    groups.find((group) => group.label === wanted) ??
    groups.find((group) => clientGroupKey(group.label) === key) ??
    groups.find((group) => group.label === target);
  if (!found) {
    throw new RasgapError(
      'USAGE',
      `${flag} "${wanted}" is not a group of ${DIMENSION_FLAGS[dimension]} in this data; the groups are: ${groups.map((group) => `"${group.label}"`).join(', ')}`,
      { fix: `name one of those groups with ${flag}` },
    );
  }
  return found;
}
