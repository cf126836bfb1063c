// The HTML report in a real browser: Debian's Chromium (installed by .ci/run), driven by
// playwright-core. It must load with no console errors and no network requests, draw every
// chart, and leave a screenshot whose path the test prints.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasgap, root } from '../cli/run.js';

const CHROMIUM = '/usr/bin/chromium';
const out = join(root, 'tmp', 'browser');
const report = join(out, 'sample-report.html');
const screenshot = join(out, 'sample-report.png');

// Without Chromium the test cannot run; CI installs it, so there it must be present.
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  let browser: Browser;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let charts: { id: string; shapes: number; hasTitle: boolean; hasTable: boolean }[] = [];
  let headlines: string[] = [];

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    const run = await rasgap(
      [
        'analyse',
        'fixtures/sample-export.csv',
        '--format',
        'html',
        '--output',
        report,
        '--min-count',
        '5',
      ],
      { SOURCE_DATE_EPOCH: '1700000000' },
    );
    expect(run.status, run.stderr).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => ({
        id: figure.id,
        shapes: figure.querySelectorAll('svg rect, svg line, svg circle').length,
        hasTitle: (figure.querySelector('figcaption strong')?.textContent ?? '').length > 0,
        hasTable: figure.querySelector('details table tbody tr') !== null,
      })),
    );
    headlines = await page.$$eval('p.headline', (nodes) =>
      nodes.map((node) => node.textContent ?? ''),
    );
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`HTML report screenshot: ${screenshot}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('makes no request but for the file itself', () => {
    expect(requests).toEqual([pathToFileURL(report).href]);
  });

  it('draws every chart, each with a title and the table behind it', () => {
    expect(charts.map((chart) => chart.id)).toEqual([
      'chart-direction',
      'chart-distribution',
      'chart-scatter',
      'chart-bland-altman',
      'chart-years',
    ]);
    for (const chart of charts) {
      expect(chart.shapes, chart.id).toBeGreaterThan(3);
      expect(chart.hasTitle, chart.id).toBe(true);
      expect(chart.hasTable, chart.id).toBe(true);
    }
  });

  it('opens with a plain-English headline per group', () => {
    expect(headlines[0]).toMatch(
      /^All records \(1,840 people\): 44% of budgets were moderated down; median change/,
    );
    expect(
      headlines.some((line) =>
        line.startsWith('65+ (1,073 people): 61% of budgets were moderated down'),
      ),
    ).toBe(true);
  });

  it('saves a screenshot', () => {
    expect(existsSync(screenshot)).toBe(true);
  });
});
