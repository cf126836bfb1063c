// Runs the one-file CLI on the sample export, as `npm start` and `--format json` do, then writes
// V8's code cache of everything compiled meanwhile (scripts/bundle.mjs runs this). It runs in an
// empty temporary folder, so that no rasgap.config.json of the working tree applies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import load from '../bin/load.cjs';

const sample = fileURLToPath(new URL('../fixtures/sample-export.csv', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'rasgap-code-cache-'));
const { run, script } = load.loadCli();
try {
  for (const args of [
    ['analyse', sample],
    ['analyse', sample, '--format', 'json'],
  ]) {
    let said = '';
    const stderr = new Writable({
      write: (chunk, _encoding, done) => {
        said += chunk;
        done();
      },
    });
    const stdout = new Writable({ write: (_chunk, _encoding, done) => done() });
    const status = await run(args, { cwd, env: {}, stdout, stderr, stdin: process.stdin });
    if (status !== 0) throw new Error(`rasgap ${args.join(' ')} exited ${status}: ${said}`);
  }
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
writeFileSync(load.CODE_CACHE, script.createCachedData());
