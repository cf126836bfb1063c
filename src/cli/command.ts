/**
 * A command declared as data: its name, arguments and options with defaults and descriptions. The
 * program turns each into a commander command, so options are listed in one place per command.
 */
import { Command, Option } from 'commander';

export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean;
  /** For options that may be given more than once (`--column a=b --column c=d`). */
  repeatable?: boolean;
  choices?: readonly string[];
}

export interface CommandSpec<Options = Record<string, unknown>> {
  name: string;
  summary: string;
  /** e.g. `<file...>` */
  arguments: { name: string; description: string }[];
  options: OptionSpec[];
  /** Examples shown at the end of `--help`. */
  examples: string[];
  run: (args: string[][] | string[], options: Options) => Promise<void>;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

export function toCommander<Options>(spec: CommandSpec<Options>): Command {
  const command = new Command(spec.name).description(spec.summary);
  for (const argument of spec.arguments) command.argument(argument.name, argument.description);
  for (const optionSpec of spec.options) {
    const option = new Option(optionSpec.flags, optionSpec.description);
    if (optionSpec.repeatable) option.argParser(collect);
    if (optionSpec.choices) option.choices(optionSpec.choices);
    if (optionSpec.default !== undefined) option.default(optionSpec.default);
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
    const args = received.slice(0, spec.arguments.length) as string[][] | string[];
    const options = received[spec.arguments.length] as Options;
    await spec.run(args, options);
  });
  return command;
}
