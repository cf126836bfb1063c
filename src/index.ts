/**
 * The Node API: the same stages the CLI runs, typed, returning data (docs/api.md). An input is a
 * path, or bytes, text or a stream with a name (ExportInput); figures are the published ones
 * (small numbers hidden) unless the exact analysis is asked for.
 *
 * @example
 * import { analyse, render } from 'rasgap';
 * const { report } = await analyse(['export.csv'], { by: [['ageBand']] });
 * console.log(report.overall.medianPctGap);
 */
export {
  analyse,
  type AnalyseOptions,
  type AnalyseResult,
  type ExactAnalyseResult,
} from './analyse.js';
export { RasgapError, EXIT, formatError, type ErrorCode } from './errors.js';
export { FORMATS, type Format } from './report/render.js';
export {
  render,
  COMPARE_FORMATS,
  INSPECT_FORMATS,
  type CompareFormat,
  type InspectFormat,
  type RenderStyle,
} from './render.js';
export { compare, type CompareOptions, type CompareReport } from './compare.js';
export { inspect, type InspectOptions } from './inspect.js';
export type { FileInspection, PoolInspection, ColumnInspection } from './ingest/inspect.js';
export type { ExportInput, ExportChunk, Inputs } from './ingest/source.js';
export type { InputFile, ReadProgressListener } from './ingest/read.js';
export type { ExclusionLedger } from './ingest/exclusions.js';
export type { PersonIds, RecordTable } from './ingest/records.js';
export type { Analysis } from './analysis/analyse.js';
export type { Report } from './report/model.js';
export type { ExactReport } from './analysis/report.js';
export { publish, NOT_FOR_PUBLICATION, type DisclosureSettings } from './disclose/publish.js';
export type { WithheldReason } from './disclose/types.js';
export type { Summary } from './analysis/summary.js';
export type { AnalyseOptionsInput, AnalyseSettings } from './options.js';
export { parseMoney, MONEY_MISSING, MONEY_SUPPRESSED, MONEY_INVALID } from './ingest/money.js';
export { generateExport, generateExportLines } from './generate/export.js';
export { trend, type TrendOptions } from './trend.js';
export type { TrendReport, TrendGroup, TrendCell } from './disclose/trend.js';
export { TREND_FORMATS, type TrendFormat } from './report/trend.js';
export { TREND_PERIODS, type TrendPeriod } from './analysis/trend.js';
