/**
 * The options of a command merged in one place: what was typed on the command line wins over the
 * config file (`--config`, or rasgap.config.json), role by role for `--column`. Which options a
 * command takes and how each is checked come from the option table.
 */
import { loadConfig, loadGroupMap } from '../config.js';
import { normaliseOptions, type AnalyseOptionsInput, type OptionValues } from '../options.js';
import { OPTIONS, optionsOf, type AnyOption, type CommandName } from '../options/table.js';
import { inputPath, type CliContext } from './io.js';

/** The analysis options of the API: the config file may set them for any command. */
const API_OPTIONS = (OPTIONS as readonly AnyOption[]).filter((entry) => entry.api);

export interface CommandSettings {
  /** Every option of the command, checked. */
  values: Partial<OptionValues>;
  /** The analysis options as given, for `analyse()` / `compare()`, which check them. */
  input: { options: AnalyseOptionsInput; read: string[] };
}

/**
 * @example
 * const { values, input } = await commandSettings('analyse', { minCount: '3' }, context);
 * await analyse(files, input.options);
 */
export async function commandSettings(
  command: CommandName,
  cli: Record<string, unknown>,
  context: CliContext,
): Promise<CommandSettings> {
  const own = optionsOf(command);
  const takesConfig = own.some((entry) => entry.key === 'config');
  const configPath = typeof cli.config === 'string' ? cli.config : undefined;
  const loaded = takesConfig ? await loadConfig(configPath, context.io.cwd) : null;
  const fromFile: Record<string, unknown> = loaded?.config ?? {};

  const merged: Record<string, unknown> = {};
  const entries = new Set([...own, ...(takesConfig ? API_OPTIONS : [])]);
  for (const entry of entries) {
    const typed = own.includes(entry) ? cli[entry.key] : undefined;
    const config = entry.config === undefined ? undefined : fromFile[entry.key];
    merged[entry.key] = mergeOne(entry, typed, config, command);
  }

  // A group map from the command line is a path, read here; the config file's was read with it.
  const groupMapPath = typeof cli.groupMap === 'string' ? cli.groupMap : undefined;
  merged.groupMap =
    groupMapPath !== undefined
      ? await loadGroupMap(inputPath(context.io.cwd, groupMapPath), groupMapPath)
      : loaded?.groupMap;
  merged.configFile = loaded?.path;
  merged.command = context.command;

  const values = normaliseOptions(merged, own);
  const options: Record<string, unknown> = {};
  for (const entry of API_OPTIONS) options[entry.key] = merged[entry.key];
  // The settings files read: like the exports, never to be written over.
  const read = [
    loaded?.openedPath,
    groupMapPath === undefined ? loaded?.groupMapPath : inputPath(context.io.cwd, groupMapPath),
  ].filter((path): path is string => path !== undefined);
  return { values, input: { options: options as AnalyseOptionsInput, read } };
}

/** One option from the command line and the config file. */
function mergeOne(
  entry: AnyOption,
  typed: unknown,
  config: unknown,
  command: CommandName,
): unknown {
  // `--format` in the config file is analyse's: compare and inspect have formats of their own.
  if (entry.key === 'format' && command !== 'analyse') return typed;
  if (entry.key === 'columns') {
    // Role by role: the file's columns, then those typed (a later one for a role wins).
    const fromFile = Object.entries((config as Record<string, string> | undefined) ?? {}).map(
      ([role, header]) => `${role}=${header}`,
    );
    return [...fromFile, ...((typed as string[] | undefined) ?? [])];
  }
  // commander sets a `--no-x` option true unless it was given: only false was typed.
  if (entry.flags?.includes('--no-')) return typed === false ? false : config;
  return typed ?? config;
}
