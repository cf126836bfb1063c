/** `rasgap compare <file...> --a <group> --b <group>`: a head-to-head of two groups. */
import { compare } from '../../compare.js';
import { DIMENSION_FLAGS, DIMENSIONS } from '../../analysis/dimensions.js';
import { RasgapError } from '../../errors.js';
import { renderHeadToHeadMarkdown, renderHeadToHeadTable } from '../../report/headToHead.js';
import type { CommandSpec } from '../command.js';
import { mergeSettings } from '../settings.js';
import { refuseOverwritingInputs, writeText } from '../output.js';
import { quietOption, STRICT_PRIVACY_OPTION, writeNotes } from '../warnings.js';

interface CompareCliOptions {
  a?: string;
  b?: string;
  by?: string;
  column?: string[];
  period?: string;
  inputPeriod?: string[];
  groupMap?: string;
  tolerance?: string;
  duplicates?: string;
  confidence?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  asOf?: string;
  config?: string;
  format?: string;
  output?: string;
  minCount?: string;
  roundCounts?: string;
  dominanceP?: string;
  suppression?: boolean;
  strictPrivacy?: boolean;
  separateFiles?: boolean;
  quiet?: boolean;
}

export const compareCommand: CommandSpec<CompareCliOptions> = {
  name: 'compare',
  summary:
    'Head-to-head of two groups, e.g. older people against working-age adults: each side’s figures, the shift in % gap with its interval, Mann–Whitney p, the effect size, and a plain-English reading.',
  arguments: [
    { name: '<file...>', description: 'council export(s): CSV or .xlsx; several are pooled' },
  ],
  options: [
    {
      flags: '--a <group>',
      description: 'the first group, e.g. 65+ or "Learning Disability Support"',
    },
    { flags: '--b <group>', description: 'the second group, e.g. 18-64 or LD' },
    {
      flags: '--by <dimension>',
      description: `the dimension both groups belong to: ${DIMENSIONS.map((d) => DIMENSION_FLAGS[d]).join(', ')} (default: age-band when both groups are age bands, else client-group)`,
    },
    {
      flags: '-c, --column <role=header>',
      description: 'as for analyse; repeatable',
      repeatable: true,
    },
    { flags: '--period <unit>', description: 'as for analyse', choices: ['week', 'year'] },
    {
      flags: '--input-period <period>',
      description: 'as for analyse; repeatable',
      repeatable: true,
    },
    { flags: '--group-map <file>', description: 'as for analyse' },
    { flags: '--tolerance <amount>', description: 'as for analyse (default: 0)' },
    {
      flags: '--duplicates <policy>',
      description: 'as for analyse',
      choices: ['latest', 'keep-all'],
    },
    { flags: '--separate-files', description: 'as for analyse' },
    { flags: '--confidence <level>', description: 'confidence level (default: 0.95)' },
    { flags: '--min-count <k>', description: 'as for analyse (default: 5)' },
    { flags: '--round-counts <n>', description: 'as for analyse' },
    { flags: '--dominance-p <p>', description: 'as for analyse (default: 10)' },
    { flags: '--no-suppression', description: 'as for analyse: not for publication' },
    { flags: '--encoding <name>', description: 'as for analyse' },
    { flags: '--delimiter <char>', description: 'as for analyse' },
    { flags: '--sheet <name>', description: 'as for analyse: the sheet of an .xlsx workbook' },
    { flags: '--as-of <date>', description: 'as for analyse' },
    { flags: '--config <file>', description: 'as for analyse' },
    {
      flags: '-f, --format <format>',
      description: 'table, json or markdown (default: table)',
      choices: ['table', 'json', 'markdown'],
    },
    { flags: '-o, --output <file>', description: 'write to this file instead of stdout' },
    STRICT_PRIVACY_OPTION,
    quietOption('warnings (such as the privacy guard’s)'),
  ],
  examples: [
    'rasgap compare fixtures/sample-export.csv --by age-band --a 65+ --b 18-64',
    'rasgap compare export.csv --a LD --b "Mental Health Support" --format json',
    'rasgap compare export.csv --a 65+ --b 18-64 --strict-privacy --quiet',
  ],
  async run(args, cli) {
    const files = args[0] as string[];
    if (cli.a === undefined || cli.b === undefined) {
      throw new RasgapError('USAGE', 'compare needs two groups, --a and --b', {
        fix: 'e.g. rasgap compare export.csv --by age-band --a 65+ --b 18-64',
      });
    }
    const { options, read } = await mergeSettings({ ...cli, by: undefined, tests: true });
    refuseOverwritingInputs([cli.output], [...files, ...read]);
    const report = await compare(files, { ...options, a: cli.a, b: cli.b, dimension: cli.by });
    const format = cli.format ?? 'table';
    const colour =
      cli.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const text =
      format === 'json'
        ? JSON.stringify(report, null, 2) + '\n'
        : format === 'markdown'
          ? renderHeadToHeadMarkdown(report)
          : renderHeadToHeadTable(report, colour);
    await writeText(cli.output, text);
    writeNotes({ warnings: report.warnings, quiet: cli.quiet });
  },
};
