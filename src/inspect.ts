/**
 * `inspect` for the Node API: what rasgap sees in each export before any figure is worked out, as
 * data (the CLI's `rasgap inspect --format json` is this, serialised).
 */
import { inspectFiles, type FileInspection } from './ingest/inspect.js';
import { listOf, type Inputs } from './ingest/source.js';
import { checkAnalyseOptions, type AnalyseOptionsInput } from './options.js';

/** The reading options `inspect` takes: the ones that change how a file is read, as for analyse. */
export type InspectOptions = Pick<
  AnalyseOptionsInput,
  | 'columns'
  | 'inputPeriod'
  | 'encoding'
  | 'delimiter'
  | 'sheet'
  | 'groupMap'
  | 'asOf'
  | 'duplicates'
  | 'separateFiles'
>;

/**
 * Inspects each export: encoding and delimiter (or a workbook's sheets), header, column roles
 * and periods, values that do not parse, client groups, repeated ids, layout rows, whether
 * analyse can read it, and the options that would fix what it could not detect. With several
 * inputs, each carries `pooled`: how analyse would pool them. Never throws for a file's content
 * (that is what it reports), only when an input cannot be read at all or an option is wrong.
 *
 * @example
 * const [file] = await inspect('fixtures/sample-export.csv');
 * file.analysable // true
 * file.columns.find((column) => column.role === 'indicative')?.header // 'Indicative Budget'
 */
export async function inspect(
  inputs: Inputs,
  options: InspectOptions = {},
): Promise<FileInspection[]> {
  const settings = checkAnalyseOptions(options);
  return inspectFiles(listOf(inputs), {
    columns: settings.columns,
    inputPeriod: settings.inputPeriod,
    encoding: settings.encoding,
    delimiter: settings.delimiter,
    sheet: settings.sheet,
    groupMap: settings.groupMap,
    asOf: settings.asOf,
    duplicates: settings.duplicates,
    separateFiles: settings.separateFiles,
  });
}
