/**
 * The options shared by analyse, compare and inspect, merged in one place: what was typed on the
 * command line wins over the config file (`--config`, or rasgap.config.json), role by role for
 * `--column`.
 */
import { loadConfig, loadGroupMap, type ConfigFile } from '../config.js';
import type { AnalyseOptionsInput } from '../options.js';
import { commandLine } from './argv.js';

/** The shared options as commander hands them over (all text; booleans from `--no-*`). */
export interface SharedCliOptions {
  column?: string[];
  by?: string[] | string;
  period?: string;
  inputPeriod?: string[];
  groupMap?: string;
  tolerance?: string;
  duplicates?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  asOf?: string;
  config?: string;
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

/**
 * @example
 * const { options, file } = await mergeSettings(cli);
 * await analyse(files, options);
 */
export async function mergeSettings(
  cli: SharedCliOptions,
): Promise<{ options: AnalyseOptionsInput; file: ConfigFile; read: string[] }> {
  const loaded = await loadConfig(cli.config, process.cwd());
  const file = loaded?.config ?? {};
  const configColumns = Object.entries(file.columns ?? {}).map(
    ([role, header]) => `${role}=${header}`,
  );
  const configBy = typeof file.by === 'string' ? [file.by] : file.by;
  const cliBy = typeof cli.by === 'string' ? [cli.by] : cli.by;
  // The settings files read: like the exports, never to be written over.
  const read = [loaded?.path, cli.groupMap ?? loaded?.groupMapPath].filter(
    (path): path is string => path !== undefined,
  );
  return {
    file,
    read,
    options: {
      columns: [...configColumns, ...(cli.column ?? [])],
      by: cliBy ?? configBy,
      period: cli.period ?? file.period,
      inputPeriod: cli.inputPeriod ?? file.inputPeriod,
      groupMap: cli.groupMap ? await loadGroupMap(cli.groupMap) : loaded?.groupMap,
      tolerance:
        cli.tolerance ?? (file.tolerance === undefined ? undefined : String(file.tolerance)),
      duplicates: cli.duplicates ?? file.duplicates,
      encoding: cli.encoding ?? file.encoding,
      delimiter: cli.delimiter ?? file.delimiter,
      sheet: cli.sheet ?? file.sheet,
      asOf: cli.asOf ?? file.asOf,
      configFile: loaded?.path,
      confidence: cli.confidence ?? file.confidence,
      scale: cli.scale ?? file.scale,
      // commander sets these true unless --no-tests / --no-suppression; the file may turn them off.
      tests: cli.tests === false ? false : (file.tests ?? true),
      minCount: cli.minCount ?? file.minCount,
      roundCounts: cli.roundCounts ?? file.roundCounts,
      dominanceP: cli.dominanceP ?? file.dominanceP,
      suppression: cli.suppression === false ? false : (file.suppression ?? true),
      strictPrivacy: cli.strictPrivacy ?? false,
      separateFiles: cli.separateFiles ?? file.separateFiles ?? false,
      command: commandLine(process.argv),
    },
  };
}
