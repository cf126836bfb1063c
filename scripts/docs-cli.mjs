// Writes docs/cli.md from the option table and the command specs (run by `npm run docs:cli`,
// which builds first), formatted by Prettier as `npm run lint` checks it. test/cli/docs.test.ts
// fails when the committed file is out of step.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { renderCliDoc } from '../dist/cli/docs.js';

const target = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
const options = await prettier.resolveConfig(target);
writeFileSync(target, await prettier.format(renderCliDoc(), { ...options, parser: 'markdown' }));
process.stdout.write(`wrote ${target}\n`);
