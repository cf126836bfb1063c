// Outputs people publish: formula injection neutralised, byte-identical reruns, provenance in
// every format and a CSV sidecar, the privacy guard, and atomic writes that never touch inputs.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'rasgap-publish-'));
}

const INJECTION = [
  'Person ID,Client Group,Indicative Budget (weekly),Actual Budget (weekly)',
  ...Array.from({ length: 6 }, (_, i) => `P${i},"=HYPERLINK(""x"")",100,${90 + i}`),
  ...Array.from({ length: 6 }, (_, i) => `Q${i},@SUM(A1),100,${100 + i * 3}`),
  '',
].join('\n');

describe('spreadsheet formula injection', () => {
  const dir = folder();
  const file = join(dir, 'export.csv');
  writeFileSync(file, INJECTION);

  it('neutralises a client group that is a formula, in CSV, keeping negative numbers numbers', async () => {
    const csv = await rasgap([
      'analyse',
      file,
      '--format',
      'csv',
      '--by',
      'client-group',
      '--min-count',
      '5',
    ]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.split('\r\n');
    const row = lines.find((line) => line.includes('HYPERLINK'))!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).not.toMatch(/,"?=HYPERLINK/);
    expect(lines.find((line) => line.includes('SUM(A1)'))).toContain(",'@SUM(A1),");
    // The = group's gaps are -10 .. -5 pounds: negative figures are written as plain numbers.
    expect(row).toMatch(/,-7\.5,/);
  });

  it('neutralises it in Markdown tables too', async () => {
    const markdown = await rasgap([
      'analyse',
      file,
      '--format',
      'markdown',
      '--by',
      'client-group',
      '--min-count',
      '5',
    ]);
    expect(markdown.stdout).toContain(`| '=HYPERLINK("x") |`);
    expect(markdown.stdout).not.toContain('| =HYPERLINK');
  });
});

describe('reproducible output and provenance', () => {
  const args = ['analyse', 'fixtures/sample-export.csv', '--min-count', '5'];
  const env = { SOURCE_DATE_EPOCH: '1700000000' };

  for (const format of ['json', 'csv', 'markdown', 'html', 'table']) {
    it(`gives identical bytes twice for --format ${format}`, async () => {
      const first = await rasgap([...args, '--format', format], env);
      const second = await rasgap([...args, '--format', format], env);
      expect(first.status).toBe(0);
      expect(first.stdout.length).toBeGreaterThan(1000);
      expect(second.stdout).toBe(first.stdout);
    });
  }

  it('records the command line, time, inputs with SHA-256 and options in JSON', async () => {
    const report = JSON.parse((await rasgap([...args, '--format', 'json'], env)).stdout);
    expect(report.generatedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(report.command).toBe(
      'rasgap analyse fixtures/sample-export.csv --min-count 5 --format json',
    );
    expect(report.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.disclosure).toMatchObject({ suppression: true, minCount: 5, roundCounts: null });
  });

  it('writes a FILE.meta.json sidecar beside a CSV written with --output', async () => {
    const dir = folder();
    const output = join(dir, 'groups.csv');
    const run = await rasgap([...args, '--format', 'csv', '--output', output], env);
    expect(run.status).toBe(0);
    const meta = JSON.parse(readFileSync(`${output}.meta.json`, 'utf8'));
    expect(meta).toMatchObject({
      tool: { name: 'rasgap' },
      generatedAt: '2023-11-14T22:13:20.000Z',
    });
    expect(meta.inputs[0]).toMatchObject({
      path: 'fixtures/sample-export.csv',
      rowsRead: 2000,
      rowsUsed: 1840,
    });
    expect(meta.options).toHaveProperty('period', 'week');
    expect(meta.disclosure.minCount).toBe(5);
    expect(meta).not.toHaveProperty('breakdowns');
    // Written by rename: no temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['groups.csv', 'groups.csv.meta.json']);
  });

  it('puts provenance in Markdown and HTML', async () => {
    const markdown = (await rasgap([...args, '--format', 'markdown'], env)).stdout;
    expect(markdown).toContain('Generated 2023-11-14T22:13:20.000Z by rasgap');
    expect(markdown).toMatch(/SHA-256 `[0-9a-f]{64}`/);
    const html = (await rasgap([...args, '--format', 'html'], env)).stdout;
    expect(html).toContain('<h2>Provenance</h2>');
    expect(html).toContain('rasgap analyse fixtures/sample-export.csv --min-count 5 --format html');
  });
});

describe('privacy guard', () => {
  const dir = folder();
  const file = join(dir, 'leaky.csv');
  // 9434765919 and 4010232137 pass the NHS modulus-11 check; SW1A 1AA is a full postcode.
  writeFileSync(
    file,
    [
      'Person ID,NHS No,Name,Postcode,Indicative Budget (weekly),Actual Budget (weekly)',
      ...Array.from(
        { length: 6 },
        (_, i) => `P${i},${i % 2 ? '9434765919' : '4010232137'},Jane Smith,SW1A 1AA,100,${95 + i}`,
      ),
      '',
    ].join('\n'),
  );

  it('warns naming the column and the count, never the values', async () => {
    const run = await rasgap(['analyse', file, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('column "NHS No" looks like NHS numbers');
    expect(run.stderr).toContain('6 of the first 6 rows');
    expect(run.stderr).toContain('column "Postcode" looks like full postcodes');
    expect(run.stderr).toContain('column "Name" looks like personal names');
    for (const value of ['9434765919', '4010232137', 'SW1A', 'Jane']) {
      expect(run.stderr).not.toContain(value);
      expect(run.stdout).not.toContain(value);
    }
    const report = JSON.parse(run.stdout);
    expect(report.inputs[0].identifiers.map((f: { kind: string }) => f.kind).sort()).toEqual([
      'name',
      'nhs-number',
      'postcode',
    ]);
  });

  it('stops with exit 2 under --strict-privacy', async () => {
    const run = await rasgap(['analyse', file, '--strict-privacy']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('Fix: remove or blank the column');
  });

  it('says nothing about a clean export', async () => {
    const run = await rasgap(['analyse', 'fixtures/sample-export.csv', '--format', 'json']);
    expect(JSON.parse(run.stdout).inputs[0].identifiers).toEqual([]);
    expect(run.stderr).not.toContain('looks like');
  });
});
