// The HTML report in a real browser: Debian's Chromium (installed by .ci/run), driven by
// playwright-core. It must load with no console errors and no network requests, draw a chart set
// for every breakdown, fit a phone (390 px) without scrolling sideways, and leave screenshots at
// phone and desktop widths whose paths the test prints.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rasgap, root } from '../cli/run.js';

const CHROMIUM = '/usr/bin/chromium';
const out = join(root, 'tmp', 'browser');
const report = join(out, 'sample-report.html');
const WIDTHS = { phone: 390, desktop: 1280 } as const;
type Width = keyof typeof WIDTHS;
const screenshots = {
  phone: join(out, 'sample-report-390.png'),
  desktop: join(out, 'sample-report-1280.png'),
};

interface Seen {
  charts: { id: string; shapes: number; hasTitle: boolean; hasTable: boolean }[];
  headlines: string[];
  /** The page's scroll width against its viewport: more means it scrolls sideways. */
  scrollWidth: number;
  clientWidth: number;
  /** Elements outside the viewport across, not inside a box that scrolls on its own. */
  overflowing: string[];
  /** Visible chart text smaller than this many CSS pixels, after scaling. */
  smallText: string[];
}

// Without Chromium the test cannot run; CI installs it, so there it must be present.
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);

/**
 * Run in the page (a string: this project's TypeScript has no DOM types): what the charts draw,
 * and what sticks out across the viewport outside a box that scrolls on its own.
 */
const MEASURE = `(() => {
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const scrolls = (element) => {
    for (let at = element.parentElement; at; at = at.parentElement) {
      if (getComputedStyle(at).overflowX === 'auto') return true;
    }
    return false;
  };
  const view = document.documentElement.clientWidth;
  const overflowing = [...document.body.querySelectorAll('*')]
    .filter((element) => visible(element) && !scrolls(element))
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.left < -1 || box.right > view + 1;
    })
    .map((element) => element.tagName + ' ' + (element.textContent ?? '').slice(0, 40));
  const smallText = [...document.querySelectorAll('figure svg text')]
    .filter(visible)
    .filter((text) => text.getBoundingClientRect().height < 10)
    .map((text) => (text.textContent ?? '').slice(0, 40));
  return {
    charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = [...figure.querySelectorAll('svg')].find(visible);
      return {
        id: figure.id,
        shapes: svg ? svg.querySelectorAll('rect, line, circle').length : 0,
        hasTitle: (figure.querySelector('figcaption strong')?.textContent ?? '').length > 0,
        hasTable: figure.querySelector('details table tbody tr') !== null,
      };
    }),
    headlines: [...document.querySelectorAll('p.headline')].map((p) => p.textContent ?? ''),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: view,
    overflowing,
    smallText,
  };
})()`;

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  let browser: Browser;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const seen = {} as Record<Width, Seen>;

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
        '--by',
        'age-band',
        '--by',
        'client-group',
        '--by',
        'client-group,age-band',
        '--by',
        'financial-year',
        '--min-count',
        '5',
      ],
      { SOURCE_DATE_EPOCH: '1700000000' },
    );
    expect(run.status, run.stderr).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const width of Object.keys(WIDTHS) as Width[]) {
      const page = await browser.newPage({ viewport: { width: WIDTHS[width], height: 900 } });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
      seen[width] = (await page.evaluate(MEASURE)) as Seen;
      await page.screenshot({ path: screenshots[width], fullPage: true });
      console.log(`HTML report screenshot at ${WIDTHS[width]} px: ${screenshots[width]}`);
      await page.close();
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('makes no request but for the file itself', () => {
    expect([...new Set(requests)]).toEqual([pathToFileURL(report).href]);
  });

  it.each(Object.keys(WIDTHS) as Width[])(
    'draws a chart set for every breakdown, each chart with a title and its table (%s)',
    (width) => {
      expect(seen[width].charts.map((chart) => chart.id)).toEqual([
        'chart-direction-by-ageBand',
        'chart-distribution-by-ageBand',
        'chart-bands-by-ageBand',
        'chart-direction-by-clientGroup',
        'chart-distribution-by-clientGroup',
        'chart-bands-by-clientGroup',
        'chart-direction-by-clientGroup-ageBand',
        'chart-distribution-by-clientGroup-ageBand',
        'chart-bands-by-clientGroup-ageBand',
        'chart-direction-by-financialYear',
        'chart-distribution-by-financialYear',
        'chart-bands-by-financialYear',
        'chart-scatter',
        'chart-bland-altman',
        'chart-years',
      ]);
      for (const chart of seen[width].charts) {
        expect(chart.shapes, chart.id).toBeGreaterThan(3);
        expect(chart.hasTitle, chart.id).toBe(true);
        expect(chart.hasTable, chart.id).toBe(true);
      }
    },
  );

  it.each(Object.keys(WIDTHS) as Width[])(
    'does not scroll sideways, and no chart text shrinks below 10 px (%s)',
    (width) => {
      expect(seen[width].scrollWidth).toBeLessThanOrEqual(seen[width].clientWidth);
      expect(seen[width].overflowing).toEqual([]);
      expect(seen[width].smallText).toEqual([]);
    },
  );

  it('opens with a plain-English headline per group', () => {
    expect(seen.desktop.headlines[0]).toMatch(
      /^All records \(1,840 people\): 44% of budgets were moderated down; median change/,
    );
    expect(
      seen.desktop.headlines.some((line) =>
        line.startsWith('65+ (1,073 people): 61% of budgets were moderated down'),
      ),
    ).toBe(true);
  });

  it('saves a screenshot at each width', () => {
    for (const path of Object.values(screenshots)) expect(existsSync(path), path).toBe(true);
  });
});
