/** `rasgap analyse <file...>`: the main job. */
import { analyse } from '../../index.js';
import { ROLE_FLAGS, ROLES } from '../../ingest/columns.js';
import { renderExclusionsCsv } from '../../report/csv.js';
import { FORMATS, parseFormat, render } from '../../report/render.js';
import { renderExclusionSummary } from '../../report/table.js';
import type { CommandSpec } from '../command.js';
import { refuseOverwritingInputs, writeText } from '../output.js';

interface AnalyseCliOptions {
  column?: string[];
  by?: string[];
  period: string;
  tolerance: string;
  duplicates: string;
  format: string;
  output?: string;
  exclusions?: string;
  encoding?: string;
  delimiter?: string;
  asOf?: string;
  quiet?: boolean;
}

export const analyseCommand: CommandSpec<AnalyseCliOptions> = {
  name: 'analyse',
  summary:
    'Report how far actual personal budgets moved from the indicative (RAS) budgets, overall and by age band and client group.',
  arguments: [
    { name: '<file...>', description: 'council export(s) in CSV; several files are pooled' },
  ],
  options: [
    {
      flags: '--by <dimensions>',
      description:
        'breakdown: client-group, age-band, or both crossed (client-group,age-band); repeat for several (default: age-band and client-group, where the columns exist)',
      repeatable: true,
    },
    {
      flags: '-c, --column <role=header>',
      description: `name the column for a role when the header is not recognised; roles: ${ROLES.map((r) => ROLE_FLAGS[r]).join(', ')}; repeatable`,
      repeatable: true,
    },
    {
      flags: '--period <unit>',
      description: 'unit of every amount shown: week or year (a year is 52 weeks)',
      default: 'week',
      choices: ['week', 'year'],
    },
    {
      flags: '--tolerance <amount>',
      description:
        'a gap this small counts as unchanged: pounds in the --period unit (5) or a percentage of the indicative budget (2%)',
      default: '0',
    },
    {
      flags: '--duplicates <policy>',
      description:
        'a person listed more than once: latest (keep the latest date agreed) or keep-all',
      default: 'latest',
      choices: ['latest', 'keep-all'],
    },
    {
      flags: '-f, --format <format>',
      description: `output format: ${FORMATS.join(', ')}`,
      default: 'table',
      choices: FORMATS,
    },
    {
      flags: '-o, --output <file>',
      description: 'write the output to this file instead of stdout',
    },
    {
      flags: '--exclusions <file>',
      description: 'write every excluded row with its file, line and reason to this CSV file',
    },
    {
      flags: '--encoding <name>',
      description: 'input encoding: utf-8, windows-1252, utf-16le or utf-16be (default: detected)',
    },
    {
      flags: '--delimiter <char>',
      description: 'field separator: comma, semicolon, tab or pipe (default: detected)',
    },
    {
      flags: '--as-of <date>',
      description:
        'date at which to work out ages from a date or year of birth when a row has no date agreed',
    },
    { flags: '-q, --quiet', description: 'do not print the exclusion summary on stderr' },
  ],
  examples: [
    'rasgap analyse fixtures/sample-export.csv',
    'rasgap analyse export.csv --by age-band --format json --output gaps.json',
    'rasgap analyse export.csv --by client-group,age-band --period year --tolerance 2%',
    'rasgap analyse export.csv --column indicative="RAS £" --column actual="Agreed £" --exclusions excluded.csv',
  ],
  async run(args, options) {
    const files = args[0] as string[];
    const format = parseFormat(options.format);
    refuseOverwritingInputs([options.output, options.exclusions], files);
    const { report, ledger } = await analyse(files, {
      columns: options.column,
      by: options.by,
      period: options.period,
      tolerance: options.tolerance,
      duplicates: options.duplicates,
      encoding: options.encoding,
      delimiter: options.delimiter,
      asOf: options.asOf,
    });
    const toTerminal = options.output === undefined && process.stdout.isTTY === true;
    const colour = toTerminal && !process.env.NO_COLOR;
    await writeText(options.output, render(report, format, { colour }));
    if (options.exclusions !== undefined) {
      await writeText(options.exclusions, renderExclusionsCsv(ledger.entries, files));
    }
    if (!options.quiet) process.stderr.write(renderExclusionSummary(report));
  },
};
