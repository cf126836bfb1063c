/**
 * docs/cli.md, generated from the option table and the command specs, so that the reference never
 * says other than `--help` does. `npm run docs:cli` writes it; test/cli/docs.test.ts fails when the
 * committed file is out of step.
 */
import { EXIT } from '../errors.js';
import {
  CONFIG_OPTIONS,
  helpText,
  optionsOf,
  variant,
  type AnyOption,
  type CommandName,
  type ConfigType,
} from '../options/table.js';
import type { CommandSpec } from './command.js';
import { COMMANDS, PROGRAM_SUMMARY } from './main.js';

const CONFIG_TYPES: Record<ConfigType, string> = {
  string: 'text',
  boolean: '`true` or `false`',
  'number-or-string': 'number or text',
  'numbers-or-string': 'list of numbers, or text',
  'string-or-list': 'text, or a list of text',
  'string-record': 'object of text (role → header)',
  'path-or-record': 'text (a path) or object of text',
};

/** A table cell: pipes escaped, line breaks as spaces. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function flagCell(entry: AnyOption, command: CommandName): string {
  const { choices } = variant(entry, command);
  const notes = [
    ...(entry.repeatable ? ['repeatable'] : []),
    ...(choices ? [`one of ${choices.map((choice) => `\`${choice}\``).join(', ')}`] : []),
  ];
  return `\`${entry.flags!}\`${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function optionsTable(command: CommandName): string[] {
  const rows = optionsOf(command).map((entry) => {
    const config = entry.config !== undefined ? `\`${entry.key}\`` : '';
    const cliDefault = entry.cliDefault !== undefined ? ` (default: ${entry.cliDefault})` : '';
    return `| ${flagCell(entry, command)} | ${config} | ${cell(helpText(entry, command) + cliDefault)} |`;
  });
  return ['| Option | Config key | What it does |', '| --- | --- | --- |', ...rows];
}

function commandSection(spec: CommandSpec): string[] {
  const usage = `rasgap ${spec.name}${spec.arguments.map((a) => ` ${a.name}`).join('')} [options]`;
  return [
    `## rasgap ${spec.name}`,
    '',
    spec.summary,
    '',
    '```sh',
    usage,
    '```',
    '',
    ...spec.arguments.map((a) => `- \`${a.name}\`: ${a.description}`),
    ...(spec.arguments.length > 0 ? [''] : []),
    ...optionsTable(spec.name),
    '',
    'Examples:',
    '',
    '```sh',
    ...spec.examples,
    '```',
    '',
  ];
}

function configSection(): string[] {
  const rows = CONFIG_OPTIONS.map((entry) => {
    const commands = entry.commands.length > 0 ? entry.commands.join(', ') : '';
    const note = entry.configNote ?? '';
    return `| \`${entry.key}\` | ${CONFIG_TYPES[entry.config!]} | \`${entry.flags!}\` | ${commands} | ${cell(note)} |`;
  });
  return [
    '## Config file',
    '',
    'A council team that runs the same analysis every quarter keeps its settings in',
    '`rasgap.config.json` (read from the working folder when present) or any file named with',
    '`--config`. It holds one JSON object; every key is optional and is checked as its option is.',
    'Options given on the command line win over the file (for `columns`, role by role); the',
    'effective settings are echoed in the JSON output’s `options`. A setting of the analysis',
    '(such as `period` or `minCount`) applies to every command that reads a file; `format` applies',
    'to `analyse` alone.',
    '',
    '| Key | Type | Option | Commands | Note |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Example:',
    '',
    '```json',
    JSON.stringify(
      {
        columns: { indicative: 'RAS £', actual: 'Agreed £' },
        inputPeriod: 'week',
        period: 'year',
        groupMap: 'our-groups.csv',
        minCount: 10,
        dominanceP: 10,
        format: 'html',
      },
      null,
      2,
    ),
    '```',
    '',
  ];
}

/**
 * The text of docs/cli.md.
 *
 * @example
 * writeFileSync('docs/cli.md', renderCliDoc());
 */
export function renderCliDoc(): string {
  const lines = [
    '# rasgap command line',
    '',
    '<!-- Generated from src/options/table.ts and src/cli/commands/*.ts by `npm run docs:cli`:',
    'do not edit by hand; test/cli/docs.test.ts fails when this file is out of step. -->',
    '',
    PROGRAM_SUMMARY,
    '',
    '```sh',
    'rasgap <command> [options]',
    'rasgap --version',
    'rasgap <command> --help',
    '```',
    '',
    '| Command | What it does |',
    '| --- | --- |',
    ...COMMANDS.map(
      (spec) => `| [\`${spec.name}\`](#rasgap-${spec.name}) | ${cell(spec.summary)} |`,
    ),
    '',
    'Before the command: `--debug` shows the stack trace of an error; `-V, --version` prints the',
    'version.',
    '',
    ...COMMANDS.flatMap((spec) => commandSection(spec as unknown as CommandSpec)),
    ...configSection(),
    '## Exit codes and errors',
    '',
    '| Code | Meaning |',
    '| --- | --- |',
    `| ${EXIT.ok} | done (also when the program reading stdout stops early, as \`head\` does) |`,
    `| ${EXIT.usage} | usage error: an option, the config file, or an output that would overwrite an input |`,
    `| ${EXIT.data} | input data error: a file that cannot be read or analysed; \`inspect\` when a file is not analysable |`,
    `| ${EXIT.output} | the output could not be written |`,
    `| ${EXIT.internal} | internal error (a bug: please report it with the command you ran) |`,
    '',
    'An error is one line on stderr, `rasgap: FILE:LINE: what is wrong. Fix: what to do`; the stack',
    'trace only with `--debug`. In the Node API the same errors are `RasgapError`s with a stable',
    '`code`, and `option` naming the option at fault (its key above, e.g. `minCount`).',
    '',
    '## Terminal output',
    '',
    'The table format fits the width of the terminal (its columns, else `COLUMNS`, else 80); piped',
    'or written with `--output` it has no width limit unless `COLUMNS` is set. Colour is used on a',
    'terminal only: `NO_COLOR` (non-empty) turns it off and `FORCE_COLOR` on (`0` or `false`: off).',
    'The notes on stderr (the exclusion summary and warnings) are wrapped at spaces to the width of',
    'stderr when it is a terminal (its columns, else `COLUMNS`, else 80); piped, each stays one line.',
    '',
  ];
  return lines.join('\n');
}
