// Runs the built CLI (npm test builds first) the way a person would, capturing what it prints.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/rasgap.js', import.meta.url));

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

export function rasgap(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [cli, ...statisticsArgs(args)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
