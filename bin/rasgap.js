#!/usr/bin/env node
// Thin launcher: the CLI lives in the built code (npm install runs the build) as a function of its
// arguments and io; only here does it meet the real process. `--version` alone answers without
// loading the CLI, so that it costs little more than starting Node.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  // The CLI learns of stdout errors (EPIPE) from its writes' callbacks. The streams also emit them
  // as 'error' events, which with no listener crash Node with a stack trace: these stop that. An
  // error on stderr has nowhere to be reported.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const { loadCli } = await import('./load.js');
  const { run } = loadCli();
  process.exitCode = await run(args, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
}
