/** `rasgap generate`: a realistic synthetic export, for trying the tool and for benchmarks. */
import type { CommandSpec } from '../command.js';
import { inputPath } from '../io.js';
import { openOutput } from '../output.js';

export const generateCommand: CommandSpec<'generate'> = {
  name: 'generate',
  summary:
    'Write a synthetic council export (no real people) with realistic client groups, skewed amounts, blanks, FOI markers and repeated ids.',
  arguments: [],
  examples: ['rasgap generate --rows 2000 --seed 1 --output fixtures/sample-export.csv'],
  async run(_args, { rows, seed, output }, _input, { io }) {
    const { generateExportLines } = await import('../../generate/export.js');
    // Streamed in batches (a million rows is 73 MB), each awaited so that memory stays flat.
    const out = await openOutput(
      output === undefined ? undefined : inputPath(io.cwd, output),
      io.stdout,
    );
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
