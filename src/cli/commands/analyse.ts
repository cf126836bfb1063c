/** `rasgap analyse <file...>`: the main job. */
import { DIMENSION_FLAGS, DIMENSIONS } from '../../analysis/dimensions.js';
import { analyse } from '../../index.js';
import { ROLE_FLAGS, ROLES } from '../../ingest/columns.js';
import { PERIODS } from '../../ingest/period.js';
import { readProgress } from '../../ingest/read.js';
import { createProgress } from '../progress.js';
import { renderExclusionsCsv } from '../../report/csv.js';
import { FORMATS, parseFormat, render } from '../../report/render.js';
import { renderExclusionSummary } from '../../report/table.js';
import { provenance } from '../../report/model.js';
import type { CommandSpec } from '../command.js';
import { mergeSettings } from '../settings.js';
import { refuseOverwritingInputs, writeText } from '../output.js';
import { quietOption, STRICT_PRIVACY_OPTION, writeNotes } from '../warnings.js';

interface AnalyseCliOptions {
  column?: string[];
  by?: string[];
  period?: string;
  inputPeriod?: string[];
  groupMap?: string;
  tolerance?: string;
  duplicates?: string;
  format?: string;
  output?: string;
  exclusions?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  asOf?: string;
  config?: string;
  quiet?: boolean;
  confidence?: string;
  scale?: string;
  tests?: boolean;
  minCount?: string;
  roundCounts?: string;
  dominanceP?: string;
  suppression?: boolean;
  strictPrivacy?: boolean;
  separateFiles?: boolean;
}

export const analyseCommand: CommandSpec<AnalyseCliOptions> = {
  name: 'analyse',
  summary:
    'Report how far actual personal budgets moved from the indicative (RAS) budgets, overall and by age band and client group.',
  arguments: [
    {
      name: '<file...>',
      description:
        'council export(s): CSV (or other delimited text) or .xlsx; several files are pooled',
    },
  ],
  options: [
    {
      flags: '--by <dimensions>',
      description: `breakdown: ${DIMENSIONS.map((d) => DIMENSION_FLAGS[d]).join(', ')}, or two crossed (client-group,age-band); repeat for several (default: age-band and client-group, where the columns exist)`,
      repeatable: true,
    },
    {
      flags: '-c, --column <role=header>',
      description: `name the column for a role when the header is not recognised; roles: ${ROLES.map((r) => ROLE_FLAGS[r]).join(', ')}; repeatable`,
      repeatable: true,
    },
    {
      flags: '--period <unit>',
      description:
        'unit of every amount shown: week or year, a year being 52 weeks (default: week; amounts whose period the export does not state are shown as given)',
      choices: ['week', 'year'],
    },
    {
      flags: '--input-period <period>',
      description: `period of amounts whose header does not say and that have no frequency column: ${PERIODS.join(', ')}; or per amount, whatever its header says: --input-period indicative=week --input-period actual=year`,
      repeatable: true,
    },
    {
      flags: '--group-map <file>',
      description:
        'JSON {"council label": "canonical label"} or two-column CSV mapping the council’s own client-group labels',
    },
    {
      flags: '--tolerance <amount>',
      description:
        'a gap this small counts as unchanged: pounds in the --period unit (5) or a percentage of the indicative budget (2%) (default: 0)',
    },
    {
      flags: '--duplicates <policy>',
      description:
        'a person listed more than once: latest (keep the latest date agreed) or keep-all (default: latest)',
      choices: ['latest', 'keep-all'],
    },
    {
      flags: '--separate-files',
      description:
        'keep each file’s person ids apart, for files of different councils with no council column (default: files without one are extracts of one council, an id in two files one person)',
    },
    {
      flags: '-f, --format <format>',
      description: `output format: ${FORMATS.join(', ')} (default: table)`,
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
      flags: '--sheet <name>',
      description:
        'the sheet of an .xlsx workbook to read (default: the first sheet with a header row); workbooks are recognised by their content, and line numbers are then sheet row numbers',
    },
    {
      flags: '--as-of <date>',
      description:
        'date at which to work out ages from a date or year of birth when a row has no date agreed',
    },
    {
      flags: '--config <file>',
      description:
        'settings file (JSON); rasgap.config.json in the working folder is read when present; options given here win',
    },
    {
      flags: '--confidence <level>',
      description: 'confidence level of every interval, e.g. 0.9 or 99% (default: 0.95)',
    },
    {
      flags: '--scale <scale>',
      description:
        'Bland–Altman agreement on differences in pounds, or on log ratios reported as percentages (default: difference)',
      choices: ['difference', 'ratio'],
    },
    { flags: '--no-tests', description: 'leave out intervals, tests and agreement figures' },
    {
      flags: '--min-count <k>',
      description:
        'counts from 1 to k-1 are shown as [c] (with further cells hidden so none can be worked back from totals), and groups of fewer than k records show only their label (default: 5)',
    },
    { flags: '--round-counts <n>', description: 'round published counts to the nearest n' },
    {
      flags: '--dominance-p <p>',
      description:
        'hide a money total where one or two budgets make it up to within p% (the p% rule; 0 turns it off) (default: 10)',
    },
    {
      flags: '--no-suppression',
      description:
        'turn small-number suppression off, for internal analysis; the output then says it is not for publication',
    },
    STRICT_PRIVACY_OPTION,
    quietOption('the exclusion summary and warnings'),
  ],
  examples: [
    'rasgap analyse fixtures/sample-export.csv',
    'rasgap analyse export.csv --by age-band --format json --output gaps.json',
    'rasgap analyse export.csv --by client-group,age-band --period year --tolerance 2%',
    'rasgap analyse export.csv --column indicative="RAS £" --column actual="Agreed £" --exclusions excluded.csv',
    'rasgap analyse export.csv --input-period month --group-map our-groups.csv',
    'rasgap analyse export.csv --input-period indicative=week --input-period actual=year',
    'rasgap analyse export.csv --dominance-p 20 --format csv --output table.csv',
    'rasgap analyse north.csv south.csv --by source',
    'rasgap analyse foi-release.xlsx --sheet "Table 2"',
    'rasgap analyse north.csv south.csv --by source --separate-files',
    'rasgap analyse q1.csv q2.csv q3.csv',
    'rasgap analyse q3-export.csv --config rasgap.config.json',
  ],
  async run(args, cli) {
    const files = args[0] as string[];
    const { options, file, read } = await mergeSettings(cli);
    const format = parseFormat(cli.format ?? file.format ?? 'table');
    const sidecar =
      format === 'csv' && cli.output !== undefined ? `${cli.output}.meta.json` : undefined;
    refuseOverwritingInputs([cli.output, cli.exclusions, sidecar], [...files, ...read]);
    // A long read shows its progress on a terminal's stderr (never on a pipe, -q or under CI).
    const progress = createProgress({
      stderr: process.stderr,
      isTTY: process.stderr.isTTY,
      env: process.env,
      quiet: cli.quiet,
    });
    const { report, ledger } = await readProgress
      .run(progress.update, () => analyse(files, { ...options, charts: format === 'html' }))
      .finally(progress.done);
    const toTerminal = cli.output === undefined && process.stdout.isTTY === true;
    const colour = toTerminal && !process.env.NO_COLOR;
    await writeText(cli.output, render(report, format, { colour }));
    // A CSV cannot carry where its figures came from: that goes in a sidecar beside it.
    if (sidecar !== undefined)
      await writeText(sidecar, JSON.stringify(provenance(report), null, 2) + '\n');
    if (cli.exclusions !== undefined) {
      await writeText(cli.exclusions, renderExclusionsCsv(ledger.entries, files));
    }
    writeNotes({
      summary: renderExclusionSummary(report),
      warnings: report.warnings,
      quiet: cli.quiet,
    });
  },
};
