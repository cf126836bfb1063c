/**
 * The config file: the settings a council team keeps so that each quarter's run is the same
 * (`--config FILE`, or `rasgap.config.json` in the working folder). Options given on the command
 * line win over the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RasgapError } from './errors.js';
import { parseGroupMap, type GroupMap } from './ingest/clientGroups.js';
import { checkAnalyseOptions, type AnalyseOptionsInput } from './options.js';
import { FORMATS } from './report/render.js';

export const DEFAULT_CONFIG_FILE = 'rasgap.config.json';

/** What the file may hold; every key is optional. */
export interface ConfigFile {
  /** Role -> header, as `--column role=header`. */
  columns?: Record<string, string>;
  /** As `--input-period`: `"week"`, or `["indicative=week", "actual=year"]`. */
  inputPeriod?: string | string[];
  period?: string;
  /** A path (relative to the config file) to a JSON or CSV map, or the map itself. */
  groupMap?: string | Record<string, string>;
  tolerance?: string | number;
  /** As `--by`: `"client-group,age-band"` or a list of such strings. */
  by?: string | string[];
  duplicates?: string;
  encoding?: string;
  delimiter?: string;
  /** The sheet of an .xlsx workbook to read. */
  sheet?: string;
  asOf?: string;
  format?: string;
  confidence?: number | string;
  scale?: string;
  tests?: boolean;
  minCount?: number | string;
  roundCounts?: number | string;
  dominanceP?: number | string;
  suppression?: boolean;
  /** As `--separate-files`. */
  separateFiles?: boolean;
}

const KEYS: readonly (keyof ConfigFile)[] = [
  'columns',
  'inputPeriod',
  'period',
  'groupMap',
  'tolerance',
  'by',
  'duplicates',
  'encoding',
  'delimiter',
  'asOf',
  'format',
  'confidence',
  'scale',
  'tests',
  'minCount',
  'roundCounts',
  'dominanceP',
  'suppression',
  'sheet',
  'separateFiles',
];

export interface LoadedConfig {
  path: string;
  config: ConfigFile;
  /** The group map with its file read, when the config names one. */
  groupMap: GroupMap | undefined;
  /** The group map's file, when the config names one by path. */
  groupMapPath?: string;
}

/**
 * Reads `path`, or `rasgap.config.json` in `cwd` when no path is given and that file exists.
 *
 * @example
 * const loaded = await loadConfig(undefined, process.cwd()); // null when there is none
 */
export async function loadConfig(
  path: string | undefined,
  cwd: string,
): Promise<LoadedConfig | null> {
  const file = path ?? resolve(cwd, DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
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
  for (const key of Object.keys(config)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new RasgapError('USAGE', `the config file has an unknown setting "${key}"`, {
        file,
        fix: `use only ${KEYS.join(', ')}`,
      });
    }
  }
  for (const key of KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    const ok =
      key === 'columns'
        ? isStringRecord(value)
        : key === 'groupMap'
          ? typeof value === 'string' || isStringRecord(value)
          : key === 'by' || key === 'inputPeriod'
            ? typeof value === 'string' ||
              (Array.isArray(value) && value.every((v) => typeof v === 'string'))
            : key === 'tolerance' ||
                key === 'confidence' ||
                key === 'minCount' ||
                key === 'roundCounts' ||
                key === 'dominanceP'
              ? typeof value === 'string' || typeof value === 'number'
              : key === 'tests' || key === 'suppression' || key === 'separateFiles'
                ? typeof value === 'boolean'
                : typeof value === 'string';
    if (!ok) {
      throw new RasgapError('USAGE', `the config setting "${key}" has the wrong type`, {
        file,
        fix: 'see the README section "Config file" for the type of each setting',
      });
    }
  }
  const typed = config as ConfigFile;
  checkValues(typed, file);
  let groupMap: GroupMap | undefined;
  let groupMapPath: string | undefined;
  if (typeof typed.groupMap === 'string') {
    groupMapPath = resolve(dirname(file), typed.groupMap);
    groupMap = await loadGroupMap(groupMapPath);
  } else if (typed.groupMap)
    groupMap = Object.assign(Object.create(null) as GroupMap, typed.groupMap);
  return { path: file, config: typed, groupMap, groupMapPath };
}

/**
 * Checks each value as the matching command-line option would be checked, but names the config
 * file and setting rather than a flag the person never typed.
 */
function checkValues(config: ConfigFile, file: string): void {
  const inputs: [keyof ConfigFile, AnalyseOptionsInput][] = [
    ['columns', { columns: Object.entries(config.columns ?? {}).map(([r, h]) => `${r}=${h}`) }],
    ['inputPeriod', { inputPeriod: config.inputPeriod }],
    ['period', { period: config.period }],
    [
      'tolerance',
      { tolerance: config.tolerance === undefined ? undefined : String(config.tolerance) },
    ],
    ['by', { by: typeof config.by === 'string' ? [config.by] : config.by }],
    ['duplicates', { duplicates: config.duplicates }],
    ['encoding', { encoding: config.encoding }],
    ['delimiter', { delimiter: config.delimiter }],
    ['sheet', { sheet: config.sheet }],
    ['asOf', { asOf: config.asOf }],
    ['confidence', { confidence: config.confidence }],
    ['scale', { scale: config.scale }],
    ['minCount', { minCount: config.minCount }],
    ['roundCounts', { roundCounts: config.roundCounts }],
    ['dominanceP', { dominanceP: config.dominanceP }],
  ];
  for (const [key, input] of inputs) {
    if (config[key] === undefined) continue;
    try {
      checkAnalyseOptions(input);
    } catch (error) {
      if (!(error instanceof RasgapError)) throw error;
      throw new RasgapError(
        'USAGE',
        `the config setting "${key}" is not valid: ${error.message.replace(/^--[a-z-]+ /, '')}`,
        { file, fix: error.fix?.replace(/--[a-z-]+ /g, '') },
      );
    }
  }
  // The same list as --format accepts, so that a file can ask for what the command line can.
  if (config.format !== undefined && !(FORMATS as readonly string[]).includes(config.format)) {
    throw new RasgapError('USAGE', `the config setting "format" is not valid: "${config.format}"`, {
      file,
      fix: `use one of ${FORMATS.join(', ')}`,
    });
  }
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
 *
 * @example
 * const groupMap = await loadGroupMap('our-groups.csv'); // { Reablement: 'Physical Support: ...' }
 */
export async function loadGroupMap(path: string): Promise<GroupMap> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new RasgapError('USAGE', 'the group map is not a regular file', {
        file: path,
        fix: 'give --group-map the path of a JSON or CSV file',
      });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof RasgapError) throw error;
    throw new RasgapError('USAGE', 'cannot read the group map', {
      file: path,
      fix: 'check the path given to --group-map',
    });
  }
  if (size > GROUP_MAP_MAX_BYTES) {
    throw new RasgapError(
      'USAGE',
      `the group map is ${(size / 1024 / 1024).toFixed(1)} MB, more than a map of labels can be (at most 10 MB)`,
      { file: path, fix: 'check that --group-map names the map, not an export' },
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new RasgapError('USAGE', 'cannot read the group map', {
      file: path,
      fix: 'check the path given to --group-map',
    });
  }
  return parseGroupMap(text, path);
}
