/**
 * What analyse and compare print on stderr besides the output, and the options that govern it, in
 * one place so that both commands guard privacy the same way.
 */
import { visible } from '../report/format.js';
import type { OptionSpec } from './command.js';

/** Makes the privacy guard's warning (a column that looks like direct identifiers) an error. */
export const STRICT_PRIVACY_OPTION: OptionSpec = {
  flags: '--strict-privacy',
  description:
    'stop (exit 2) when a column looks like direct identifiers (NHS numbers, names, full postcodes, dates of birth) instead of warning',
};

export function quietOption(what: string): OptionSpec {
  return { flags: '-q, --quiet', description: `do not print ${what} on stderr` };
}

/**
 * Warnings name columns and counts, never values (the privacy guard's among them), so they are
 * safe on a shared terminal or in a CI log.
 */
export function writeNotes(notes: { summary?: string; warnings: string[]; quiet?: boolean }): void {
  if (notes.quiet) return;
  // Labels and file names in them come from the data: their control characters do not act.
  if (notes.summary !== undefined) process.stderr.write(visible(notes.summary));
  for (const warning of notes.warnings) process.stderr.write(`warning: ${visible(warning)}\n`);
}
