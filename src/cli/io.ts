/**
 * What the CLI may use of the world around it, handed in by bin/rasgap.cjs (the real process) or by
 * a test (captured streams): nothing below bin/ reads process globals.
 */
import { isAbsolute, resolve } from 'node:path';

/** A writable text stream as the CLI uses one: the process's stdout or stderr, or a capture. */
export interface CliStream {
  write(text: string, callback?: (error?: Error | null) => void): unknown;
  isTTY?: boolean;
  /** Width of the terminal, when the stream is one. */
  columns?: number;
  /** True once the stream has been destroyed (after EPIPE). */
  destroyed?: boolean;
  /** The file descriptor, for the process's own streams: a redirect to a file is written in a loop. */
  fd?: number;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface CliIo {
  /** The folder relative paths are resolved against (inputs, outputs, rasgap.config.json). */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: CliStream;
  stderr: CliStream;
  /** Whether stdout is a terminal, when the stream itself does not say. */
  isTTY?: boolean;
  stdin?: NodeJS.ReadableStream;
}

/**
 * What a progress display on stderr needs to decide whether to show itself and where: a terminal
 * on stderr, not --quiet, not under CI.
 */
export interface ProgressContext {
  stream: CliStream;
  isTTY: boolean;
  env: CliIo['env'];
  quiet: boolean;
}

/** The context every command runs in. */
export interface CliContext {
  io: CliIo;
  /** The command's own words, as a person could type them again (for provenance). */
  command: string;
  progress: ProgressContext;
}

export function stdoutIsTerminal(io: CliIo): boolean {
  return (io.stdout.isTTY ?? io.isTTY) === true;
}

/**
 * Colour for what goes to stdout: only on a terminal, never into a file; NO_COLOR (non-empty)
 * turns it off, FORCE_COLOR on (or off with 0 or false), as https://no-color.org and chalk read
 * them.
 *
 * @example
 * useColour({ ...io, env: { NO_COLOR: '1' } }, true) // false
 */
export function useColour(io: CliIo, toStdout: boolean): boolean {
  if (!toStdout) return false;
  if ((io.env.NO_COLOR ?? '') !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stdoutIsTerminal(io);
}

/**
 * The width the table format fits: the terminal's, else COLUMNS, else 80 on a terminal. Piped or
 * into a file there is no limit unless COLUMNS is set.
 *
 * @example
 * tableWidth({ ...io, env: { COLUMNS: '100' } }, false) // 100
 */
export function tableWidth(io: CliIo, toStdout: boolean): number | undefined {
  const text = io.env.COLUMNS?.trim() ?? '';
  const fromEnv = /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
  if (toStdout && stdoutIsTerminal(io)) {
    const columns = io.stdout.columns;
    return columns !== undefined && columns > 0 ? columns : (fromEnv ?? 80);
  }
  return fromEnv;
}

/**
 * The width notes on stderr (exclusion summary, warnings) are wrapped to: the terminal's, else
 * COLUMNS, else 80, when stderr is a terminal; none when it is piped or redirected, so that a log
 * keeps one line per note for grep.
 *
 * @example
 * stderrWidth({ ...io, stderr: { isTTY: true, columns: 100, write } }) // 100
 */
export function stderrWidth(io: CliIo): number | undefined {
  if (io.stderr.isTTY !== true) return undefined;
  const columns = io.stderr.columns;
  if (columns !== undefined && columns > 0) return columns;
  const text = io.env.COLUMNS?.trim() ?? '';
  return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : 80;
}

/**
 * A path given on the command line, made to open from `cwd`. Node resolves a relative path against
 * the process's own folder; where that is `cwd` (always, from bin/) the path is kept as typed, since
 * it appears in messages and in the report; otherwise it is made absolute.
 *
 * @example
 * inputPath('/data', 'q1.csv') // 'q1.csv' when the process runs in /data, else '/data/q1.csv'
 */
export function inputPath(cwd: string, path: string): string {
  if (path === '-' || isAbsolute(path)) return path;
  const wanted = resolve(cwd, path);
  return resolve(path) === wanted ? path : wanted;
}
