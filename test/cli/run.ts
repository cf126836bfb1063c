// Runs the CLI the way a person would, capturing what it prints: in-process, by calling run() with
// captured streams (fast), or for the few tests of bin/ itself, as a child process of the built
// CLI (npm test builds first).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run, type CliStream } from '../../src/cli/main.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = fileURLToPath(new URL('../../bin/rasgap.cjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The tests of figures use tiny fixtures, whose counts small-number suppression (on by default)
 * and whose money totals one or two budgets dominate, would hide; they run with `--min-count 1
 * --dominance-p 0` (nothing suppressed). Tests of suppression name their own `--min-count`,
 * `--round-counts`, `--dominance-p` or `--no-suppression`, and then nothing is added.
 */
export function statisticsArgs(args: string[]): string[] {
  const analysing = args.includes('analyse') || args.includes('compare');
  const ownSetting = args.some((arg) =>
    ['--min-count', '--round-counts', '--dominance-p', '--no-suppression'].includes(arg),
  );
  return analysing && !ownSetting ? [...args, '--min-count', '1', '--dominance-p', '0'] : args;
}

/** A stream that keeps what is written to it. */
export function capture(terminal: { isTTY?: boolean; columns?: number } = {}): CliStream & {
  text: () => string;
} {
  const chunks: string[] = [];
  return {
    ...terminal,
    write(text: string, callback?: (error?: Error | null) => void) {
      chunks.push(text);
      callback?.();
      return true;
    },
    text: () => chunks.join(''),
  };
}

export interface RunOptions {
  /** The working folder (default: the repository). */
  cwd?: string;
  /** Stdout as a terminal of this many columns. */
  terminal?: { columns?: number };
  /** Stderr as a terminal of this many columns (else piped). */
  stderrTerminal?: { columns?: number };
  /** Run the arguments exactly as given: no `--min-count 1 --dominance-p 0` added. */
  asTyped?: boolean;
}

/**
 * Runs `rasgap args` in-process with NO_COLOR=1 and `env` added to this process's environment
 * (less COLUMNS and FORCE_COLOR); adds `--min-count 1 --dominance-p 0` as statisticsArgs says.
 */
export async function rasgap(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  const stdout = capture(
    options.terminal ? { isTTY: true, columns: options.terminal.columns } : {},
  );
  const stderr = capture(
    options.stderrTerminal ? { isTTY: true, columns: options.stderrTerminal.columns } : {},
  );
  // The terminal this test runs in must not decide the output: no COLUMNS or FORCE_COLOR from it.
  const inherited: Record<string, string | undefined> = { ...process.env };
  delete inherited.COLUMNS;
  delete inherited.FORCE_COLOR;
  const status = await run(options.asTyped ? args : statisticsArgs(args), {
    cwd: options.cwd ?? root,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdout,
    stderr,
  });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs the built bin/rasgap.cjs as a child process, exactly as given (no arguments added). */
export function rasgapProcess(
  args: string[],
  env: Record<string, string> = {},
  cwd = root,
): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
