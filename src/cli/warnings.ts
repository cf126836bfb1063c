/**
 * What analyse and compare print on stderr besides the output, in one place so that both commands
 * guard privacy the same way; and the time a report is stamped with.
 */
import { visible } from '../report/format.js';
import { wrapText } from '../report/layout.js';
import type { CliIo, CliStream } from './io.js';

/**
 * Warnings name columns and counts, never values (the privacy guard's among them), so they are
 * safe on a shared terminal or in a CI log. With a width (stderr is a terminal) each line is
 * wrapped at spaces, its continuation indented under it; piped, one line per note.
 */
export function writeNotes(
  stderr: CliStream,
  notes: { summary?: string; warnings: string[]; quiet?: boolean; width?: number },
): void {
  if (notes.quiet) return;
  // Labels and file names in them come from the data: their control characters do not act.
  const fitted = (line: string): string => {
    if (notes.width === undefined) return line;
    const indent = ' '.repeat((/^ */.exec(line)?.[0].length ?? 0) + 2);
    return wrapText(line, notes.width, indent).join('\n');
  };
  if (notes.summary !== undefined) {
    const lines = visible(notes.summary).replace(/\n$/, '').split('\n');
    stderr.write(lines.map(fitted).join('\n') + '\n');
  }
  for (const warning of notes.warnings) stderr.write(`${fitted(`warning: ${visible(warning)}`)}\n`);
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
