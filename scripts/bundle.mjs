// The CLI as one file, with a V8 code cache, for bin/rasgap.cjs (run by `npm run build`, after
// tsc). Resolving and compiling a hundred ES modules took about a sixth of a council's 0.6 s run;
// one CommonJS file compiled from the cache of a run on the sample export does not
// (docs/performance.md, "A sixth round"). The Node API and the tests use dist/ as tsc leaves it.
//
// - HiGHS stays outside the bundle: it finds its WebAssembly beside its own script.
// - import() becomes require() (a vm.Script has no loader for import()); modules inside the bundle
//   are still evaluated only when first imported, as before.
// - Three dependencies' modules are swapped for quicker ones that behave the same (the plugins
//   below): commander's node:child_process, string-width, and string-width's strip-ansi.
// - import.meta.url is the bundle's own URL. dist/version.js reads ../package.json from it, and
//   dist/rasgap.cjs is as deep in the package as dist/version.js.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import load from '../bin/load.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * commander requires node:child_process when it loads, for subcommands that are programs of their
 * own, which rasgap has none of; loading it (with net and dgram) took about 5 ms of every run. In
 * the bundle commander gets an object that requires it on first use instead.
 * @type {import('esbuild').Plugin}
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'lazy' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents:
        "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * strip-ansi, which string-width calls for every cell cli-table3 measures, as
 * scripts/shims/strip-ansi.cjs: the same result, without building a regular expression per call.
 * @type {import('esbuild').Plugin}
 */
const quickStripAnsi = {
  name: 'quick-strip-ansi',
  setup(build) {
    build.onResolve({ filter: /^strip-ansi$/ }, () => ({
      path: join(root, 'scripts/shims/strip-ansi.cjs'),
    }));
  },
};

/**
 * string-width, as scripts/shims/string-width.cjs: plain text's width is its length, without the
 * emoji expression and the loop over its characters. Its own import of string-width is left be.
 * @type {import('esbuild').Plugin}
 */
const quickStringWidth = {
  name: 'quick-string-width',
  setup(build) {
    const shim = join(root, 'scripts/shims/string-width.cjs');
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer === shim ? undefined : { path: shim },
    );
  },
};

rmSync(load.CODE_CACHE, { force: true });
await build({
  entryPoints: [join(root, 'dist/cli/main.js')],
  outfile: load.BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['highs'],
  supported: { 'dynamic-import': false },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': 'importMetaUrl' },
  plugins: [lazyChildProcess, quickStripAnsi, quickStringWidth],
  logLevel: 'warning',
});

// The cache is written by a fresh process that has run the commonest commands, so that it holds
// the functions they compile (V8 caches what has been compiled when the cache is made).
const made = spawnSync(process.execPath, [join(root, 'scripts/code-cache.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (made.status !== 0) process.exit(made.status ?? 1);
