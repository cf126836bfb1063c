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
  // V8 recompiles HiGHS's busiest WebAssembly functions in the background once they have run a
  // while, and Node waits for those compilations at exit: a council's file spent about 80 ms of
  // 0.56 s waiting. A larger budget leaves a short audit in baseline code; a long one still tiers
  // up (docs/performance.md). A process-wide setting, so here and not in the library.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--wasm-tiering-budget=100000000');
  const { run } = await import('../dist/cli/main.js');
  process.exitCode = await run(args, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
}
