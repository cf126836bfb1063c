/** `rasgap inspect <file...>`: what rasgap detects in each file, and how to fix what it cannot. */
import { EXIT } from '../../errors.js';
import { inspectFiles } from '../../ingest/inspect.js';
import { checkAnalyseOptions } from '../../options.js';
import { renderInspection, renderPool } from '../../report/inspection.js';
import type { CommandSpec } from '../command.js';
import { mergeSettings } from '../settings.js';
import { refuseOverwritingInputs, writeText } from '../output.js';

interface InspectCliOptions {
  column?: string[];
  inputPeriod?: string[];
  groupMap?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  asOf?: string;
  separateFiles?: boolean;
  config?: string;
  format?: string;
  output?: string;
}

export const inspectCommand: CommandSpec<InspectCliOptions> = {
  name: 'inspect',
  summary:
    'Show what rasgap detects in each file (encoding and delimiter, or a workbook’s sheets; header, column roles and periods, values that do not parse, client groups, repeated ids, layout rows that are not people such as subtotals or a table under the data) and the options that fix anything it cannot detect.',
  arguments: [{ name: '<file...>', description: 'council export(s) to inspect' }],
  options: [
    {
      flags: '-c, --column <role=header>',
      description: 'name the column for a role, as for analyse; repeatable',
      repeatable: true,
    },
    {
      flags: '--input-period <period>',
      description: 'as for analyse; repeatable',
      repeatable: true,
    },
    { flags: '--group-map <file>', description: 'as for analyse' },
    { flags: '--encoding <name>', description: 'as for analyse (default: detected)' },
    { flags: '--delimiter <char>', description: 'as for analyse (default: detected)' },
    {
      flags: '--sheet <name>',
      description:
        'as for analyse: the sheet of an .xlsx workbook (default: the first with a header row; inspect lists them all)',
    },
    {
      flags: '--as-of <date>',
      description: 'as for analyse: the date ages are worked out at from a date or year of birth',
    },
    {
      flags: '--separate-files',
      description:
        'as for analyse: keep each file’s person ids apart (with several files, inspect counts the ids found in more than one)',
    },
    { flags: '--config <file>', description: 'as for analyse' },
    {
      flags: '-f, --format <format>',
      description: 'text or json (default: text)',
      choices: ['text', 'json'],
    },
    { flags: '-o, --output <file>', description: 'write to this file instead of stdout' },
  ],
  examples: [
    'rasgap inspect fixtures/sample-export.csv',
    'rasgap inspect foi-release.csv --format json',
    'rasgap inspect foi-release.xlsx --sheet "Table 2"',
    'rasgap inspect births-only.csv --as-of 31/03/2025',
    'rasgap inspect q1.csv q2.csv',
  ],
  async run(args, cli) {
    const files = args[0] as string[];
    const { options, read } = await mergeSettings(cli);
    refuseOverwritingInputs([cli.output], [...files, ...read]);
    const settings = checkAnalyseOptions({
      columns: options.columns,
      inputPeriod: options.inputPeriod,
      encoding: options.encoding,
      delimiter: options.delimiter,
      sheet: options.sheet,
      groupMap: options.groupMap,
      asOf: options.asOf,
      duplicates: options.duplicates,
    });
    const given = givenOnCommandLine(cli);
    const inspections = await inspectFiles(files, {
      ...settings,
      separateFiles: options.separateFiles,
      given,
    });
    const pooled = inspections[0]?.pooled;
    const text =
      cli.format === 'json'
        ? JSON.stringify(inspections, null, 2) + '\n'
        : inspections.map(renderInspection).join('\n') + (pooled ? '\n' + renderPool(pooled) : '');
    await writeText(cli.output, text);
    if (inspections.some((inspection) => !inspection.analysable)) process.exitCode = EXIT.data;
  },
};

/** The options typed, to keep in the suggested command (the config file is read again anyway). */
function givenOnCommandLine(cli: InspectCliOptions): string[] {
  const quote = (text: string): string => `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
  const flags = (cli.column ?? []).map((text) => {
    const equals = text.indexOf('=');
    return `--column ${text.slice(0, equals)}=${quote(text.slice(equals + 1))}`;
  });
  for (const period of cli.inputPeriod ?? []) flags.push(`--input-period ${period}`);
  if (cli.groupMap) flags.push(`--group-map ${quote(cli.groupMap)}`);
  if (cli.encoding) flags.push(`--encoding ${cli.encoding}`);
  if (cli.delimiter) flags.push(`--delimiter ${cli.delimiter}`);
  if (cli.sheet) flags.push(`--sheet ${quote(cli.sheet)}`);
  if (cli.asOf) flags.push(`--as-of ${cli.asOf}`);
  if (cli.separateFiles) flags.push('--separate-files');
  if (cli.config) flags.push(`--config ${quote(cli.config)}`);
  return flags;
}
