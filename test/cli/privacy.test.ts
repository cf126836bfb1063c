// End to end: --strict-privacy reads an anonymised export whose descriptive columns (team,
// locality, ethnicity, service type, provider) look like names by their shape, and still stops on
// the same file with a name column added (fixtures/descriptive-columns.csv, written by
// fixtures/privacy-labelled.mjs).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'rasgap-privacy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('--strict-privacy and descriptive columns', () => {
  it('reads an anonymised export with team, locality, ethnicity, service and provider columns', async () => {
    for (const command of [
      ['analyse', 'fixtures/descriptive-columns.csv', '--format', 'json'],
      [
        'compare',
        'fixtures/descriptive-columns.csv',
        '--a',
        '65+',
        '--b',
        '18-64',
        '--format',
        'json',
      ],
    ]) {
      const run = await rasgap([...command, '--strict-privacy']);
      expect(run.stderr).not.toContain('looks like');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).inputs[0].identifiers).toEqual([]);
    }
  });

  it('still stops when the same file has a column of names or addresses', async () => {
    const lines = readFileSync('fixtures/descriptive-columns.csv', 'utf8').trim().split('\n');
    const forenames = ['Margaret', 'John', 'Susan', 'David', 'Patricia', 'Robert'];
    const surnames = ['Thompson', 'Walker', 'Hughes', 'Robinson', 'Wright', 'Edwards'];
    const withNames = lines.map((line, i) =>
      i === 0 ? `${line},Carer` : `${line},${forenames[i % 6]} ${surnames[(i * 5) % 6]}`,
    );
    const named = join(scratch, 'named.csv');
    writeFileSync(named, withNames.join('\n') + '\n');
    const run = await rasgap(['analyse', named, '--strict-privacy']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/column "Carer" looks like personal names: 24 of the first 24 rows/);

    const withAddress = lines.map((line, i) =>
      i === 0 ? `${line},Notes` : `${line},${i === 7 ? '"Moved to 3 Mill Lane, Otley"' : 'None'}`,
    );
    const addressed = join(scratch, 'addressed.csv');
    writeFileSync(addressed, withAddress.join('\n') + '\n');
    const warned = await rasgap(['analyse', addressed, '-f', 'json']);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toContain(
      'column "Notes" looks like street addresses: 1 of the first 24',
    );
    expect(warned.stderr).not.toContain('Mill Lane');
    expect((await rasgap(['analyse', addressed, '--strict-privacy'])).status).toBe(2);
  });
});
