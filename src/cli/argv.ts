/**
 * The command line as a person could type it again, for provenance.
 *
 * @example
 * commandLine(['analyse', 'my export.csv']) // "rasgap analyse 'my export.csv'"
 */
export function commandLine(args: readonly string[]): string {
  return ['rasgap', ...args]
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
