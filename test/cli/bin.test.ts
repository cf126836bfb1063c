// bin/rasgap.js itself: `--version` answers before the CLI loads, so that it costs little more than
// starting Node (the time is in docs/performance.md, not tested here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap, root } from './run.js';

const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;

describe('bin/rasgap.js', () => {
  it.each(['--version', '-V'])('%s prints the package version and exits 0', (flag) => {
    const run = rasgap([flag]);
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('passes anything else to the CLI', () => {
    const run = rasgap(['--version', '--debug']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
    expect(rasgap(['--help']).stdout).toContain('Usage: rasgap');
  });
});
