// Every command that reads exports (analyse, compare, trend) shows how far the read has got:
// each hands its read's progress to the one progress line (src/cli/progress.ts: withProgress),
// which clears itself at the end. Caught here on its way to the line.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rasgap } from './run.js';

const told: [number, number, number][] = [];
vi.mock('../../src/cli/progress.js', async (original) => {
  const actual = await original<typeof import('../../src/cli/progress.js')>();
  return {
    ...actual,
    withProgress: <T>(...[shown, work]: Parameters<typeof actual.withProgress<T>>) =>
      actual.withProgress(shown, (onProgress) =>
        work((bytes, total, rows) => {
          told.push([bytes, total, rows]);
          onProgress(bytes, total, rows);
        }),
      ),
  };
});

describe('the progress of the read', () => {
  beforeEach(() => {
    told.length = 0;
  });

  it.each([
    ['analyse', ['analyse', 'fixtures/sample-export.csv'], 2000],
    ['compare', ['compare', 'fixtures/sample-export.csv', '--a', '65+', '--b', '18-64'], 2000],
    ['trend', ['trend', 'fixtures/trend-export.csv', '--by', 'age-band'], 1070],
  ])(
    '%s tells the line of every row read, to the end of the file',
    async (_name, args, dataRows) => {
      const run = await rasgap(
        [...args, '-o', '/dev/null'],
        {},
        { stderrTerminal: { columns: 80 } },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(told.length).toBeGreaterThan(0);
      const [bytes, total, rows] = told[told.length - 1];
      // The whole file read, and every data row of it (`wc -l` less the header).
      expect(bytes).toBe(total);
      expect(rows).toBe(dataRows);
      // A quick read never draws the line (it waits a second), so nothing is left on stderr.
      expect(run.stderr).not.toContain('reading ');
    },
  );
});
