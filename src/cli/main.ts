/**
 * The CLI as a function: `run(args, io)` parses the arguments, runs the command against the
 * streams, folder and environment it is given, and returns the exit code. It is the one place
 * where errors become a message and an exit code. bin/rasgap.cjs calls it with the real process.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, formatError, RasgapError } from '../errors.js';
import { visible } from '../report/format.js';
import { VERSION } from '../version.js';
import { commandLine } from './argv.js';
import { toCommander, type CommandSpec } from './command.js';
import { analyseCommand } from './commands/analyse.js';
import { compareCommand } from './commands/compare.js';
import { generateCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';
import { trendCommand } from './commands/trend.js';
import { stdoutIsTerminal, type CliContext, type CliIo } from './io.js';
import { OutputClosed } from './output.js';

export type { CliIo, CliStream, CliContext, ProgressContext } from './io.js';

export const COMMANDS = [
  analyseCommand,
  compareCommand,
  trendCommand,
  inspectCommand,
  generateCommand,
] as const;

export const PROGRAM_SUMMARY =
  'Indicative (RAS) against actual personal budgets in English councils’ adult social care exports.';
export const EXIT_CODES_HELP =
  'Exit codes: 0 done, 1 usage error, 2 input data error, 3 output could not be written.';

/**
 * The commander program, its output going to `context.io`; `done` receives a command's exit code.
 *
 * @example
 * buildProgram(context, () => undefined).helpInformation()
 */
export function buildProgram(context: CliContext, done: (code: number) => void): Command {
  const { io } = context;
  const output = {
    writeOut: (text: string) => void io.stdout.write(text),
    writeErr: (text: string) => void io.stderr.write(text),
    // As commander's own: the terminal's width, else 80.
    getOutHelpWidth: () => (stdoutIsTerminal(io) ? (io.stdout.columns ?? 80) : 80),
    getErrHelpWidth: () => (io.stderr.isTTY === true ? (io.stderr.columns ?? 80) : 80),
    // commander's help is plain text: no colour to decide.
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  const program = new Command('rasgap')
    .description(PROGRAM_SUMMARY)
    .version(VERSION, '-V, --version')
    .option('--debug', 'show the stack trace of an error')
    .configureOutput(output)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const spec of COMMANDS) {
    program.addCommand(
      toCommander(spec as unknown as CommandSpec, context, done)
        .configureOutput(output)
        .exitOverride()
        .showHelpAfterError('(add --help for usage)'),
    );
  }
  program.addHelpText('after', `\n${EXIT_CODES_HELP}\n`);
  return program;
}

/**
 * Runs the CLI on `args` (the words after `rasgap`) and returns the exit code; never throws.
 *
 * @example
 * const code = await run(['analyse', 'export.csv', '--format', 'json'], {
 *   cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr,
 * });
 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const debug = args.includes('--debug');
  const context: CliContext = {
    io,
    command: commandLine(args),
    progress: { stream: io.stderr, isTTY: io.stderr.isTTY === true, env: io.env, quiet: false },
  };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(context, (code) => (exitCode = code));
  try {
    await program.parseAsync([...args], { from: 'user' });
    // A command may report a problem without an error (inspect: a file that cannot be analysed).
    return exitCode;
  } catch (error) {
    // The reader went away (`rasgap generate | head`): as a Unix filter, stop quietly, exit 0.
    if (error instanceof OutputClosed) return EXIT.ok;
    if (error instanceof CommanderError) {
      // commander has already printed its message (and the help hint).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof RasgapError) {
      io.stderr.write(`rasgap: ${visible(formatError(error))}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `rasgap: internal error: ${message}. This is a bug; please report it with the command you ran${debug ? '' : ' (add --debug for details)'}.\n`,
    );
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}
