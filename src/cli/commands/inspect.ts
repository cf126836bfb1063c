/** `rasgap inspect <file...>`: what rasgap detects in each file, and how to fix what it cannot. */
import { EXIT } from '../../errors.js';
import { checkAnalyseOptions } from '../../options.js';
import type { CommandSpec, TypedOptions } from '../command.js';
import { inputPath, tableWidth } from '../io.js';
import { refuseOverwritingInputs, writeText } from '../output.js';

export const inspectCommand: CommandSpec<'inspect'> = {
  name: 'inspect',
  summary:
    'Show what rasgap detects in each file (encoding and delimiter, or a workbook’s sheets; header, column roles and periods, values that do not parse, client groups, repeated ids, layout rows that are not people such as subtotals or a table under the data) and the options that fix anything it cannot detect.',
  arguments: [{ name: '<file...>', description: 'council export(s) to inspect' }],
  examples: [
    'rasgap inspect fixtures/sample-export.csv',
    'rasgap inspect foi-release.csv --format json',
    'rasgap inspect foi-release.xlsx --sheet "Table 2"',
    'rasgap inspect births-only.csv --as-of 31/03/2025',
    'rasgap inspect q1.csv q2.csv',
  ],
  async run(args, cli, { options, read, typed }, { io }) {
    const files = args.map((file) => inputPath(io.cwd, file));
    const output = cli.output === undefined ? undefined : inputPath(io.cwd, cli.output);
    refuseOverwritingInputs([output], [...files, ...read]);
    const [{ inspectFiles }, { renderInspections }] = await Promise.all([
      import('../../ingest/inspect.js'),
      import('../../report/inspection.js'),
    ]);
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
    const inspections = await inspectFiles(files, {
      ...settings,
      separateFiles: cli.separateFiles,
      given: givenOnCommandLine(typed),
    });
    const text =
      cli.format === 'json'
        ? JSON.stringify(inspections, null, 2) + '\n'
        : renderInspections(inspections, { width: tableWidth(io, output === undefined) });
    await writeText(output, text, io.stdout);
    return inspections.some((inspection) => !inspection.analysable) ? EXIT.data : EXIT.ok;
  },
};

/** The options typed, to keep in the suggested command (the config file is read again anyway). */
function givenOnCommandLine(typed: TypedOptions): string[] {
  const quote = (text: string): string => `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
  const text = (key: string): string | undefined => {
    const value = typed[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const list = (key: string): string[] => {
    const value = typed[key];
    return Array.isArray(value) ? value : [];
  };
  const flags = list('columns').map((column) => {
    const equals = column.indexOf('=');
    return `--column ${column.slice(0, equals)}=${quote(column.slice(equals + 1))}`;
  });
  for (const period of list('inputPeriod')) flags.push(`--input-period ${period}`);
  const groupMap = text('groupMap');
  if (groupMap) flags.push(`--group-map ${quote(groupMap)}`);
  if (text('encoding')) flags.push(`--encoding ${text('encoding')}`);
  if (text('delimiter')) flags.push(`--delimiter ${text('delimiter')}`);
  const sheet = text('sheet');
  if (sheet) flags.push(`--sheet ${quote(sheet)}`);
  if (text('asOf')) flags.push(`--as-of ${text('asOf')}`);
  if (typed.separateFiles === true) flags.push('--separate-files');
  const config = text('config');
  if (config) flags.push(`--config ${quote(config)}`);
  return flags;
}
