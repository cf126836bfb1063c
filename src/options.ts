/**
 * All checking of options in one place, for the CLI, the config file and the Node API alike: values
 * as given come in (text from the command line or a file, or values from code), checked and typed
 * settings go out. What each option accepts is declared in src/options/table.ts.
 */
import { RasgapError } from './errors.js';
import {
  OPTIONS,
  type AnalyseOptionsInput,
  type AnalyseSettings,
  type AnyOption,
  type OptionInputs,
  type OptionValues,
} from './options/table.js';

export type { AnalyseOptionsInput, AnalyseSettings, OptionInputs, OptionValues };

/** Where the values came from, so that an error names what the person wrote. */
export interface OptionSource {
  /** A config file: errors name its setting (`"minCount"`) and the file, not a flag. */
  configFile?: string;
}

const API_OPTIONS = (OPTIONS as readonly AnyOption[]).filter((entry) => entry.api);

/**
 * Checks and normalises each option of `entries` given in `input` (missing ones take their
 * default). An error names the option in `error.option` (its API and config-file key).
 *
 * @example
 * normaliseOptions({ minCount: '3' }, OPTIONS).minCount // 3
 * normaliseOptions({ minCount: '0' }, OPTIONS) // throws RasgapError, code USAGE, option 'minCount'
 */
export function normaliseOptions(
  input: OptionInputs | Record<string, unknown>,
  entries: readonly AnyOption[],
  source: OptionSource = {},
): Partial<OptionValues> {
  const values: Record<string, unknown> = {};
  const given = input as Record<string, unknown>;
  for (const entry of entries) {
    try {
      values[entry.key] = (entry.normalise as (value: unknown) => unknown)(given[entry.key]);
    } catch (error) {
      throw optionError(error, entry, source);
    }
  }
  return values as Partial<OptionValues>;
}

/**
 * The analysis options of `analyse` and `compare` (Node API and CLI alike), checked.
 *
 * @example
 * checkAnalyseOptions({ by: ['client-group,age-band'], tolerance: '2%' }).by
 * // [['clientGroup', 'ageBand']]
 */
export function checkAnalyseOptions(input: AnalyseOptionsInput = {}): AnalyseSettings {
  return normaliseOptions(input, API_OPTIONS) as AnalyseSettings;
}

/**
 * The error of one option with `option` set; from a config file, worded by its setting: the
 * person never typed the flag.
 */
function optionError(error: unknown, entry: AnyOption, source: OptionSource): unknown {
  if (!(error instanceof RasgapError)) return error;
  if (source.configFile === undefined) {
    return new RasgapError(
      error.code,
      error.message,
      { file: error.file, line: error.line, fix: error.fix, option: entry.key },
      { cause: error },
    );
  }
  const message = error.message.replace(/^--[a-z-]+ /, '').replace(/^does not accept /, '');
  return new RasgapError(
    'USAGE',
    `the config setting "${entry.key}" is not valid: ${message}`,
    { file: source.configFile, fix: error.fix?.replace(/--[a-z-]+ /g, ''), option: entry.key },
    { cause: error },
  );
}
