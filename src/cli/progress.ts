/**
 * Progress of a long read on a terminal: one line on stderr (share of the bytes read, rows, rows
 * a second, time left) rewritten in place and cleared when the read ends. Never on a pipe or a
 * file, with --quiet, or under CI, where a rewritten line is noise in a log.
 */

import type { ProgressContext } from './io.js';

/** Where the line goes and what decides whether it is shown. */
export interface ProgressOptions {
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal (`process.stderr.isTTY`). */
  isTTY: boolean | undefined;
  /** The environment: CI set (to anything) turns progress off. */
  env: Readonly<Record<string, string | undefined>>;
  quiet?: boolean;
  /** Milliseconds since some fixed point (default: `performance.now`); tests pass a fake clock. */
  now?: () => number;
  /** Nothing is shown for reads shorter than this (ms), so quick runs never flash a line. */
  delayMs?: number;
  /** Least time between two redraws (ms). */
  intervalMs?: number;
}

/** Receives the read's position; `done` clears the line. */
export interface Progress {
  /** Whether anything will ever be shown (false off a terminal, with --quiet, under CI). */
  readonly enabled: boolean;
  update: (bytesRead: number, totalBytes: number, rows: number) => void;
  done: () => void;
}

const CLEAR_LINE = '\r\u001b[K';

/**
 * @example
 * const progress = createProgress({ stderr: process.stderr, isTTY: process.stderr.isTTY, env: process.env, quiet });
 * progress.update(36_000_000, 73_000_000, 500_000); // "reading 49% · 500,000 rows · 98,000 rows/s · 5 s left"
 * progress.done();
 */
export function createProgress(options: ProgressOptions): Progress {
  const enabled = options.isTTY === true && options.quiet !== true && options.env.CI === undefined;
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 200;
  const started = now();
  let shown = false;
  let lastDrawn = -Infinity;
  return {
    enabled,
    update(bytesRead, totalBytes, rows) {
      if (!enabled) return;
      const at = now();
      const elapsed = at - started;
      // The end of the read is drawn whatever the interval: the line then stays while the
      // figures are worked out.
      const end = totalBytes > 0 && bytesRead >= totalBytes;
      if (elapsed < delay || (at - lastDrawn < interval && !end)) return;
      lastDrawn = at;
      shown = true;
      options.stderr.write(CLEAR_LINE + progressLine(bytesRead, totalBytes, rows, elapsed));
    },
    done() {
      if (shown) options.stderr.write(CLEAR_LINE);
      shown = false;
    },
  };
}

/**
 * The words of the line: the share read by bytes, the rows so far, the rate, and the time left
 * at that rate.
 *
 * @example
 * progressLine(25, 100, 250_000, 2000) // 'reading 25% · 250,000 rows · 125,000 rows/s · 6 s left'
 */
export function progressLine(
  bytesRead: number,
  totalBytes: number,
  rows: number,
  elapsedMs: number,
): string {
  const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  const parts = [
    `reading ${Math.floor(share * 100)}%`,
    `${rows.toLocaleString('en-GB')} rows`,
    `${rate.toLocaleString('en-GB')} rows/s`,
  ];
  if (share === 1) return `read ${parts.slice(1).join(' · ')}; working out the figures`;
  if (share > 0) parts.push(`${timeLeft((seconds * (1 - share)) / share)} left`);
  return parts.join(' · ');
}

function timeLeft(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/**
 * Runs `work` with a progress line on the command's stderr, cleared however the work ends: the
 * one way analyse, compare and trend show how far their read has got.
 *
 * @example
 * const report = await withProgress(context.progress, (onProgress) => analyse(files, { onProgress }));
 */
export async function withProgress<T>(
  shown: ProgressContext,
  work: (onProgress: Progress['update']) => Promise<T>,
): Promise<T> {
  const progress = createProgress({
    stderr: shown.stream,
    isTTY: shown.isTTY,
    env: shown.env,
    quiet: shown.quiet,
  });
  try {
    return await work(progress.update);
  } finally {
    progress.done();
  }
}
