// The Node API (src/index.ts) in-process: analyse publishes by default and gives the exact analysis
// only when asked; compare, inspect and render return data and text without printing; the
// library has no top-level await.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as api from '../../src/index.js';
import { analyse, compare, inspect, render, RasgapError } from '../../src/index.js';

const NOW = new Date(0);
const SMALL = 'fixtures/small-export.csv';
const SAMPLE = 'fixtures/sample-export.csv';

describe('analyse', () => {
  it('returns the published report, the inputs, the ledger and the settings, and nothing exact', async () => {
    const result = await analyse(SMALL, { now: NOW });
    expect(Object.keys(result).sort()).toEqual(['inputs', 'ledger', 'report', 'settings']);
    expect(result.report.disclosure).toMatchObject({ suppression: true, minCount: 5 });
    // Every group of small-export.csv has fewer than 5 records: only its label is published.
    expect(result.report.breakdowns[0].groups.map((group) => [group.label, group.n])).toEqual([
      ['18-64', null],
      ['65+', null],
      ['Unknown', null],
    ]);
  });

  it('adds the exact analysis with exact: true, and publishes the same report', async () => {
    const published = await analyse(SMALL, { now: NOW });
    const result = await analyse(SMALL, { now: NOW, exact: true });
    expect(Object.keys(result).sort()).toEqual(
      ['analysis', 'exact', 'inputs', 'ledger', 'report', 'settings', 'table'].sort(),
    );
    expect(result.report).toEqual(published.report);
    expect(result.exact.breakdowns[0].groups.map((group) => [group.label, group.n])).toEqual([
      ['18-64', 2],
      ['65+', 3],
      ['Unknown', 1],
    ]);
    // The records as read: every used row of the table, with its line in the file.
    let used = 0;
    for (const flag of result.analysis.used) used += flag;
    expect(used).toBe(result.exact.rows.used);
    expect(result.table.count).toBeGreaterThanOrEqual(used);
  });

  it('keeps exact: false as the default', async () => {
    const result = await analyse(SMALL, { now: NOW, exact: false });
    expect('exact' in result).toBe(false);
    expect('table' in result).toBe(false);
  });

  it('throws RasgapError with a code for a bad option, before reading', async () => {
    const error = await analyse(SAMPLE, { minCount: 'five' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RasgapError);
    expect((error as RasgapError).code).toBe('USAGE');
  });
});

describe('printing nothing', () => {
  let writes: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    writes = [
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
    ];
  });
  afterEach(() => {
    for (const spy of writes) spy.mockRestore();
  });

  it('analyse, compare, inspect and render return data and text, and write nothing', async () => {
    const { report } = await analyse(SAMPLE, { now: NOW });
    const compared = await compare(SAMPLE, { a: '65+', b: '18-64', now: NOW });
    const inspected = await inspect(SAMPLE);
    render(report);
    render(compared);
    render(inspected);
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
  });
});

describe('compare', () => {
  it('returns the head-to-head as published data, the same from text as from the path', async () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const fromPath = await compare(SAMPLE, { a: '65+', b: '18-64', now: NOW });
    const fromText = await compare({ name: SAMPLE, text }, { a: '65+', b: '18-64', now: NOW });
    expect(fromText).toEqual(fromPath);
    expect(fromPath.by).toBe('ageBand');
    expect([fromPath.a.label, fromPath.b.label]).toEqual(['65+', '18-64']);
    expect(fromPath.a.n).toBe(1073);
    expect(fromPath.difference.mannWhitneyP).toBeLessThan(0.05);
    expect(fromPath.disclosure?.suppression).toBe(true);
    expect('exact' in fromPath).toBe(false);
  });
});

describe('inspect', () => {
  it('says a readable file is analysable, and which column is which', async () => {
    const [file] = await inspect(SAMPLE);
    expect(file.analysable).toBe(true);
    expect(file.problems).toEqual([]);
    const roles = Object.fromEntries(file.columns.map((column) => [column.role, column.header]));
    expect(roles.indicative).toBe('Indicative Budget (weekly)');
    expect(roles.actual).toBe('Actual Budget (weekly)');
    expect(file.pooled).toBeNull();
  });

  it('says what is wrong with a file it cannot analyse, and takes the reading options', async () => {
    const [file] = await inspect('fixtures/no-indicative.csv');
    expect(file.analysable).toBe(false);
    expect(file.problems.length).toBeGreaterThan(0);
    const header = file.columns.find((column) => column.role === null && column.amounts > 0);
    expect(header).toBeDefined();
    const [named] = await inspect('fixtures/no-indicative.csv', {
      columns: { indicative: header!.header },
    });
    expect(named.columns.find((column) => column.role === 'indicative')?.header).toBe(
      header!.header,
    );
  });

  it('with several inputs, says how they would pool', async () => {
    const inspections = await inspect(['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv']);
    expect(inspections).toHaveLength(2);
    expect(inspections[0].pooled?.files).toEqual([
      'fixtures/quarter-1.csv',
      'fixtures/quarter-2.csv',
    ]);
    expect(inspections[0].pooled?.peopleInSeveralFiles).toBeGreaterThan(0);
  });
});

describe('render', () => {
  it('renders a report in every format, the JSON being the report itself', async () => {
    const { report } = await analyse(SAMPLE, { now: NOW });
    expect(JSON.parse(render(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(render(report)).toBe(render(report, 'table', { colour: false }));
    expect(render(report, 'table', { colour: true })).toContain('\u001b[');
    expect(render(report)).not.toContain('\u001b[');
    expect(render(report, 'csv').split('\n')[0]).toContain('n');
    expect(render(report, 'markdown')).toContain('| ');
    expect(render(report, 'html')).toMatch(/^<!doctype html>/i);
  });

  it('renders a comparison as a table, JSON or Markdown', async () => {
    const compared = await compare(SAMPLE, { a: '65+', b: '18-64', now: NOW });
    expect(JSON.parse(render(compared, 'json'))).toEqual(JSON.parse(JSON.stringify(compared)));
    expect(render(compared, 'markdown')).toMatch(/^# 65\+ against 18-64/);
    expect(render(compared)).toContain('65+');
  });

  it('renders inspections as text or JSON', async () => {
    const inspections = await inspect(['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv']);
    expect(JSON.parse(render(inspections, 'json'))).toEqual(
      JSON.parse(JSON.stringify(inspections)),
    );
    const text = render(inspections);
    expect(text.startsWith('fixtures/quarter-1.csv\n')).toBe(true);
    expect(text).toContain('pooled: fixtures/quarter-1.csv, fixtures/quarter-2.csv');
  });

  it('refuses a format the result has not, with a USAGE error', async () => {
    const compared = await compare(SAMPLE, { a: '65+', b: '18-64', now: NOW });
    const [inspection] = await inspect(SAMPLE);
    expect(() => render(compared, 'csv' as 'json')).toThrow(/cannot be rendered as "csv"/);
    expect(() => render([inspection], 'html' as 'json')).toThrow(RasgapError);
  });
});

describe('the package', () => {
  it('exports the four functions and the error type', () => {
    for (const name of ['analyse', 'compare', 'inspect', 'render']) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
    expect(api.RasgapError).toBe(RasgapError);
  });

  it('has no top-level await anywhere in src/', () => {
    const found = sourceFiles('src').flatMap((file) =>
      topLevelAwaits(file, fs.readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('the check finds a top-level await and for await, and not one inside a function', () => {
    const text = [
      'const a = await f();',
      'async function g() { await h(); }',
      'for await (const x of y) {}',
      'const k = async () => { for await (const x of y) {} };',
    ].join('\n');
    expect(topLevelAwaits('x.ts', text)).toEqual(['x.ts:1', 'x.ts:3']);
  });
});

/** `file:line` of each await (and `for await`) outside any function. */
function topLevelAwaits(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${file}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
