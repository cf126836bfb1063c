// The trend HTML in a real browser (Debian's Chromium, as in html.browser.test.ts): at a phone's
// 390 px nothing makes the page scroll sideways. Was a bug: the inputs line's unbroken SHA-256
// made the page 536 px wide.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rasgap, root } from '../cli/run.js';

const CHROMIUM = '/usr/bin/chromium';
const out = join(root, 'tmp', 'browser');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it`);

/** The page's width against its viewport, at `width` px. */
async function widths(file: string, width: number): Promise<{ scroll: number; client: number }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
  } finally {
    await browser.close();
  }
}

describe.skipIf(!available)('trend HTML in headless Chromium', () => {
  it('fits a phone (390 px): long tokens such as the SHA-256 wrap', async () => {
    mkdirSync(out, { recursive: true });
    const file = join(out, 'trend-report.html');
    const run = await rasgap(
      ['trend', 'fixtures/trend-export.csv', '--format', 'html', '--output', file],
      { SOURCE_DATE_EPOCH: '1700000000' },
    );
    expect(run.status, run.stderr).toBe(0);
    const seen = await widths(file, 390);
    expect(seen.scroll).toBeLessThanOrEqual(seen.client);
  }, 60_000);
});
