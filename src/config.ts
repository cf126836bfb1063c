/**
 * The config file: the settings a council team keeps so that each quarter's run is the same
 * (`--config FILE`, or `rasgap.config.json` in the working folder). Options given on the command
 * line win over the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RasgapError } from './errors.js';
import { parseGroupMap, type GroupMap } from './ingest/clientGroups.js';
import { normaliseOptions } from './options.js';
import { CONFIG_OPTIONS, type ConfigType, type OPTIONS } from './options/table.js';

export const DEFAULT_CONFIG_FILE = 'rasgap.config.json';

/** The JSON types a config setting of each kind may have. */
interface ConfigValueTypes {
  string: string;
  boolean: boolean;
  'number-or-string': number | string;
  'numbers-or-string': number[] | string;
  'string-or-list': string | string[];
  'string-record': Record<string, string>;
  'path-or-record': string | Record<string, string>;
}

type ConfigEntry = Extract<(typeof OPTIONS)[number], { config: ConfigType }>;

/** What the file may hold (every setting of the option table that has a config key); all optional. */
export type ConfigFile = {
  [E in ConfigEntry as E['key']]?: ConfigValueTypes[E['config']];
};

const TYPE_CHECKS: Record<ConfigType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  'number-or-string': (value) => typeof value === 'string' || typeof value === 'number',
  'numbers-or-string': (value) =>
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((v) => typeof v === 'number')),
  'string-or-list': (value) =>
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string')),
  'string-record': isStringRecord,
  'path-or-record': (value) => typeof value === 'string' || isStringRecord(value),
};

export interface LoadedConfig {
  /** The file as named (as typed, or rasgap.config.json in full): in messages and the report. */
  path: string;
  /** The file as opened: `path` resolved against the working folder. */
  openedPath: string;
  config: ConfigFile;
  /** The group map with its file read, when the config names one. */
  groupMap: GroupMap | undefined;
  /** The group map's file as opened, when the config names one by path. */
  groupMapPath?: string;
}

/**
 * Reads `path` (relative to `cwd`), or `rasgap.config.json` in `cwd` when no path is given and
 * that file exists.
 *
 * @example
 * const loaded = await loadConfig(undefined, '/data/q3'); // null when there is none
 */
export async function loadConfig(
  path: string | undefined,
  cwd: string,
): Promise<LoadedConfig | null> {
  const opened = resolve(cwd, path ?? DEFAULT_CONFIG_FILE);
  const file = path ?? opened;
  let text: string;
  try {
    text = await readFile(opened, 'utf8');
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new RasgapError('USAGE', 'cannot read the config file', {
      file,
      fix: 'check the path given to --config',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RasgapError(
      'USAGE',
      `the config file is not valid JSON (${(error as Error).message})`,
      {
        file,
        fix: 'write it as a JSON object, e.g. {"columns": {"indicative": "RAS £"}, "period": "year"}',
      },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RasgapError('USAGE', 'the config file must hold a JSON object', {
      file,
      fix: 'write it as {"columns": {"indicative": "RAS £"}, "period": "year"}',
    });
  }
  const config = parsed as Record<string, unknown>;
  const keys = CONFIG_OPTIONS.map((entry) => entry.key);
  for (const key of Object.keys(config)) {
    if (!keys.includes(key)) {
      throw new RasgapError('USAGE', `the config file has an unknown setting "${key}"`, {
        file,
        fix: `use only ${keys.join(', ')}`,
        option: key,
      });
    }
  }
  for (const entry of CONFIG_OPTIONS) {
    const value = config[entry.key];
    if (value !== undefined && !TYPE_CHECKS[entry.config!](value)) {
      throw new RasgapError('USAGE', `the config setting "${entry.key}" has the wrong type`, {
        file,
        fix: 'see "Config file" in docs/cli.md for the type of each setting',
        option: entry.key,
      });
    }
  }
  const typed = config as ConfigFile;
  // Each value checked as the matching option is, the error naming the setting and the file. The
  // group map is a path here, read below.
  normaliseOptions(
    { ...typed, groupMap: undefined },
    CONFIG_OPTIONS.filter((entry) => typed[entry.key as keyof ConfigFile] !== undefined),
    { configFile: file },
  );
  let groupMap: GroupMap | undefined;
  let groupMapPath: string | undefined;
  if (typeof typed.groupMap === 'string') {
    groupMapPath = resolve(dirname(opened), typed.groupMap);
    groupMap = await loadGroupMap(groupMapPath, resolve(dirname(file), typed.groupMap), file);
  } else if (typed.groupMap)
    groupMap = Object.assign(Object.create(null) as GroupMap, typed.groupMap);
  return { path: file, openedPath: opened, config: typed, groupMap, groupMapPath };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

/** A group map maps a few hundred labels: anything far bigger is not one. */
export const GROUP_MAP_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Reads a `--group-map` file: JSON `{ "label": "canonical" }` or a two-column CSV. Only a regular
 * file of at most 10 MB is read (checked before opening it, so that a FIFO cannot block the run).
 * Messages name it `shown` (as the person typed it), and the setting that named it: `--group-map`,
 * or `groupMap` in `configFile`.
 *
 * @example
 * const groupMap = await loadGroupMap('our-groups.csv'); // { Reablement: 'Physical Support: ...' }
 */
export async function loadGroupMap(
  path: string,
  shown = path,
  configFile?: string,
): Promise<GroupMap> {
  const named =
    configFile === undefined
      ? { fix: 'check the path given to --group-map', option: 'groupMap' }
      : {
          // A path in a config file is read from the config file's folder, not the working one.
          fix: `check "groupMap" in ${configFile} (a path there is relative to that file's folder)`,
          option: 'groupMap',
        };
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new RasgapError('USAGE', 'the group map is not a regular file', {
        file: shown,
        option: 'groupMap',
        fix:
          configFile === undefined
            ? 'give --group-map the path of a JSON or CSV file'
            : `give "groupMap" in ${configFile} the path of a JSON or CSV file`,
      });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof RasgapError) throw error;
    throw new RasgapError('USAGE', 'cannot read the group map', { file: shown, ...named });
  }
  if (size > GROUP_MAP_MAX_BYTES) {
    throw new RasgapError(
      'USAGE',
      `the group map is ${(size / 1024 / 1024).toFixed(1)} MB, more than a map of labels can be (at most 10 MB)`,
      {
        file: shown,
        option: 'groupMap',
        fix:
          configFile === undefined
            ? 'check that --group-map names the map, not an export'
            : `check that "groupMap" in ${configFile} names the map, not an export`,
      },
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new RasgapError('USAGE', 'cannot read the group map', { file: shown, ...named });
  }
  return parseGroupMap(text, shown);
}
