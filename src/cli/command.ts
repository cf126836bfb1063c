/**
 * A command declared as data: its name, arguments and examples; its options are those of the
 * option table (src/options/table.ts) that name the command. The program turns each into a
 * commander command.
 */
import { Command, Option } from 'commander';
import {
  helpText,
  optionsOf,
  variant,
  type AnyOption,
  type CommandName,
  type CommandOptions,
} from '../options/table.js';
import type { AnalyseOptionsInput } from '../options.js';
import type { CliContext } from './io.js';
import { commandSettings } from './settings.js';

export interface CommandSpec<C extends CommandName = CommandName> {
  name: C;
  summary: string;
  /** e.g. `<file...>` */
  arguments: { name: string; description: string }[];
  /** Examples shown at the end of `--help` and in docs/cli.md. */
  examples: string[];
  /**
   * Runs the command with its options checked; `analysis` holds the analysis options merged from
   * the command line and the config file, as `analyse()` takes them. Returns the exit code, or
   * nothing for 0.
   */
  run: (
    args: string[],
    options: CommandOptions<C>,
    analysis: CommandInput,
    context: CliContext,
  ) => Promise<number | void>;
}

/** The options as commander hands them over, by table key: text, lists of text, booleans. */
export type TypedOptions = Readonly<Record<string, string | string[] | boolean | undefined>>;

/**
 * The analysis options as given (command line over config file), the settings files read (never
 * to be written over), and what was typed on the command line alone.
 */
export interface CommandInput {
  options: AnalyseOptionsInput;
  read: string[];
  typed: TypedOptions;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** The commander option of one table entry in one command. */
export function commanderOption(entry: AnyOption, command: CommandName): Option {
  const option = new Option(entry.flags!, helpText(entry, command));
  const { choices } = variant(entry, command);
  if (entry.repeatable) option.argParser(collect);
  if (choices) option.choices(choices);
  if (entry.cliDefault !== undefined) option.default(entry.cliDefault);
  return option;
}

/**
 * The commander command of a spec. `done` receives the command's exit code.
 *
 * @example
 * program.addCommand(toCommander(analyseCommand, context, (code) => (exitCode = code)));
 */
export function toCommander<C extends CommandName>(
  spec: CommandSpec<C>,
  context: CliContext,
  done: (code: number) => void,
): Command {
  const command = new Command(spec.name).description(spec.summary);
  for (const argument of spec.arguments) command.argument(argument.name, argument.description);
  const entries = optionsOf(spec.name);
  const attributes = new Map<string, string>();
  for (const entry of entries) {
    const option = commanderOption(entry, spec.name);
    attributes.set(entry.key, option.attributeName());
    command.addOption(option);
  }
  if (spec.examples.length > 0) {
    command.addHelpText(
      'after',
      `\nExamples:\n${spec.examples.map((example) => `  $ ${example}`).join('\n')}\n`,
    );
  }
  command.action(async (...received: unknown[]) => {
    // commander passes each declared argument, then the options, then the command.
    const args = received.slice(0, spec.arguments.length).flat() as string[];
    const parsed = received[spec.arguments.length] as Record<string, unknown>;
    // commander names an option by its flag (`--column` -> column); the table by its key.
    const raw: Record<string, string | string[] | boolean | undefined> = {};
    for (const [key, attribute] of attributes) {
      raw[key] = parsed[attribute] as string | string[] | boolean | undefined;
    }
    const { values, input } = await commandSettings(spec.name, raw, context);
    const progress = { ...context.progress, quiet: values.quiet === true };
    const code = await spec.run(
      args,
      values as CommandOptions<C>,
      { ...input, typed: raw },
      {
        ...context,
        progress,
      },
    );
    done(code ?? 0);
  });
  return command;
}
