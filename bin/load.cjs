// Loads the CLI from its one-file build (dist/rasgap.cjs, made by scripts/bundle.mjs) with V8's
// code cache (dist/rasgap.cache), so that a run neither resolves a hundred modules nor compiles
// the functions it calls: about 90 ms of a council's 0.6 s file (docs/performance.md). A cache
// that does not fit this Node (another V8 version or other flags) is refused by V8 and the build
// is compiled as usual; a missing one likewise.
'use strict';

const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const BUNDLE = join(dist, 'rasgap.cjs');
const CODE_CACHE = join(dist, 'rasgap.cache');

/** Inputs smaller than this in all (bytes) are read with less inlining (see loadCli). */
const SMALL_INPUT = 16 * 1024 * 1024;

/**
 * @param {{ inputBytes?: number }} [input] the size of the files the run reads, when known
 * @returns {{ run: typeof import('../dist/cli/main.js').run, script: Script }}
 */
function loadCli({ inputBytes } = {}) {
  // V8 recompiles HiGHS's busiest WebAssembly functions in the background once they have run a
  // while, and Node waits for those compilations at exit: a council's file spent about 80 ms of
  // 0.56 s waiting. A larger budget leaves a short audit in baseline code; a long one still tiers
  // up (docs/performance.md). Set before the script is compiled, as when the cache was made:
  // V8's flags are part of what a code cache must match.
  setFlagsFromString('--wasm-tiering-budget=100000000');
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's own wrapper, so that the bundle runs as if required.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: BUNDLE, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, dist);
  if (inputBytes !== undefined && inputBytes < SMALL_INPUT) {
    // Less inlining by V8's optimising compiler (100 bytes of bytecode, not 920): a council's
    // file is read and analysed before a function that inlines its callees has been compiled on
    // the other core (the row reader took 53 ms), so the run waited in slower code: 20,000 rows
    // 0.54 -> 0.51 s. Larger files run long enough for inlining to pay (a million rows 5% faster
    // with it). Set after the script is compiled, so that the code cache still matches.
    setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
  }
  return { run: bundle.exports.run, script };
}

module.exports = { BUNDLE, CODE_CACHE, loadCli };
