/**
 * Gap bands: how many records were cut or raised by how much, as shares of the indicative budget.
 * With the default edges -10, 0, 10 the bands are: cut by more than 10%, cut by up to 10%,
 * unchanged, raised by up to 10%, raised by more than 10%.
 *
 * The rules, so that the bands agree with the up / down / unchanged counts:
 * - Each band holds the % gaps between its two edges, the edge nearer 0 included: a cut of exactly
 *   10% is "cut by up to 10%", a rise of exactly 10% "raised by up to 10%".
 * - "unchanged" is a gap of exactly 0. When the records' directions are given (src/analysis/gaps.ts,
 *   with `--tolerance` and the rounding allowance of the amounts as written), it is instead every
 *   record whose direction is unchanged, and a gap within the tolerance is in no cut or rise band:
 *   then the cut bands add up to the count moved down, the rise bands to the count moved up.
 * - A record with an indicative budget of 0 has no % gap: it is counted in `noPctGap`, in no band,
 *   so the bands and `noPctGap` add up to the records counted.
 * - % gaps are compared as gap × 100 against edge × indicative, so that a gap of exactly 10% is
 *   10% (the division can round 7% to 7.000000000000001).
 */
import { UNCHANGED } from '../gaps.js';

export const DEFAULT_GAP_EDGES: readonly number[] = [-10, 0, 10];

export interface GapBand {
  direction: 'down' | 'unchanged' | 'up';
  /** The % gap the band starts at; null for no end (a cut of any size). */
  from: number | null;
  /** The % gap the band ends at; null for no end. */
  to: number | null;
  /** In words: `cut by more than 10%`, `unchanged`, `raised by up to 10%`. */
  label: string;
  count: number;
}

export interface GapBands {
  edges: number[];
  /** Cut bands (largest cut first), unchanged, then rise bands (smallest first). */
  bands: GapBand[];
  /** Records with an indicative budget of 0, which have no % gap. */
  noPctGap: number;
}

export interface GapBandOptions {
  /** Band edges in % gap, increasing, 0 among them (default -10, 0, 10). */
  edges?: readonly number[];
  /** Per record, UP (1), DOWN (-1) or UNCHANGED (0) as computeGaps decided it with a tolerance. */
  direction?: ArrayLike<number>;
  /** The records to count (a group's rows); all when left out. */
  rows?: ArrayLike<number>;
}

/**
 * Counts of records in each band of % gap. `gap` (actual − indicative) and `indicative` are in
 * one unit, per record, as in src/analysis/gaps.ts.
 *
 * @example
 * gapBands(Float64Array.of(-30, -5, 0, 10, 50), Float64Array.of(100, 100, 100, 100, 100)).bands
 *   .map((band) => `${band.label}: ${band.count}`)
 * // ['cut by more than 10%: 1', 'cut by up to 10%: 1', 'unchanged: 1',
 * //  'raised by up to 10%: 1', 'raised by more than 10%: 1']
 */
export function gapBands(
  gap: ArrayLike<number>,
  indicative: ArrayLike<number>,
  options: GapBandOptions = {},
): GapBands {
  const edges = checkEdges(options.edges ?? DEFAULT_GAP_EDGES);
  const cuts = edges.filter((edge) => edge < 0);
  const rises = edges.filter((edge) => edge > 0);
  const bands = layout(cuts, rises);
  const counts = new Float64Array(bands.length);
  // Cut bands come first, one more than the cut edges; then the unchanged band.
  const unchanged = cuts.length + 1;
  const { direction, rows } = options;
  const count = rows === undefined ? gap.length : rows.length;
  let noPctGap = 0;
  for (let k = 0; k < count; k++) {
    const row = rows === undefined ? k : rows[k];
    const planned = indicative[row];
    if (!(planned > 0)) {
      noPctGap++;
      continue;
    }
    const difference = gap[row];
    const same = direction === undefined ? difference === 0 : direction[row] === UNCHANGED;
    if (same) counts[unchanged]++;
    else if (difference < 0) {
      // The first cut edge the gap is not below: band i holds cuts[i - 1] <= % gap < cuts[i].
      let band = 0;
      while (band < cuts.length && !(difference * 100 < cuts[band] * planned)) band++;
      counts[band]++;
    } else {
      // Band i (after unchanged) holds rises[i - 1] < % gap <= rises[i].
      let band = 0;
      while (band < rises.length && difference * 100 > rises[band] * planned) band++;
      counts[unchanged + 1 + band]++;
    }
  }
  bands.forEach((band, index) => (band.count = counts[index]));
  return { edges: [...edges], bands, noPctGap };
}

function checkEdges(edges: readonly number[]): readonly number[] {
  const increasing = edges.every((edge, i) => i === 0 || edge > edges[i - 1]);
  if (!edges.every(Number.isFinite) || !increasing || !edges.includes(0)) {
    throw new RangeError(
      `gap band edges must be finite, increasing and include 0 (unchanged), got ${edges.join(', ')}`,
    );
  }
  return edges;
}

const percent = (edge: number): string => `${Math.abs(edge)}%`;

/** The bands for these edges, with no counts yet. */
function layout(cuts: number[], rises: number[]): GapBand[] {
  const bands: GapBand[] = [];
  const cutEnds = [null, ...cuts, 0];
  for (let i = 0; i + 1 < cutEnds.length; i++) {
    const from = cutEnds[i];
    const to = cutEnds[i + 1]!;
    const label =
      from === null
        ? `cut by more than ${percent(to)}`
        : to === 0
          ? `cut by up to ${percent(from)}`
          : `cut by more than ${percent(to)} and up to ${percent(from)}`;
    bands.push({ direction: 'down', from, to, label, count: 0 });
  }
  bands.push({ direction: 'unchanged', from: 0, to: 0, label: 'unchanged', count: 0 });
  const riseEnds = [0, ...rises, null];
  for (let i = 0; i + 1 < riseEnds.length; i++) {
    const from = riseEnds[i]!;
    const to = riseEnds[i + 1];
    const label =
      to === null
        ? `raised by more than ${percent(from)}`
        : from === 0
          ? `raised by up to ${percent(to)}`
          : `raised by more than ${percent(from)} and up to ${percent(to)}`;
    bands.push({ direction: 'up', from, to, label, count: 0 });
  }
  return bands;
}
