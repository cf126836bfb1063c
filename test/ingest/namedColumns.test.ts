// The reader keeps the columns named by column:NAME: per row a code into the column's labels,
// matched to each file's header ignoring case and spaces, blank as Unknown; a file without the
// column stops the read, naming it. In-process, on text inputs.
import { describe, expect, it } from 'vitest';
import { RasgapError } from '../../src/errors.js';
import { NamedColumnBuilder, namedColumnKey } from '../../src/ingest/namedColumns.js';
import { readExports } from '../../src/ingest/read.js';

const HEADER = 'Person ID,Indicative Budget (weekly),Actual Budget (weekly)';

describe('NamedColumnBuilder', () => {
  it('interns values trimmed, one spelling ignoring case and spaces, blank as Unknown', () => {
    const team = new NamedColumnBuilder('Team');
    ['North', ' north ', '', 'South  Hub', 'south hub', '   ', 'North'].forEach((text, row) =>
      team.set(row, text),
    );
    const built = team.build(7);
    expect(built.labels).toEqual(['North', 'Unknown', 'South Hub']);
    expect([...built.codes]).toEqual([0, 0, 1, 2, 2, 1, 0]);
    expect(built.codes).toBeInstanceOf(Uint32Array);
  });

  it('grows past its first capacity', () => {
    const team = new NamedColumnBuilder('Team');
    for (let row = 0; row < 5000; row++) team.set(row, `T${row % 3}`);
    const built = team.build(5000);
    expect(built.codes.length).toBe(5000);
    expect(built.codes[4999]).toBe(4999 % 3);
  });

  it('matches names as the reader does', () => {
    expect(namedColumnKey('  Service   Type ')).toBe('service type');
  });
});

describe('readExports with keepColumns', () => {
  it('keeps the column of every file pooled, by its header in each, named as in the first', async () => {
    const { table } = await readExports(
      [
        { name: 'q1.csv', text: `Team,${HEADER}\nNorth,P1,100,90\n,P2,100,110\n` },
        { name: 'q2.csv', text: `${HEADER}, TEAM \nP3,100,100,north\nP4,100,80,South\n` },
      ],
      { keepColumns: ['team'] },
    );
    const [team] = table.namedColumns!;
    expect(team.name).toBe('Team');
    expect(team.labels).toEqual(['North', 'Unknown', 'South']);
    expect([...team.codes]).toEqual([0, 1, 0, 2]);
  });

  it('keeps nothing when no column is named', async () => {
    const { table } = await readExports([{ name: 'a.csv', text: `${HEADER}\nP1,100,90\n` }]);
    expect(table.namedColumns).toEqual([]);
  });

  it('stops on a file without the column, naming it, its header line and its headers', async () => {
    const error = await readExports(
      [
        { name: 'q1.csv', text: `Team,${HEADER}\nNorth,P1,100,90\n` },
        { name: 'q2.csv', text: `Report of budgets\n${HEADER}\nP3,100,100\n` },
      ],
      { keepColumns: ['Team'] },
    ).then(
      () => {
        throw new Error('expected a RasgapError');
      },
      (caught: unknown) => caught as RasgapError,
    );
    expect(error).toBeInstanceOf(RasgapError);
    expect([error.code, error.file, error.line]).toEqual(['COLUMN_NOT_FOUND', 'q2.csv', 2]);
    expect(error.message).toBe(
      'column:Team names no column of this file; the headers are: "Person ID", "Indicative Budget (weekly)", "Actual Budget (weekly)"',
    );
    expect(error.fix).toBe(
      'give one of those headers after column: (case and spaces are ignored), e.g. --by column:"<header>", or leave out column:Team',
    );
  });
});
