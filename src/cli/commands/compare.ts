/** `rasgap compare <file...> --a <group> --b <group>`: a head-to-head of two groups. */
import { RasgapError } from '../../errors.js';
import type { CommandSpec } from '../command.js';
import { inputPath, stderrWidth, tableWidth, useColour } from '../io.js';
import { refuseOverwritingInputs, writeText } from '../output.js';
import { reportTime, writeNotes } from '../warnings.js';

export const compareCommand: CommandSpec<'compare'> = {
  name: 'compare',
  summary:
    'Head-to-head of two groups, e.g. older people against working-age adults: each side’s figures, the shift in % gap with its interval, Mann–Whitney p, the effect size, and a plain-English reading.',
  arguments: [
    { name: '<file...>', description: 'council export(s): CSV or .xlsx; several are pooled' },
  ],
  examples: [
    'rasgap compare fixtures/sample-export.csv --by age-band --a 65+ --b 18-64',
    'rasgap compare export.csv --a LD --b "Mental Health Support" --format json',
    'rasgap compare export.csv --a 65+ --b 18-64 --strict-privacy --quiet',
  ],
  async run(args, cli, { options, read }, { io, progress: shown }) {
    const files = args.map((file) => inputPath(io.cwd, file));
    const { a, b } = cli;
    if (a === undefined || b === undefined) {
      throw new RasgapError('USAGE', 'compare needs two groups, --a and --b', {
        fix: 'e.g. rasgap compare export.csv --by age-band --a 65+ --b 18-64',
        option: a === undefined ? 'a' : 'b',
      });
    }
    const output = cli.output === undefined ? undefined : inputPath(io.cwd, cli.output);
    refuseOverwritingInputs([output], [...files, ...read]);
    const [{ compare }, { withProgress }] = await Promise.all([
      import('../../compare.js'),
      import('../progress.js'),
    ]);
    const report = await withProgress(shown, (onProgress) =>
      compare(files, {
        ...options,
        a,
        b,
        dimension: cli.dimension,
        now: reportTime(io.env),
        onProgress,
      }),
    );
    let text: string;
    if (cli.format === 'json') text = JSON.stringify(report, null, 2) + '\n';
    else {
      const { renderHeadToHeadMarkdown, renderHeadToHeadTable } =
        await import('../../report/headToHead.js');
      const toStdout = output === undefined;
      text =
        cli.format === 'markdown'
          ? renderHeadToHeadMarkdown(report)
          : renderHeadToHeadTable(report, {
              colour: useColour(io, toStdout),
              width: tableWidth(io, toStdout),
            });
    }
    await writeText(output, text, io.stdout);
    writeNotes(io.stderr, {
      warnings: report.warnings,
      quiet: cli.quiet,
      width: stderrWidth(io),
    });
  },
};
