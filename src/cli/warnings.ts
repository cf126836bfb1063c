/**
 * What analyse and compare print on stderr besides the output, in one place so that both commands
 * guard privacy the same way; and the time a report is stamped with.
 */
import { visible } from '../report/format.js';
import type { CliIo, CliStream } from './io.js';

/**
 * Warnings name columns and counts, never values (the privacy guard's among them), so they are
 * safe on a shared terminal or in a CI log.
 */
export function writeNotes(
  stderr: CliStream,
  notes: { summary?: string; warnings: string[]; quiet?: boolean },
): void {
  if (notes.quiet) return;
  // Labels and file names in them come from the data: their control characters do not act.
  if (notes.summary !== undefined) stderr.write(visible(notes.summary));
  for (const warning of notes.warnings) stderr.write(`warning: ${visible(warning)}\n`);
}

/**
 * SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds; else now.
 *
 * @example
 * reportTime({ SOURCE_DATE_EPOCH: '1700000000' }).toISOString() // '2023-11-14T22:13:20.000Z'
 */
export function reportTime(env: CliIo['env']): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  return new Date();
}
