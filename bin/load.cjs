// Loads the CLI from its one-file build (dist/rasgap.cjs, made by scripts/bundle.mjs) with V8's
// code cache (dist/rasgap.cache), so that a run neither resolves a hundred modules nor compiles
// the functions it calls: about 90 ms of a council's 0.6 s file (docs/performance.md). V8 refuses
// a cache made by another V8 or under other flags (a V8 flag in NODE_OPTIONS is enough), and the
// file is then compiled as usual; but it checks only the length of the source, so a cache older
// than the file is not offered at all.
'use strict';

const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const BUNDLE = join(dist, 'rasgap.cjs');
const CODE_CACHE = join(dist, 'rasgap.cache');

/** Inputs smaller than this in all (bytes) are read with less inlining (see loadCli). */
const SMALL_INPUT = 16 * 1024 * 1024;

/** When a file was last written (ms), or undefined when there is none. */
function written(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}

/**
 * Whether the one-file build is there and not older than tsc's output: after a change to src/
 * built with tsc alone, the CLI must run from dist/ (`import('../dist/cli/main.js')`) instead.
 */
function bundleIsCurrent() {
  const bundle = written(BUNDLE);
  const modules = written(join(dist, 'cli', 'main.js'));
  return bundle !== undefined && (modules === undefined || bundle >= modules);
}

/**
 * V8 recompiles HiGHS's busiest WebAssembly functions in the background once they have run a
 * while, and Node waits for those compilations at exit: a council's file spent about 80 ms of
 * 0.56 s waiting. A larger budget leaves a short audit in baseline code; a long one still tiers
 * up (docs/performance.md). A process-wide setting, so here and not in the library.
 */
function setWasmTiering() {
  setFlagsFromString('--wasm-tiering-budget=100000000');
}

/**
 * @param {{ inputBytes?: number }} [input] the size of the files the run reads, when known
 * @returns {{ run: typeof import('../dist/cli/main.js').run, script: Script }}
 */
function loadCli({ inputBytes } = {}) {
  // Before the script is compiled, as when the cache was made: V8's flags are part of what a
  // code cache must match.
  setWasmTiering();
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if ((written(CODE_CACHE) ?? -Infinity) >= (written(BUNDLE) ?? Infinity)) {
    cachedData = readFileSync(CODE_CACHE);
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

module.exports = { BUNDLE, CODE_CACHE, bundleIsCurrent, loadCli, setWasmTiering };
