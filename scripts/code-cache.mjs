// Runs the one-file CLI on the sample export, as `npm start` and `--format json` do, then writes
// V8's code cache of everything compiled meanwhile (scripts/bundle.mjs runs this).
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { CODE_CACHE, loadCli } from '../bin/load.cjs';

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const { run, script } = loadCli();
for (const args of [
  ['analyse', 'fixtures/sample-export.csv'],
  ['analyse', 'fixtures/sample-export.csv', '--format', 'json'],
]) {
  const io = { cwd: process.cwd(), env: {}, stdout: sink(), stderr: sink(), stdin: process.stdin };
  const status = await run(args, io);
  if (status !== 0) throw new Error(`rasgap ${args.join(' ')} exited ${status}`);
}
writeFileSync(CODE_CACHE, script.createCachedData());
