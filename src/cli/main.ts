/**
 * The CLI: commander wiring, and the one place where errors become a message and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, formatError, RasgapError } from '../errors.js';
import { visible } from '../report/format.js';
import { VERSION } from '../version.js';
import { toCommander, type CommandSpec } from './command.js';
import { analyseCommand } from './commands/analyse.js';
import { generateCommand } from './commands/generate.js';
import { compareCommand } from './commands/compare.js';
import { inspectCommand } from './commands/inspect.js';
import { OutputClosed } from './output.js';

const COMMANDS = [
  analyseCommand,
  compareCommand,
  inspectCommand,
  generateCommand,
] as CommandSpec<never>[];

export function buildProgram(): Command {
  const program = new Command('rasgap')
    .description(
      'Indicative (RAS) against actual personal budgets in English councils’ adult social care exports.',
    )
    .version(VERSION, '-V, --version')
    .option('--debug', 'show the stack trace of an error')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const spec of COMMANDS) {
    program.addCommand(
      toCommander(spec).exitOverride().showHelpAfterError('(add --help for usage)'),
    );
  }
  program.addHelpText(
    'after',
    '\nExit codes: 0 done, 1 usage error, 2 input data error, 3 output could not be written.\n',
  );
  return program;
}

let streamsGuarded = false;

/**
 * Our writes learn of stdout errors from their callbacks (output.ts). The stream also emits them
 * as 'error' events, which with no listener crash Node with a stack trace: these listeners stop
 * that. An error on stderr has nowhere to be reported.
 */
function guardStandardStreams(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  guardStandardStreams();
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    // A command may report a problem without an error (inspect: a file that cannot be analysed).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    // The reader went away (`rasgap generate | head`): as a Unix filter, stop quietly, exit 0.
    if (error instanceof OutputClosed) return EXIT.ok;
    if (error instanceof CommanderError) {
      // commander has already printed its message (and the help hint).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof RasgapError) {
      process.stderr.write(`rasgap: ${visible(formatError(error))}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `rasgap: internal error: ${message}. This is a bug; please report it with the command you ran${debug ? '' : ' (add --debug for details)'}.\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}
