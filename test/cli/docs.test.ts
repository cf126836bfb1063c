// docs/cli.md is generated from the option table (src/options/table.ts) and the commands: it must
// say what `--help` says. Regenerate it with `npm run docs:cli`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderCliDoc } from '../../src/cli/docs.js';
import { OPTIONS } from '../../src/options/table.js';
import { rasgap, root } from './run.js';

describe('docs/cli.md', () => {
  const committed = readFileSync(join(root, 'docs/cli.md'), 'utf8');

  it('is what the option table generates (else run `npm run docs:cli`)', async () => {
    // Formatted as scripts/docs-cli.mjs writes it.
    const path = join(root, 'docs/cli.md');
    const options = await prettier.resolveConfig(path);
    const generated = await prettier.format(renderCliDoc(), { ...options, parser: 'markdown' });
    expect(committed, 'docs/cli.md is out of step: run `npm run docs:cli`').toBe(generated);
  });

  it('lists every option with a flag, and every config key', () => {
    for (const entry of OPTIONS) {
      if ('flags' in entry) expect(committed).toContain(`\`${entry.flags}\``);
      // A row of the config-file table (Prettier pads the cells).
      if ('config' in entry)
        expect(committed).toMatch(new RegExp(`^\\| \`${entry.key}\` +\\|`, 'm'));
    }
  });

  it.each(['analyse', 'compare', 'inspect', 'generate'])(
    'every flag of `rasgap %s --help` is in its section',
    async (command) => {
      const help = (await rasgap([command, '--help'])).stdout;
      const section = committed.split(`## rasgap ${command}\n`)[1].split('\n## ')[0];
      const flags = [...help.matchAll(/^ {2}((?:-\w, )?--[\w-]+(?: <[^>]+>)?)/gm)]
        .map((match) => match[1])
        .filter((flag) => flag !== '-h, --help');
      expect(flags.length).toBeGreaterThanOrEqual(3);
      for (const flag of flags) expect(section).toContain(`\`${flag}\``);
    },
  );
});
