/** `rasgap analyse <file...>`: the main job. The analysis and renderers load when it runs. */
import type { Format } from '../../report/formats.js';
import type { Report } from '../../report/model.js';
import type { TableStyle } from '../../report/table.js';
import type { CommandSpec } from '../command.js';
import { inputPath, stderrWidth, tableWidth, useColour } from '../io.js';
import { refuseOverwritingInputs, writeText } from '../output.js';
import { reportTime, writeNotes } from '../warnings.js';

export const analyseCommand: CommandSpec<'analyse'> = {
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
  examples: [
    'rasgap analyse fixtures/sample-export.csv',
    'rasgap analyse export.csv --by age-band --format json --output gaps.json',
    'rasgap analyse export.csv --by client-group,age-band --period year --tolerance 2%',
    'rasgap analyse export.csv --column indicative="RAS £" --column actual="Agreed £" --exclusions excluded.csv',
    'rasgap analyse export.csv --input-period month --group-map our-groups.csv',
    'rasgap analyse export.csv --from 2023-04-01 --to 2024-03-31 --where age-band=65+ --period month',
    'rasgap analyse export.csv --by financial-year --by client-group,quarter',
    'rasgap analyse export.csv --by column:Team,age-band --where column:Team="North Locality"',
    'rasgap analyse export.csv --wide',
    'rasgap analyse export.csv --columns n,down,median,money,zero',
    'rasgap analyse export.csv --input-period indicative=week --input-period actual=year',
    'rasgap analyse export.csv --dominance-p 20 --format csv --output table.csv',
    'rasgap analyse north.csv south.csv --by source --separate-files --columns n,down,median,funnel',
    'rasgap analyse export.csv --bands -25,-10,0,10,25 --columns n,down,bands',
    'rasgap analyse foi-release.xlsx --sheet "Table 2"',
    'rasgap analyse q1.csv q2.csv q3.csv',
    'rasgap analyse q3-export.csv --config rasgap.config.json',
  ],
  async run(args, cli, { options, read }, { io, progress: shown }) {
    const files = args.map((file) => inputPath(io.cwd, file));
    const output = cli.output === undefined ? undefined : inputPath(io.cwd, cli.output);
    const exclusions = cli.exclusions === undefined ? undefined : inputPath(io.cwd, cli.exclusions);
    const format = cli.format;
    const sidecar = format === 'csv' && output !== undefined ? `${output}.meta.json` : undefined;
    refuseOverwritingInputs([output, exclusions, sidecar], [...files, ...read]);
    // Only what this run uses: the terminal table's renderer alone unless another format is asked.
    const [{ analyse }, { renderTable, renderExclusionSummary }] = await Promise.all([
      import('../../analyse.js'),
      import('../../report/table.js'),
    ]);
    const render =
      format === 'table'
        ? (report: Report, _format: Format, style: TableStyle) => renderTable(report, style)
        : (await import('../../report/render.js')).render;
    // A long read shows its progress on a terminal's stderr (never on a pipe, -q or under CI).
    const { withProgress } = await import('../progress.js');
    const result = await withProgress(shown, (onProgress) =>
      analyse(files, {
        ...options,
        charts: format === 'html',
        now: reportTime(io.env),
        onProgress,
      }),
    );
    const { report, ledger } = result;
    const toStdout = output === undefined;
    const text = render(report, format, {
      colour: useColour(io, toStdout),
      width: format === 'table' ? tableWidth(io, toStdout) : undefined,
      wide: cli.wide || undefined,
      columns: cli.tableColumns,
    });
    await writeText(output, text, io.stdout);
    // A CSV cannot carry where its figures came from: that goes in a sidecar beside it.
    if (sidecar !== undefined) {
      const { provenance } = await import('../../report/model.js');
      await writeText(sidecar, JSON.stringify(provenance(report), null, 2) + '\n', io.stdout);
    }
    if (exclusions !== undefined) {
      const { renderExclusionsCsv } = await import('../../report/csv.js');
      await writeText(exclusions, renderExclusionsCsv(ledger.entries, files), io.stdout);
    }
    writeNotes(io.stderr, {
      summary: renderExclusionSummary(report),
      warnings: report.warnings,
      quiet: cli.quiet,
      width: stderrWidth(io),
    });
  },
};
