// The CLI as one file, with a V8 code cache, for bin/rasgap.cjs (run by `npm run build`, after
// tsc). Resolving and compiling a hundred ES modules took about a sixth of a council's 0.6 s run;
// one CommonJS file compiled from the cache of a run on the sample export does not
// (docs/performance.md, "A sixth round"). The Node API and the tests use dist/ as tsc leaves it.
//
// - HiGHS stays outside the bundle: it finds its WebAssembly beside its own script.
// - import() becomes require() (a vm.Script has no loader for import()); modules inside the bundle
//   are still evaluated only when first imported, as before.
// - Three modules are swapped for quicker ones that behave the same (SHIMS below):
//   node:child_process (for commander), string-width, and string-width's strip-ansi.
// - import.meta.url is the bundle's own URL. dist/version.js reads ../package.json from it, and
//   dist/rasgap.cjs is as deep in the package as dist/version.js.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import load from '../bin/load.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules swapped in the bundle for ones that behave the same (scripts/shims/ says why each). */
const SHIMS = {
  'node:child_process': 'child-process.cjs',
  'strip-ansi': 'strip-ansi.cjs',
  'string-width': 'string-width.cjs',
};

/**
 * Resolves each module of SHIMS to its shim, except where the shim itself imports it.
 * @type {import('esbuild').Plugin}
 */
const shims = {
  name: 'shims',
  setup(build) {
    const names = Object.keys(SHIMS).map((name) => name.replace(/[.:-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => {
      const shim = join(root, 'scripts/shims', SHIMS[args.path]);
      return args.importer === shim ? undefined : { path: shim };
    });
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
  plugins: [shims],
  logLevel: 'warning',
});

// The cache is written by a fresh process that has run the commonest commands, so that it holds
// the functions they compile (V8 caches what has been compiled when the cache is made).
const made = spawnSync(process.execPath, [join(root, 'scripts/code-cache.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (made.status !== 0) process.exit(made.status ?? 1);
