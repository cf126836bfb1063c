// The README is a guide of at most 16 KB, its quick start is what package.json and CI run, and
// every relative link in README.md and docs/ reaches a file (and a heading, when it names one).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const README_LIMIT = 16 * 1024;

const PAGES = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

/** Text outside fenced code blocks and inline code, where a `[x](y)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** Every link target that is not a web address: `docs/x.md`, `#anchor`, `x.md#anchor`. */
function localLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8');

  it(`is at most ${README_LIMIT} bytes: a guide, with the references in docs/`, () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_LIMIT);
  });

  it('has the sections the guide promises', () => {
    for (const heading of [
      '## Quick start',
      '## Your own export in three steps',
      '### An FOI release',
      '### A quarterly council report with a config file',
      '### Publishing safely',
      '## Commands',
      '## Exit codes',
      '## Documentation',
    ]) {
      expect(readme).toContain(`\n${heading}`);
    }
    expect(readme).toMatch(/\n### .*`compare`/);
  });

  it('quick start: the commands are those package.json defines and CI runs', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const block = /```sh\n([\s\S]*?)```/.exec(quickStart)![1];
    const commands = block
      .trim()
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
    const scripts = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.start).toBe('node bin/rasgap.cjs analyse fixtures/sample-export.csv');
    expect(scripts.test).toMatch(/^npm run build && npm run lint && vitest run/);
    const ci = readFileSync('.ci/run', 'utf8').trim().split('\n');
    expect(ci.at(-1)).toBe('npm test');
  });

  it('names only fixtures that exist', () => {
    for (const [path] of readme.matchAll(/fixtures\/[\w.-]+\.\w+/g)) {
      expect(existsSync(path), path).toBe(true);
    }
  });
});

describe('links in README.md and docs/', () => {
  it('finds the pages and their links', () => {
    expect(PAGES).toContain(join('docs', 'input.md'));
    expect(PAGES).toContain(join('docs', 'output.md'));
    expect(localLinks(readFileSync('README.md', 'utf8')).length).toBeGreaterThan(10);
  });

  it.each(PAGES)('%s: every relative link reaches a file, and its heading', (page) => {
    const broken: string[] = [];
    for (const target of localLinks(readFileSync(page, 'utf8'))) {
      const [path, anchor] = target.split('#');
      const file = path === '' ? page : normalize(join(dirname(page), decodeURI(path)));
      if (!existsSync(file)) {
        broken.push(`${target}: no file ${file}`);
        continue;
      }
      if (anchor !== undefined && !statSync(file).isDirectory()) {
        if (!anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${target}: no heading #${anchor} in ${file}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('anchorsOf', () => {
  it.each([
    ['## Check a file first: `rasgap inspect`', 'check-a-file-first-rasgap-inspect'],
    ['## 14. Publishing: disclosure control', '14-publishing-disclosure-control'],
    ['### JSON output (schema version 1)', 'json-output-schema-version-1'],
    ['## Withheld figures: publishing safely', 'withheld-figures-publishing-safely'],
    ['### 4.1 `medianGapCi`, `medianPctGapCi`: a', '41-mediangapci-medianpctgapci-a'],
    ['### Older people against working-age adults', 'older-people-against-working-age-adults'],
  ])('%s -> #%s', (heading, anchor) => {
    expect([...anchorsOf(heading)]).toEqual([anchor]);
  });

  it('numbers repeated headings as GitHub does, and skips code blocks', () => {
    expect([...anchorsOf('## Notes\n\n```\n# not a heading\n```\n\n## Notes\n')]).toEqual([
      'notes',
      'notes-1',
    ]);
  });
});

/** The field names a schema declares: the keys of every `properties` in it. */
function schemaFields(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) schemaFields(item, found);
  } else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value !== null && typeof value === 'object') {
        for (const field of Object.keys(value)) found.add(field);
      }
      schemaFields(value, found);
    }
  }
  return found;
}

describe('docs/output.md and docs/schema/', () => {
  const schemas = readdirSync('docs/schema').filter((name) => name.endsWith('.schema.json'));

  it('documents every schema file', () => {
    const output = readFileSync('docs/output.md', 'utf8');
    expect(schemas.length).toBeGreaterThanOrEqual(4);
    for (const name of schemas) expect(output).toContain(`(schema/${name})`);
  });

  // A field added to the output goes into its schema (test/report/schema.test.ts) and here.
  it.each(schemas)('names every field of %s', (name) => {
    const markdown = readFileSync('docs/output.md', 'utf8').replace(
      /^```[^\n]*\n[\s\S]*?^```$/gm,
      '',
    );
    const named = new Set(
      [...markdown.matchAll(/`([^`\n]+)`/g)].flatMap(([, code]) =>
        [...code.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map(([word]) => word),
      ),
    );
    const schema: unknown = JSON.parse(readFileSync(join('docs/schema', name), 'utf8'));
    expect([...schemaFields(schema)].filter((field) => !named.has(field))).toEqual([]);
  });
});
