#!/usr/bin/env node
// Thin launcher: the CLI lives in the built code (npm install runs the build) as a function of its
// arguments and io; only here does it meet the real process. CommonJS, as is the CLI's one-file
// build (bin/load.cjs), so that Node never starts its ES module loader: about 25 ms of a council's
// 0.5 s run (docs/performance.md, "A sixth round"). `--version` alone answers without loading the
// CLI, so that it costs little more than starting Node.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  // The CLI learns of stdout errors (EPIPE) from its writes' callbacks. The streams also emit them
  // as 'error' events, which with no listener crash Node with a stack trace: these stop that. An
  // error on stderr has nowhere to be reported.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const { run } = require('./load.cjs').loadCli({ inputBytes: inputBytes(args) });
  run(args, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * The size of the files among the arguments (what a run will read, give or take a group map);
 * undefined when none is a file (`generate`, `--help`) or standard input is read (its size is not
 * known).
 */
function inputBytes(args) {
  const { statSync } = require('node:fs');
  let bytes = 0;
  let files = 0;
  for (const arg of args) {
    if (arg === '-') return undefined;
    const stats = statSync(arg, { throwIfNoEntry: false });
    if (stats?.isFile()) {
      bytes += stats.size;
      files++;
    }
  }
  return files > 0 ? bytes : undefined;
}
