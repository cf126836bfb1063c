/**
 * The columns that the human-readable formats show for each group, declared once so that the
 * terminal table and the markdown agree.
 */
import type { Summary } from '../analysis/summary.js';
import { formatCount, formatPercent, formatPounds, formatShare } from './format.js';

export type Tone = 'up' | 'down' | 'none';

export interface DisplayColumn {
  title: string;
  cell: (summary: Summary) => string;
  /** Which way a value points, for colour. */
  tone?: (summary: Summary) => Tone;
}

const toneOf = (value: number | null): Tone =>
  value === null || value === 0 ? 'none' : value > 0 ? 'up' : 'down';

export const DISPLAY_COLUMNS: DisplayColumn[] = [
  { title: 'n', cell: (s) => formatCount(s.n) },
  { title: 'Up', cell: (s) => formatCount(s.up), tone: (s) => (s.up > 0 ? 'up' : 'none') },
  { title: 'Down', cell: (s) => formatCount(s.down), tone: (s) => (s.down > 0 ? 'down' : 'none') },
  { title: 'Same', cell: (s) => formatCount(s.unchanged) },
  { title: '% down', cell: (s) => formatShare(s.downShare) },
  { title: 'Median gap', cell: (s) => formatPounds(s.medianGap), tone: (s) => toneOf(s.medianGap) },
  {
    title: 'Median % gap',
    cell: (s) => formatPercent(s.medianPctGap),
    tone: (s) => toneOf(s.medianPctGap),
  },
  {
    title: 'Mean % gap',
    cell: (s) => formatPercent(s.meanPctGap),
    tone: (s) => toneOf(s.meanPctGap),
  },
  {
    title: 'Money-weighted',
    cell: (s) => formatPercent(s.netGapPct),
    tone: (s) => toneOf(s.netGapPct),
  },
  { title: 'Total indicative', cell: (s) => formatPounds(s.totalIndicative) },
  { title: 'Total actual', cell: (s) => formatPounds(s.totalActual) },
];
