/** `rasgap trend <file...>`: did moderation change over the years or quarters, group by group? */
import type { CommandSpec } from '../command.js';
import { inputPath, stderrWidth, tableWidth, useColour } from '../io.js';
import { refuseOverwritingInputs, writeText } from '../output.js';
import { reportTime, writeNotes } from '../warnings.js';

export const trendCommand: CommandSpec<'trend'> = {
  name: 'trend',
  summary:
    'Per group and financial year (or quarter): how many budgets were moderated down, with intervals, the median % gap, and two tests of a trend (Cochran–Armitage on the share moved down, Kendall’s tau-b on the % gap).',
  arguments: [
    {
      name: '<file...>',
      description:
        'council export(s) with a date-agreed column: CSV or .xlsx; several files (years) are pooled',
    },
  ],
  examples: [
    'rasgap trend fixtures/trend-export.csv --by client-group',
    'rasgap trend export.csv --by age-band --every quarter',
    'rasgap trend 2019.csv 2020.csv 2021.csv 2022.csv 2023.csv --by client-group --format html --output trend.html',
    'rasgap trend export.csv --format csv --output trend.csv',
    'rasgap trend export.csv --by column:Team --from 2021-04-01',
  ],
  async run(args, cli, { options, read }, { io, progress: shown }) {
    const files = args.map((file) => inputPath(io.cwd, file));
    const output = cli.output === undefined ? undefined : inputPath(io.cwd, cli.output);
    const format = cli.format;
    const sidecar = format === 'csv' && output !== undefined ? `${output}.meta.json` : undefined;
    refuseOverwritingInputs([output, sidecar], [...files, ...read]);
    const [{ trend, render }, { renderExclusionSummary }] = await Promise.all([
      import('../../index.js'),
      import('../../report/table.js'),
    ]);
    // A config file's breakdowns, tests and charts are analyse's: the trend has its own.
    const { by: _by, tests: _tests, charts: _charts, ...reading } = options;
    void [_by, _tests, _charts];
    const { withProgress } = await import('../progress.js');
    const report = await withProgress(shown, (onProgress) =>
      trend(files, {
        ...reading,
        by: cli.dimension ?? null,
        every: cli.every ?? 'financial-year',
        now: reportTime(io.env),
        onProgress,
      }),
    );
    const toStdout = output === undefined;
    const text = render(report, format, {
      colour: useColour(io, toStdout),
      width: format === 'table' ? tableWidth(io, toStdout) : undefined,
    });
    await writeText(output, text, io.stdout);
    // A CSV cannot carry where its figures came from: that goes in a sidecar beside it.
    if (sidecar !== undefined) {
      const { provenance } = await import('../../report/model.js');
      await writeText(sidecar, JSON.stringify(provenance(report), null, 2) + '\n', io.stdout);
    }
    writeNotes(io.stderr, {
      summary: renderExclusionSummary(report),
      warnings: report.warnings,
      quiet: cli.quiet,
      width: stderrWidth(io),
    });
  },
};
