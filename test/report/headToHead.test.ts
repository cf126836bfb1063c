// The head-to-head renderers say why each [c] of the two sides is there, as analyse's tables do.
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare.js';
import { renderHeadToHeadMarkdown, renderHeadToHeadTable } from '../../src/report/headToHead.js';
import { fixture } from '../disclose/helpers.js';

describe('compare: why a figure is hidden', () => {
  it('names the hidden figures of each side with their reason, in the table and the markdown', async () => {
    // On the bundled sample 18-64's up and unchanged are hidden beside the Unknown band's.
    const report = await compare([fixture('sample-export.csv')], {
      a: '65+',
      b: '18-64',
      now: new Date(0),
    });
    expect(report.b.up).toBeNull();
    const note =
      '[c] A small count, or hidden so that a small count elsewhere cannot be worked back: 18-64 (Up, Same, Sign test p, Wilcoxon p).';
    expect(renderHeadToHeadTable(report, false)).toContain(note);
    expect(renderHeadToHeadMarkdown(report)).toContain(note);
  });
});
