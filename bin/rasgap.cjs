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
  cli().then(
    (run) =>
      run(args, {
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
      }).then((code) => {
        process.exitCode = code;
      }),
    (error) => {
      const missing = error?.code === 'ENOENT' || error?.code === 'ERR_MODULE_NOT_FOUND';
      process.stderr.write(
        missing
          ? 'rasgap: the CLI is not built (no dist/ folder). Fix: run npm run build (npm install runs it)\n'
          : `rasgap: internal error: the CLI could not be loaded (${error?.message ?? error}). Fix: run npm run build again\n`,
      );
      process.exitCode = 70;
    },
  );
}

/**
 * The CLI's run(): from the one-file build, unless it is older than tsc's output (src changed and
 * only tsc was run) or `--debug` is given, whose stack traces are more use with the modules'
 * own lines (and `--enable-source-maps`): then from dist/ as tsc left it.
 */
async function cli() {
  const { bundleIsCurrent, loadCli, setWasmTiering } = require('./load.cjs');
  if (!args.includes('--debug') && bundleIsCurrent()) {
    return loadCli({ inputBytes: inputBytes(args) }).run;
  }
  setWasmTiering();
  return (await import('../dist/cli/main.js')).run;
}

/**
 * About how much the run will read: the size of the arguments that are files (a group map or an
 * existing output counts too); undefined when none is (`generate`, `--help`).
 */
function inputBytes(args) {
  const { statSync } = require('node:fs');
  let bytes = 0;
  let files = 0;
  for (const arg of args) {
    let stats;
    try {
      stats = statSync(arg, { throwIfNoEntry: false });
    } catch {
      // Not a path that can be read (a file under a file, a name too long): the CLI says so.
      continue;
    }
    if (stats?.isFile()) {
      bytes += stats.size;
      files++;
    }
  }
  return files > 0 ? bytes : undefined;
}
