/** `rasgap generate`: a realistic synthetic export, for trying the tool and for benchmarks. */
import { RasgapError } from '../../errors.js';
import { generateExportLines } from '../../generate/export.js';
import type { CommandSpec } from '../command.js';
import { openOutput } from '../output.js';

interface GenerateCliOptions {
  rows: string;
  seed: string;
  output?: string;
}

function wholeNumber(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < minimum) {
    throw new RasgapError(
      'USAGE',
      `${flag} takes a whole number of at least ${minimum}, got "${text}"`,
      {
        fix: `e.g. ${flag} 2000`,
      },
    );
  }
  return value;
}

export const generateCommand: CommandSpec<GenerateCliOptions> = {
  name: 'generate',
  summary:
    'Write a synthetic council export (no real people) with realistic client groups, skewed amounts, blanks, FOI markers and repeated ids.',
  arguments: [],
  options: [
    { flags: '-n, --rows <count>', description: 'number of data rows', default: '2000' },
    {
      flags: '-s, --seed <number>',
      description: 'random seed: the same seed gives the same file',
      default: '1',
    },
    { flags: '-o, --output <file>', description: 'write to this file instead of stdout' },
  ],
  examples: ['rasgap generate --rows 2000 --seed 1 --output fixtures/sample-export.csv'],
  async run(_args, options) {
    const rows = wholeNumber('--rows', options.rows, 1);
    const seed = wholeNumber('--seed', options.seed, 0);
    // Streamed in batches (a million rows is 73 MB), each awaited so that memory stays flat.
    const out = await openOutput(options.output);
    try {
      let batch = '';
      for (const line of generateExportLines({ rows, seed })) {
        batch += line;
        if (batch.length > 1 << 16) {
          await out.write(batch);
          batch = '';
        }
      }
      await out.write(batch);
      await out.end();
    } finally {
      // After end() this does nothing; after a failure it removes the temporary file.
      await out.abort();
    }
  },
};
