/**
 * Every option of rasgap, declared once: its flag, its config-file key, how its value is checked
 * and normalised, its default, its help text and the commands that take it. Commander's options
 * (src/cli/command.ts), the config-file check (src/config.ts), `--help`, docs/cli.md and the types
 * of the Node API's options are all produced from this table.
 */
import { DIMENSION_FLAGS, DIMENSIONS, type Dimension } from '../analysis/dimensions.js';
import type { DuplicatePolicy } from '../analysis/duplicates.js';
import type { WhereFilter } from '../analysis/filter.js';
import { parseTolerance, type Tolerance } from '../analysis/tolerance.js';
import { DEFAULT_GAP_EDGES } from '../analysis/stats/gapBands.js';
import { RasgapError } from '../errors.js';
import type { GroupMap } from '../ingest/clientGroups.js';
import { parseColumnOverride, ROLE_FLAGS, ROLES, type ColumnOverrides } from '../ingest/columns.js';
import { parseDate } from '../ingest/dates.js';
import { parseDelimiter, type Delimiter } from '../ingest/dialect.js';
import { parseEncoding, type Encoding } from '../ingest/encoding.js';
import { parseInputPeriods, PERIODS, type InputPeriods, type Period } from '../ingest/period.js';
import { FORMATS, type Format } from '../report/formats.js';
import { COLUMN_KEYS, parseColumnKeys } from '../report/columns.js';

export const COMMAND_NAMES = ['analyse', 'compare', 'trend', 'inspect', 'generate'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a config-file value may be, checked before its value is. */
export type ConfigType =
  | 'string'
  | 'boolean'
  | 'number-or-string'
  | 'numbers-or-string'
  | 'string-or-list'
  | 'string-record'
  | 'path-or-record';

/** How an option reads in one command, where that differs from its declaration. */
export interface OptionVariant {
  help?: string;
  choices?: readonly string[];
  defaultText?: string;
}

export interface OptionDeclaration<Key extends string = string, In = never, Out = unknown> {
  /** The name in the Node API and in the config file. */
  key: Key;
  /** Commander's flags, e.g. `-c, --column <role=header>`; none for options of the API alone. */
  flags?: string;
  help: string;
  /** Shown as `(default: …)` after the help. */
  defaultText?: string;
  commands: readonly CommandName[];
  /** The config-file key takes the same name as `key`; absent: not a config-file setting. */
  config?: ConfigType;
  /** What the config file's value is, where the flag's help does not say it. */
  configNote?: string;
  /** May be given more than once (`--column a=b --column c=d`). */
  repeatable?: boolean;
  /** Values commander accepts before the normaliser sees them. */
  choices?: readonly string[];
  /** A default commander fills in (shown by commander in --help). */
  cliDefault?: string;
  per?: Partial<Record<CommandName, OptionVariant>>;
  /** Part of the analysis settings that `analyse` and `compare` in the Node API take. */
  api: boolean;
  /** A value as the CLI, the config file or a program gives it -> the checked value. */
  normalise: (value: In | undefined) => Out;
}

export type AnyOption = OptionDeclaration<string, never, unknown>;

/** Declares one option, keeping its key, commands and `api` as literal types for inference. */
function option<const D extends AnyOption>(declaration: D): D {
  return declaration;
}

/** `client-group`, `clientGroup`, `client_group` all name the same dimension. */
const DIMENSION_NAMES = new Map<string, Dimension>(
  DIMENSIONS.flatMap((dimension) => [
    [DIMENSION_FLAGS[dimension], dimension],
    [dimension.toLowerCase(), dimension],
  ]),
);
const DIMENSION_LIST = [...DIMENSIONS.map((d) => DIMENSION_FLAGS[d]), 'column:NAME'].join(', ');

const identity = <T>(value: T): T => value;

/** The table. Its order is the order of `--help`, docs/cli.md and the config keys listed. */
export const OPTIONS = [
  option({
    key: 'a',
    flags: '--a <group>',
    help: 'the first group, e.g. 65+ or "Learning Disability Support"',
    commands: ['compare'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'b',
    flags: '--b <group>',
    help: 'the second group, e.g. 18-64 or LD',
    commands: ['compare'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'dimension',
    flags: '--by <dimension>',
    help: `the dimension both groups belong to: ${DIMENSION_LIST}`,
    defaultText: 'age-band when both groups are age bands, else client-group',
    commands: ['compare', 'trend'],
    per: {
      trend: {
        help: `the groups, one dimension that is not a period: ${DIMENSION_LIST}`,
        defaultText: 'all records as one group',
      },
    },
    api: false,
    normalise: (value: Dimension | string | undefined) => value,
  }),
  option({
    key: 'columns',
    flags: '-c, --column <role=header>',
    help: `name the column for a role when the header is not recognised; roles: ${ROLES.map((r) => ROLE_FLAGS[r]).join(', ')}; repeatable`,
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string-record',
    repeatable: true,
    api: true,
    normalise: checkColumns,
  }),
  option({
    key: 'inputPeriod',
    flags: '--input-period <period>',
    help: `period of amounts whose header does not say and that have no frequency column: ${PERIODS.join(', ')}; or per amount, whatever its header says: --input-period indicative=week --input-period actual=year`,
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string-or-list',
    repeatable: true,
    api: true,
    normalise: (value: Period | string | string[] | InputPeriods | undefined) =>
      value === undefined || (Array.isArray(value) && value.length === 0)
        ? undefined
        : parseInputPeriods(value),
  }),
  option({
    key: 'period',
    flags: '--period <unit>',
    help: `unit of every amount shown: ${PERIODS.join(', ')}; a year is 52 weeks, 26 fortnights, 13 four-week periods or 12 months`,
    defaultText: 'week; amounts whose period the export does not state are shown as given',
    commands: ['analyse', 'compare', 'trend'],
    config: 'string',
    choices: PERIODS,
    api: true,
    normalise: (value: Period | string | undefined): Period | undefined =>
      value === undefined ? undefined : checkChoice('--period', value, PERIODS),
  }),
  option({
    key: 'groupMap',
    flags: '--group-map <file>',
    help: 'JSON {"council label": "canonical label"} or two-column CSV mapping the council’s own client-group labels',
    configNote: 'a path (relative to the config file) or the map itself',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'path-or-record',
    api: true,
    // The CLI and the config file read the file; here the map itself arrives.
    normalise: (value: GroupMap | undefined): GroupMap => value ?? {},
  }),
  option({
    key: 'tolerance',
    flags: '--tolerance <amount>',
    help: 'a gap this small counts as unchanged: pounds in the --period unit (5) or a percentage of the indicative budget (2%)',
    defaultText: '0',
    commands: ['analyse', 'compare', 'trend'],
    config: 'number-or-string',
    api: true,
    normalise: (value: Tolerance | number | string | undefined): Tolerance =>
      typeof value === 'object' ? value : parseTolerance(String(value ?? '0')),
  }),
  option({
    key: 'by',
    flags: '--by <dimensions>',
    help: `breakdown: ${DIMENSION_LIST} (any column of the export by its header, e.g. column:Team; its values become the group labels), or two crossed (client-group,age-band or column:Team,age-band); repeat for several`,
    defaultText: 'age-band and client-group, where the columns exist',
    commands: ['analyse'],
    config: 'string-or-list',
    repeatable: true,
    api: true,
    normalise: (
      value: Dimension[][] | string[] | string | undefined,
    ): Dimension[][] | undefined => {
      const list = typeof value === 'string' ? [value] : value;
      return list === undefined || list.length === 0 ? undefined : list.map(checkBreakdown);
    },
  }),
  option({
    key: 'bands',
    flags: '--bands <edges>',
    help: 'edges of the gap bands in % gap, increasing and including 0: -10,0,10 makes cut by more than 10%, cut by up to 10%, unchanged, raised by up to 10%, raised by more than 10%. The bands are always in json, csv, markdown and html; the terminal table shows them with --wide or --columns bands',
    defaultText: '-10,0,10',
    commands: ['analyse'],
    config: 'numbers-or-string',
    configNote: 'a list of numbers ([-10, 0, 10]) or the text of the flag',
    api: true,
    normalise: (value: readonly number[] | string | undefined): number[] =>
      value === undefined ? [...DEFAULT_GAP_EDGES] : checkBandEdges(value),
  }),
  option({
    key: 'from',
    flags: '--from <date>',
    help: 'keep records agreed on or after this date (YYYY-MM-DD or DD/MM/YYYY); records with no date agreed are left out, each with its reason',
    commands: ['analyse', 'compare', 'trend'],
    config: 'string',
    api: true,
    normalise: (value: Date | string | undefined) =>
      value === undefined ? undefined : checkDate(value, '--from'),
  }),
  option({
    key: 'to',
    flags: '--to <date>',
    help: 'keep records agreed on or before this date (YYYY-MM-DD or DD/MM/YYYY); records with no date agreed are left out, each with its reason',
    commands: ['analyse', 'compare', 'trend'],
    config: 'string',
    api: true,
    normalise: (value: Date | string | undefined) =>
      value === undefined ? undefined : checkDate(value, '--to'),
  }),
  option({
    key: 'where',
    flags: '--where <dimension=label>',
    help: `keep one group of a dimension (${DIMENSION_LIST}), its label as the report shows it, e.g. --where age-band=65+; repeatable: on different dimensions all must hold, on the same one any may`,
    commands: ['analyse', 'compare', 'trend'],
    config: 'string-or-list',
    repeatable: true,
    api: true,
    normalise: (
      value: string | readonly (string | WhereFilter)[] | undefined,
    ): WhereFilter[] | undefined => {
      const list = typeof value === 'string' ? [value] : value;
      return list === undefined || list.length === 0 ? undefined : checkWhere(list);
    },
  }),
  option({
    key: 'duplicates',
    flags: '--duplicates <policy>',
    help: 'a person listed more than once: latest (keep the latest date agreed) or keep-all',
    defaultText: 'latest',
    commands: ['analyse', 'compare', 'trend'],
    config: 'string',
    choices: ['latest', 'keep-all'],
    api: true,
    normalise: (value: DuplicatePolicy | string | undefined): DuplicatePolicy =>
      checkChoice('--duplicates', value ?? 'latest', ['latest', 'keep-all'] as const),
  }),
  option({
    key: 'encoding',
    flags: '--encoding <name>',
    help: 'input encoding: utf-8, windows-1252, utf-16le or utf-16be',
    defaultText: 'detected',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string',
    api: true,
    normalise: (value: Encoding | string | undefined) =>
      value === undefined ? undefined : parseEncoding(value),
  }),
  option({
    key: 'delimiter',
    flags: '--delimiter <char>',
    help: 'field separator: comma, semicolon, tab or pipe',
    defaultText: 'detected',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string',
    api: true,
    normalise: (value: Delimiter | string | undefined) =>
      value === undefined ? undefined : checkDelimiter(value),
  }),
  option({
    key: 'asOf',
    flags: '--as-of <date>',
    help: 'date at which to work out ages from a date or year of birth when a row has no date agreed (DD/MM/YYYY or YYYY-MM-DD)',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string',
    api: true,
    normalise: (value: Date | string | undefined) =>
      value === undefined ? undefined : checkDate(value),
  }),
  option({
    key: 'format',
    flags: '-f, --format <format>',
    help: `output format: ${FORMATS.join(', ')}`,
    defaultText: 'table',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string',
    choices: FORMATS,
    per: {
      compare: { help: 'table, json or markdown', choices: ['table', 'json', 'markdown'] },
      inspect: { help: 'text or json', choices: ['text', 'json'], defaultText: 'text' },
    },
    configNote: 'read by analyse alone: compare and inspect have formats of their own',
    api: false,
    normalise: (value: Format | string | undefined): Format =>
      value === undefined ? 'table' : checkFormat(value),
  }),
  option({
    key: 'confidence',
    flags: '--confidence <level>',
    help: 'confidence level of every interval, e.g. 0.9 or 99%',
    defaultText: '0.95',
    commands: ['analyse', 'compare', 'trend'],
    config: 'number-or-string',
    api: true,
    normalise: (value: number | string | undefined) => checkConfidence(value ?? 0.95),
  }),
  option({
    key: 'scale',
    flags: '--scale <scale>',
    help: 'Bland–Altman agreement on differences in pounds, or on log ratios reported as percentages',
    defaultText: 'difference',
    commands: ['analyse'],
    config: 'string',
    choices: ['difference', 'ratio'],
    api: true,
    normalise: (value: 'difference' | 'ratio' | string | undefined) =>
      checkChoice('--scale', value ?? 'difference', ['difference', 'ratio'] as const),
  }),
  option({
    key: 'tests',
    flags: '--no-tests',
    help: 'leave out intervals, tests and agreement figures',
    commands: ['analyse'],
    config: 'boolean',
    api: true,
    normalise: (value: boolean | undefined): boolean => value ?? true,
  }),
  option({
    key: 'minCount',
    flags: '--min-count <k>',
    help: 'counts from 1 to k-1 are shown as [c] (with further cells hidden so none can be worked back from totals), and groups of fewer than k records show only their label',
    defaultText: '5',
    commands: ['analyse', 'compare', 'trend'],
    config: 'number-or-string',
    api: true,
    normalise: (value: number | string | undefined) => checkWhole('--min-count', value ?? 5, 1),
  }),
  option({
    key: 'roundCounts',
    flags: '--round-counts <n>',
    help: 'round published counts to the nearest n',
    commands: ['analyse', 'compare', 'trend'],
    config: 'number-or-string',
    api: true,
    normalise: (value: number | string | undefined): number | null =>
      value === undefined ? null : checkWhole('--round-counts', value, 1),
  }),
  option({
    key: 'dominanceP',
    flags: '--dominance-p <p>',
    help: 'hide a money total where one or two budgets make it up to within p% (the p% rule; 0 turns it off)',
    defaultText: '10',
    commands: ['analyse', 'compare', 'trend'],
    config: 'number-or-string',
    api: true,
    normalise: (value: number | string | undefined) => checkPercent('--dominance-p', value ?? 10),
  }),
  option({
    key: 'suppression',
    flags: '--no-suppression',
    help: 'turn small-number suppression off, for internal analysis; the output then says it is not for publication',
    commands: ['analyse', 'compare', 'trend'],
    config: 'boolean',
    api: true,
    normalise: (value: boolean | undefined): boolean => value ?? true,
  }),
  option({
    key: 'sheet',
    flags: '--sheet <name>',
    help: 'the sheet of an .xlsx workbook to read; workbooks are recognised by their content, and line numbers are then sheet row numbers',
    defaultText: 'the first sheet with a header row',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'string',
    per: {
      inspect: {
        defaultText: 'the first sheet with a header row; inspect lists them all',
      },
    },
    api: true,
    normalise: (value: string | undefined) => (value === undefined ? undefined : checkSheet(value)),
  }),
  option({
    key: 'separateFiles',
    flags: '--separate-files',
    help: 'keep each file’s person ids apart, for files of different councils with no council column',
    defaultText: 'files without one are extracts of one council, an id in two files one person',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    config: 'boolean',
    per: {
      inspect: {
        help: 'keep each file’s person ids apart, for files of different councils with no council column (with several files, inspect counts the ids found in more than one)',
      },
    },
    api: true,
    normalise: (value: boolean | undefined): boolean => value ?? false,
  }),
  option({
    key: 'every',
    flags: '--every <period>',
    help: 'the periods of the trend: financial-year (April to March) or quarter (April to June is Q1)',
    defaultText: 'financial-year',
    commands: ['trend'],
    config: 'string',
    choices: ['financial-year', 'quarter'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'wide',
    flags: '--wide',
    help: 'table format: show every column (three tables, or one block per group where they do not fit the terminal)',
    commands: ['analyse'],
    api: false,
    normalise: (value: boolean | undefined): boolean => value ?? false,
  }),
  option({
    key: 'tableColumns',
    flags: '--columns <keys>',
    help: `table format: show exactly these columns, in this order, comma-separated (e.g. n,down,median): ${COLUMN_KEYS.join(', ')}`,
    commands: ['analyse'],
    repeatable: true,
    api: false,
    normalise: (value: string | string[] | undefined) =>
      value === undefined ? undefined : parseColumnKeys(value),
  }),
  option({
    key: 'output',
    flags: '-o, --output <file>',
    help: 'write the output to this file instead of stdout',
    commands: ['analyse', 'compare', 'trend', 'inspect', 'generate'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'exclusions',
    flags: '--exclusions <file>',
    help: 'write every excluded row with its file, line and reason to this CSV file',
    commands: ['analyse'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'config',
    flags: '--config <file>',
    help: 'settings file (JSON); rasgap.config.json in the working folder is read when present; options given here win',
    commands: ['analyse', 'compare', 'trend', 'inspect'],
    api: false,
    normalise: (value: string | undefined) => value,
  }),
  option({
    key: 'strictPrivacy',
    flags: '--strict-privacy',
    help: 'stop (exit 2) when a column looks like direct identifiers (NHS numbers, names, full postcodes, dates of birth) instead of warning',
    commands: ['analyse', 'compare', 'trend'],
    api: true,
    normalise: (value: boolean | undefined): boolean => value ?? false,
  }),
  option({
    key: 'quiet',
    flags: '-q, --quiet',
    help: 'do not print the exclusion summary and warnings on stderr',
    commands: ['analyse', 'compare', 'trend'],
    per: { compare: { help: 'do not print warnings (such as the privacy guard’s) on stderr' } },
    api: false,
    normalise: (value: boolean | undefined): boolean => value ?? false,
  }),
  option({
    key: 'rows',
    flags: '-n, --rows <count>',
    help: 'number of data rows',
    commands: ['generate'],
    cliDefault: '2000',
    api: false,
    normalise: (value: number | string | undefined) => checkWhole('--rows', value ?? 2000, 1, 2000),
  }),
  option({
    key: 'seed',
    flags: '-s, --seed <number>',
    help: 'random seed: the same seed gives the same file',
    commands: ['generate'],
    cliDefault: '1',
    api: false,
    normalise: (value: number | string | undefined) => checkWhole('--seed', value ?? 1, 0, 2000),
  }),
  // Settings of the Node API alone: the CLI fills them in itself.
  option({
    key: 'configFile',
    help: 'the config file the settings came from, echoed in the report',
    commands: [],
    api: true,
    normalise: identity<string | undefined>,
  }),
  option({
    key: 'command',
    help: 'the command line that asked for this run, echoed in the report’s provenance',
    commands: [],
    api: true,
    normalise: (value: string | undefined): string | null => value ?? null,
  }),
  option({
    key: 'charts',
    help: 'compute what the HTML report’s charts draw',
    commands: [],
    api: true,
    normalise: (value: boolean | undefined): boolean => value ?? false,
  }),
] as const;

type Entry = (typeof OPTIONS)[number];
type InputOf<E> = E extends { normalise: (value: infer In) => unknown }
  ? Exclude<In, undefined>
  : never;
type OutputOf<E> = E extends { normalise: (value: never) => infer Out } ? Out : never;

/** Every option's checked value, by key. */
export type OptionValues = { [E in Entry as E['key']]: OutputOf<E> };
/** Every option as a person or program may give it, by key. */
export type OptionInputs = { [E in Entry as E['key']]?: InputOf<E> };

type ApiEntry = Extract<Entry, { api: true }>;
/** The analysis options of the Node API as given (text where the CLI has text). */
export type AnalyseOptionsInput = { [E in ApiEntry as E['key']]?: InputOf<E> };
/** The analysis options, checked. */
export type AnalyseSettings = { [E in ApiEntry as E['key']]: OutputOf<E> };

type CommandEntry<C extends CommandName> = Entry extends infer E
  ? E extends { commands: readonly (infer Cs)[] }
    ? C extends Cs
      ? E
      : never
    : never
  : never;
/** The checked options of one command of the CLI. */
export type CommandOptions<C extends CommandName> = {
  [E in CommandEntry<C> as E['key']]: OutputOf<E>;
};

/** The options of one command, in table order. */
export function optionsOf(command: CommandName): AnyOption[] {
  return (OPTIONS as readonly AnyOption[]).filter((entry) => entry.commands.includes(command));
}

/** The settings a config file may hold, in table order. */
export const CONFIG_OPTIONS: AnyOption[] = (OPTIONS as readonly AnyOption[]).filter(
  (entry) => entry.config !== undefined,
);

/** How an option reads in `command`: its help, choices and default there. */
export function variant(
  entry: AnyOption,
  command: CommandName,
): Required<Pick<OptionVariant, 'help'>> & OptionVariant {
  const own = entry.per?.[command] ?? {};
  return {
    help: own.help ?? entry.help,
    choices: own.choices ?? entry.choices,
    defaultText: own.defaultText ?? entry.defaultText,
  };
}

/** The help line: the text, then `(default: …)` where there is one. */
export function helpText(entry: AnyOption, command: CommandName): string {
  const { help, defaultText } = variant(entry, command);
  return defaultText === undefined ? help : `${help} (default: ${defaultText})`;
}

function checkColumns(
  columns: ColumnOverrides | Record<string, string> | string[] | undefined,
): ColumnOverrides {
  if (columns === undefined) return {};
  const list = Array.isArray(columns)
    ? columns
    : Object.entries(columns)
        .filter(([, header]) => header !== undefined)
        .map(([role, header]) => `${role}=${String(header)}`);
  const overrides: ColumnOverrides = {};
  for (const text of list) {
    const [role, header] = parseColumnOverride(text);
    overrides[role] = header;
  }
  return overrides;
}

/**
 * A dimension as named on the command line, for --by and --where alike: a name of DIMENSIONS, or
 * `column:NAME` for a column of the export by its header (`column:Team`, `column:"Team Name"`;
 * the reader matches it ignoring case and spaces).
 */
function dimensionNamed(part: string, flag: string, fix: string): Dimension {
  const key = part.trim().toLowerCase().replace(/[_\s]/g, '-');
  const dimension = DIMENSION_NAMES.get(key) ?? DIMENSION_NAMES.get(key.replace(/-/g, ''));
  if (dimension) return dimension;
  const column = /^column:(.*)$/is.exec(part.trim());
  if (column) {
    const name = unquote(column[1]).replace(/\s+/g, ' ');
    if (name === '') {
      throw new RasgapError('USAGE', `${flag} ${part.trim()} names no column`, {
        fix: `give the column's header after column:, e.g. ${flag} column:Team`,
      });
    }
    return `column:${name}`;
  }
  throw new RasgapError('USAGE', `${flag} does not know "${part}"`, { fix });
}

function checkBreakdown(breakdown: string | Dimension[]): Dimension[] {
  const parts = Array.isArray(breakdown) ? breakdown : breakdown.split(',');
  const dimensions = parts.map((part) =>
    dimensionNamed(
      part,
      '--by',
      `use ${DIMENSION_LIST}, or two crossed: --by client-group,age-band`,
    ),
  );
  // column:team and column:Team name one column (the reader ignores case).
  const named = dimensions.map((d) => (d.startsWith('column:') ? d.toLowerCase() : d));
  if (new Set(named).size !== dimensions.length) {
    throw new RasgapError('USAGE', `--by names a dimension twice: "${parts.join(',')}"`, {
      fix: 'name each dimension once, e.g. --by client-group,age-band',
    });
  }
  return dimensions;
}

/**
 * `age-band=65+`, `client-group="Learning Disability Support"` (quotes optional) -> one filter per
 * dimension, its values in the order given (several on one dimension: any of them).
 */
function checkWhere(list: readonly (string | WhereFilter)[]): WhereFilter[] {
  const filters = new Map<Dimension, string[]>();
  for (const item of list) {
    const [dimension, values] =
      typeof item === 'string' ? parseWhere(item) : [dimensionOfFilter(item), item.values];
    const kept = filters.get(dimension) ?? [];
    for (const value of values) if (!kept.includes(value)) kept.push(value);
    filters.set(dimension, kept);
  }
  return [...filters].map(([dimension, values]) => ({ dimension, values }));
}

function parseWhere(text: string): [Dimension, string[]] {
  const at = text.indexOf('=');
  // A column name may hold "=", so column:NAME splits at the last one.
  const split = /^\s*column:/i.test(text) ? text.lastIndexOf('=') : at;
  const value = split < 0 ? '' : unquote(text.slice(split + 1));
  if (split <= 0 || value === '') {
    throw new RasgapError('USAGE', `--where takes dimension=label, got "${text}"`, {
      fix: 'e.g. --where age-band=65+ or --where client-group="Learning Disability Support"',
    });
  }
  const dimension = dimensionNamed(
    text.slice(0, split),
    '--where',
    `name one of ${DIMENSION_LIST}, e.g. --where age-band=65+`,
  );
  return [dimension, [value]];
}

function dimensionOfFilter(filter: WhereFilter): Dimension {
  const values = (filter.values as unknown[] | undefined) ?? [];
  if (
    !Array.isArray(values) ||
    values.some((value) => typeof value !== 'string' || value.trim() === '')
  ) {
    throw new RasgapError('USAGE', `--where ${String(filter.dimension)} needs labels as text`, {
      fix: "e.g. { dimension: 'ageBand', values: ['65+'] }",
    });
  }
  return dimensionNamed(
    String(filter.dimension),
    '--where',
    `name one of ${DIMENSION_LIST}, e.g. --where age-band=65+`,
  );
}

/** A value as typed, without surrounding spaces or one pair of quotes the shell left in. */
function unquote(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return (quoted ? quoted[2] : trimmed).trim();
}

function checkChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new RasgapError('USAGE', `${flag} does not accept "${value}"`, {
    fix: `use ${choices.map((choice) => `${flag} ${choice}`).join(' or ')}`,
  });
}

function checkFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new RasgapError('USAGE', `--format does not accept "${value}"`, {
    fix: `use one of ${FORMATS.join(', ')}`,
  });
}

/** `n,down, median` -> ['n', 'down', 'median']; the renderer knows which keys exist. */
function checkDelimiter(text: string): Delimiter {
  const delimiter = parseDelimiter(text);
  if (delimiter === null) {
    throw new RasgapError('USAGE', `--delimiter does not accept "${text}"`, {
      fix: 'use comma, semicolon, tab or pipe',
    });
  }
  return delimiter;
}

/** A sheet name as Excel allows: 1 to 31 characters, none of `: \\ / ? * [ ]`. */
function checkSheet(text: string): string {
  const name = text.trim();
  if (name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name)) {
    throw new RasgapError('USAGE', `--sheet is not a sheet name: "${text}"`, {
      fix: 'give the name as shown on the sheet tab, e.g. --sheet "Data" (rasgap inspect lists the sheets)',
    });
  }
  return name;
}

/** `-10,0,10` (or a list of numbers) -> increasing finite edges with 0 among them. */
function checkBandEdges(value: readonly number[] | string): number[] {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  const edges = items.map((item) =>
    typeof item === 'number' ? item : item === '' ? Number.NaN : Number(item.replace(/%$/, '')),
  );
  const increasing = edges.every((edge, i) => i === 0 || edge > edges[i - 1]);
  if (edges.length === 0 || !edges.every(Number.isFinite) || !increasing || !edges.includes(0)) {
    throw new RasgapError(
      'USAGE',
      `--bands takes increasing % gaps with 0 among them, got "${Array.isArray(value) ? value.join(',') : String(value)}"`,
      { fix: 'e.g. --bands -10,0,10 or --bands -25,-10,0,10,25' },
    );
  }
  return edges;
}

function checkWhole(flag: string, value: number | string, minimum: number, example = 5): number {
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < minimum) {
    throw new RasgapError(
      'USAGE',
      `${flag} takes a whole number of at least ${minimum}, got "${text}"`,
      { fix: `e.g. ${flag} ${example}` },
    );
  }
  return number;
}

/** A percentage from 0 to 100 (0 turns the dominance rule off). */
function checkPercent(flag: string, value: number | string): number {
  const text = String(value).trim().replace(/%$/, '');
  const number = Number(text);
  if (text === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new RasgapError(
      'USAGE',
      `${flag} takes a percentage from 0 to 100, got "${String(value)}"`,
      { fix: `e.g. ${flag} 10` },
    );
  }
  return number;
}

function checkConfidence(value: number | string): number {
  const text = String(value).trim();
  const level = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!(level > 0 && level < 1) || text === '') {
    throw new RasgapError('USAGE', `--confidence takes a level between 0 and 1, got "${text}"`, {
      fix: 'use e.g. --confidence 0.9 or --confidence 99%',
    });
  }
  return level;
}

/** A date as typed; --from and --to want the year in full (no guessing at `01/04/23`). */
function checkDate(value: Date | string, flag = '--as-of'): number {
  const days =
    value instanceof Date ? value.getTime() / 86_400_000 : parseDate(value, flag === '--as-of');
  if (Number.isNaN(days)) {
    throw new RasgapError('USAGE', `${flag} is not a date: "${String(value)}"`, {
      fix: 'give a date as DD/MM/YYYY or YYYY-MM-DD',
    });
  }
  return Math.floor(days);
}
