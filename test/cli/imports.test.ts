// Importing the CLI loads no heavy module: the analysis, the readers (the .xlsx reader among
// them), the renderers (HTML) and HiGHS load when a command runs. Checked on the static import
// graph of src/cli/main.ts (dynamic `import()` and `import type` load nothing at start-up). And
// nothing below bin/ reads the process: it is given its io.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './run.js';

/** Every module and package that importing `entry` loads, as paths relative to the root. */
function loadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const name = relative(root, file);
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(file, 'utf8');
    const statics = text.matchAll(
      /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    );
    for (const [, specifier] of statics) {
      if (!specifier.startsWith('.')) {
        seen.add(`package:${specifier}`);
        continue;
      }
      const target = join(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(join(root, entry));
  return seen;
}

describe('importing the CLI (src/cli/main.ts)', () => {
  const loaded = loadedBy('src/cli/main.ts');

  it('reads the graph (the renderers load the HTML one; the CLI loads commander and the table)', () => {
    expect(loadedBy('src/report/render.ts')).toContain('src/report/html.ts');
    expect(loaded).toContain('package:commander');
    expect(loaded).toContain('src/options/table.ts');
    expect(loaded).toContain('src/cli/commands/analyse.ts');
  });

  it.each([
    'package:highs',
    'src/disclose/highs.ts',
    'src/report/html.ts',
    'src/report/render.ts',
    'src/ingest/workbook.ts',
    'package:yauzl',
    'package:sax',
    'src/ingest/read.ts',
    'src/index.ts',
    'package:cli-table3',
    // Only a CSV group map is parsed by csv-parse (about 10 ms to load).
    'package:csv-parse/sync',
  ])('does not load %s', (module) => {
    expect(loaded).not.toContain(module);
  });
});

describe('what `rasgap analyse` loads (src/analyse.ts and the table renderer)', () => {
  // The Node API (src/index.ts) re-exports every command and renderer; analyse needs none of them.
  const loaded = new Set([...loadedBy('src/analyse.ts'), ...loadedBy('src/report/table.ts')]);

  it.each([
    'src/index.ts',
    'src/report/render.ts',
    'src/report/html.ts',
    'src/compare.ts',
    'src/trend.ts',
    'src/ingest/inspect.ts',
    'src/generate/export.ts',
    // The workbook reader's zip and XML parsers load with the first workbook.
    'package:yauzl',
    'package:sax',
  ])('does not load %s', (module) => {
    expect(loaded).not.toContain(module);
  });
});

describe('no process globals below bin/', () => {
  // The CLI, the option table and the config file take what they need from run()'s io.
  const files = [
    ...readdirSync(join(root, 'src/cli'), { recursive: true, encoding: 'utf8' }).map(
      (name) => `src/cli/${name}`,
    ),
    'src/options.ts',
    'src/options/table.ts',
    'src/config.ts',
  ].filter((name) => name.endsWith('.ts'));

  it.each(files)('%s', (name) => {
    const code = readFileSync(join(root, name), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
      .join('\n');
    expect(code).not.toMatch(/\bprocess\.(argv|cwd|env|exitCode|stdout|stderr|stdin|exit|pid)\b/);
  });
});
