/** The command line as a person could type it again, for provenance. */
export function commandLine(argv: readonly string[]): string {
  return ['rasgap', ...argv.slice(2)]
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
