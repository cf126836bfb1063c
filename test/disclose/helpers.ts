// Reports for the suppression tests: the exact report (before any publishing rule) to run
// src/disclose on, and synthetic exports written to a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, generateExport, type ExactReport, type Report } from '../../src/index.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string): string => join(root, 'fixtures', name);

const folder = mkdtempSync(join(tmpdir(), 'rasgap-disclose-'));

/** A synthetic export (`rasgap generate`) in a temporary folder, under the given file name. */
export function generated(name: string, rows: number, seed: number): string {
  const path = join(folder, name);
  writeFileSync(path, generateExport({ rows, seed }));
  return path;
}

/** A small export written out line by line, in a temporary folder. */
export function written(name: string, lines: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** The exact report, as src/disclose receives it. */
export async function rawReport(
  paths: string[],
  by?: string[],
  options: { scale?: string; tests?: boolean } = {},
): Promise<ExactReport> {
  const { exact } = await analyse(paths, {
    by,
    suppression: false,
    now: new Date(0),
    ...options,
    exact: true,
  });
  return exact;
}

export const COUNT_FIELDS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;

export type Figures = Record<string, unknown> & {
  suppressed?: string[];
  withheld?: Record<string, string>;
};

/** The overall row and every group, with where each is, in report order. */
export function rowsOf(report: Report | ExactReport): { where: string; figures: Figures }[] {
  return [
    { where: 'overall', figures: report.overall as unknown as Figures },
    ...report.breakdowns.flatMap((breakdown) =>
      breakdown.groups.map((group) => ({
        where: `${breakdown.by.join('+')} "${group.label}"`,
        figures: group as unknown as Figures,
      })),
    ),
  ];
}

/** A row's figure by its cell's name: `bands[2]` is the third gap band's count. */
export const valueIn = (figures: Figures, field: string): unknown => {
  const band = /^bands\[(\d+)\]$/.exec(field);
  return band ? (figures.bands as unknown[] | undefined)?.[Number(band[1])] : figures[field];
};
