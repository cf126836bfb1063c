// docs/api.md is run, not just read: every ```js block is run in-process against src/index.ts
// (as `import … from 'rasgap'`), from the repository root, and what it prints with console.log
// must be exactly the ```text block below it. Every function and value the package exports has
// an example that uses it.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { format } from 'node:util';
import * as rasgap from '../../src/index.js';

const DOC = 'docs/api.md';

interface Example {
  /** 1-based line of the ```js fence. */
  line: number;
  code: string;
  /** What it prints; null when no ```text block follows. */
  prints: string | null;
}

/** The ```js blocks of a Markdown text, each with the ```text block that follows it, if any. */
export function examples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  /** The body of the block whose fence is at `start`, and the line of its closing fence. */
  const block = (start: number): { body: string; end: number } => {
    let end = start + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`${DOC}:${start + 1}: the block is never closed`);
    return { body: lines.slice(start + 1, end).join('\n'), end };
  };
  const found: Example[] = [];
  for (let at = 0; at < lines.length; at++) {
    if (lines[at] !== '```js') continue;
    const code = block(at);
    let next = code.end + 1;
    while (next < lines.length && lines[next].trim() === '') next++;
    const output = lines[next] === '```text' ? block(next) : null;
    found.push({ line: at + 1, code: code.body, prints: output?.body ?? null });
    at = output?.end ?? code.end;
  }
  return found;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

/**
 * The example's imports as destructuring: `rasgap` from the source, others through `load` (an
 * import() made in this module). The ESM import syntax is the reader's; a function body cannot
 * hold it.
 */
export function asFunctionBody(code: string): string {
  return code.replace(
    /^import\s+(?:\{([^}]*)\}|(\w+))\s+from\s+'([^']+)';$/gm,
    (_all, named: string | undefined, whole: string | undefined, from: string) => {
      const module = from === 'rasgap' ? 'rasgap' : `(await load(${JSON.stringify(from)}))`;
      if (whole !== undefined) return `const ${whole} = ${module}.default;`;
      const names = named!
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
        .map((name) => name.replace(/\s+as\s+/, ': '));
      return `const { ${names.join(', ')} } = ${module};`;
    },
  );
}

/** Runs one example and returns what it printed, one console.log call a line. */
async function run(code: string): Promise<string> {
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(format(...values)) };
  const load = (name: string): Promise<unknown> => import(name);
  await new AsyncFunction('rasgap', 'load', 'console', asFunctionBody(code))(rasgap, load, console);
  return printed.join('\n');
}

const markdown = fs.readFileSync(DOC, 'utf8');
const EXAMPLES = examples(markdown);

describe(DOC, () => {
  it('has examples, each with what it prints', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(10);
    for (const example of EXAMPLES) expect(example.prints, `${DOC}:${example.line}`).not.toBe(null);
  });

  it.each(EXAMPLES.map((example) => [example.line, example] as const))(
    'the example at line %i prints what the page says',
    async (_line, example) => {
      expect(await run(example.code)).toBe(example.prints);
    },
  );

  it('uses every function and value the package exports in an example', () => {
    const code = EXAMPLES.map((example) => example.code).join('\n');
    const missing = Object.keys(rasgap).filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
    expect(missing).toEqual([]);
  });
});

describe('the example runner', () => {
  it('turns imports into destructuring, and leaves other code alone', () => {
    expect(
      asFunctionBody(
        [
          "import { analyse, render as show } from 'rasgap';",
          "import fs from 'node:fs';",
          "import { Readable } from 'node:stream';",
          "const x = 'import { a } from \\'b\\';';",
        ].join('\n'),
      ),
    ).toBe(
      [
        'const { analyse, render: show } = rasgap;',
        'const fs = (await load("node:fs")).default;',
        'const { Readable } = (await load("node:stream"));',
        "const x = 'import { a } from \\'b\\';';",
      ].join('\n'),
    );
  });

  it('finds each js block and the text block after it', () => {
    const page = ['# T', '```js', 'a()', '```', '', '```text', '1', '```', '```js', 'b()', '```'];
    expect(examples(page.join('\n'))).toEqual([
      { line: 2, code: 'a()', prints: '1' },
      { line: 9, code: 'b()', prints: null },
    ]);
  });

  it('fails an example whose output differs', async () => {
    expect(await run("console.log('a', 1)")).toBe('a 1');
    expect(await run("console.log('a', 1)")).not.toBe('a 2');
  });
});
