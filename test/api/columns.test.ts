// --by column:NAME through the Node API, in-process, on fixtures/team-export.csv (made by
// fixtures/make-fixtures.mjs): a breakdown by the Team column, crossed with client group, kept to
// one team with --where, over financial years with trend, and two teams compared.
//
// The expected figures were computed by pandas 1.5.3 and SciPy, independently of rasgap's reader
// (Team trimmed, runs of spaces as one, case ignored with the first spelling kept, blank as
// Unknown; % gap = (actual - indicative) / indicative x 100):
//   /usr/bin/python3 -c 'import pandas as pd; from scipy.stats import mannwhitneyu
//   d = pd.read_csv("fixtures/team-export.csv", keep_default_na=False)
//   t = d.Team.str.strip().str.replace(r"\s+", " ", regex=True); first = {}
//   for k, v in zip(t.str.lower(), t): first.setdefault(k, v if v else "Unknown")
//   d["team"] = [first[k] for k in t.str.lower()]
//   ind = d["Indicative Budget (weekly)"]; act = d["Actual Budget (weekly)"]
//   d["gap"] = act - ind; d["pct"] = d.gap / ind * 100
//   d["fy"] = pd.to_datetime(d["Date Agreed"], format="%d/%m/%Y").apply(lambda x:
//       f"{x.year if x.month >= 4 else x.year - 1}-{(x.year + (x.month >= 4)) % 100:02d}")
//   d["band"] = d.Age.apply(lambda a: "65+" if a >= 65 else "18-64")
//   s = lambda g: (len(g), int((g.gap > 0).sum()), int((g.gap < 0).sum()), int((g.gap == 0).sum()),
//       g.pct.median(), round(g["Indicative Budget (weekly)"].sum(), 2))
//   for t, g in d.groupby("team"): print("team", t, s(g))
//   for (t, c), g in d.groupby(["team", "Client Group"]): print("cross", t, c, s(g)[:4])
//   for b, g in d[d.team == "North Locality"].groupby("band"): print("where", b, s(g))
//   for (t, y), g in d.groupby(["team", "fy"]): print("trend", t, y, s(g)[:4])
//   print(mannwhitneyu(d[d.team == "North Locality"].pct, d[d.team == "South Locality"].pct,
//       alternative="two-sided", method="asymptotic", use_continuity=True))'
// which printed the figures below (TEAMS, CROSSED, NORTH_BY_AGE, TREND, and the Mann–Whitney p).
import { describe, expect, it } from 'vitest';
import { analyse, compare, RasgapError, trend } from '../../src/index.js';

const TEAMS_FILE = 'fixtures/team-export.csv';
const NOW = new Date(0);
// Nothing hidden, so that every figure can be checked (publishing is tested below).
const OPEN = { suppression: false, now: NOW } as const;

// [team, n, up, down, unchanged, median % gap, total indicative (weekly)]
const TEAMS: [string, number, number, number, number, number, number][] = [
  ['Hospital Discharge', 40, 23, 4, 13, 8.500316601920144, 15193.51],
  ['North Locality', 90, 21, 42, 27, 0, 31391.24],
  ['Reablement', 3, 0, 1, 2, 0, 837.57],
  ['South Locality', 80, 22, 30, 28, 0, 27584.74],
  ['Unknown', 8, 3, 4, 1, -6.501632208922739, 2309.07],
];

// [team, client group, n, up, down, unchanged]
const CROSSED: [string, string, number, number, number, number][] = [
  ['Hospital Discharge', 'Learning Disability Support', 12, 7, 1, 4],
  ['Hospital Discharge', 'Mental Health Support', 14, 5, 3, 6],
  ['Hospital Discharge', 'Physical Support: Personal care support', 14, 11, 0, 3],
  ['North Locality', 'Learning Disability Support', 23, 8, 9, 6],
  ['North Locality', 'Mental Health Support', 36, 8, 17, 11],
  ['North Locality', 'Physical Support: Personal care support', 31, 5, 16, 10],
  ['Reablement', 'Learning Disability Support', 2, 0, 1, 1],
  ['Reablement', 'Physical Support: Personal care support', 1, 0, 0, 1],
  ['South Locality', 'Learning Disability Support', 22, 6, 10, 6],
  ['South Locality', 'Mental Health Support', 31, 10, 9, 12],
  ['South Locality', 'Physical Support: Personal care support', 27, 6, 11, 10],
  ['Unknown', 'Learning Disability Support', 4, 1, 3, 0],
  ['Unknown', 'Mental Health Support', 3, 1, 1, 1],
  ['Unknown', 'Physical Support: Personal care support', 1, 1, 0, 0],
];

// --where column:Team="North Locality" --by age-band: [band, n, up, down, unchanged, total indicative]
const NORTH_BY_AGE: [string, number, number, number, number, number][] = [
  ['18-64', 49, 12, 24, 13, 16074.43],
  ['65+', 41, 9, 18, 14, 15316.81],
];

// trend --by column:Team --every financial-year: [team, year, n, up, down, unchanged]
const TREND: [string, string, number, number, number, number][] = [
  ['Hospital Discharge', '2022-23', 12, 6, 1, 5],
  ['Hospital Discharge', '2023-24', 13, 7, 1, 5],
  ['Hospital Discharge', '2024-25', 15, 10, 2, 3],
  ['North Locality', '2022-23', 28, 8, 9, 11],
  ['North Locality', '2023-24', 33, 8, 18, 7],
  ['North Locality', '2024-25', 29, 5, 15, 9],
  ['Reablement', '2023-24', 2, 0, 0, 2],
  ['Reablement', '2024-25', 1, 0, 1, 0],
  ['South Locality', '2022-23', 22, 8, 5, 9],
  ['South Locality', '2023-24', 28, 5, 14, 9],
  ['South Locality', '2024-25', 30, 9, 11, 10],
  ['Unknown', '2022-23', 3, 2, 1, 0],
  ['Unknown', '2023-24', 4, 0, 3, 1],
  ['Unknown', '2024-25', 1, 1, 0, 0],
];

/** Weekly pounds from the report's amounts (weekly output, pence per week -> pounds). */
const pounds = (value: number | null | undefined): number => Number(value);

describe('analyse --by column:NAME', () => {
  it('breaks down by the column, labels as written (trimmed, one spelling), Unknown last', async () => {
    const { report } = await analyse(TEAMS_FILE, { ...OPEN, by: ['column:team'] });
    const breakdown = report.breakdowns[0];
    // Keyed by the header as written, however the option spelled it.
    expect(breakdown.by).toEqual(['column:Team']);
    expect(breakdown.groups.map((group) => group.key)).toEqual(
      TEAMS.map(([team]) => ({ 'column:Team': team })),
    );
    for (const [team, n, up, down, unchanged, median, indicative] of TEAMS) {
      const group = breakdown.groups.find((item) => item.label === team)!;
      expect([group.n, group.up, group.down, group.unchanged], team).toEqual([
        n,
        up,
        down,
        unchanged,
      ]);
      expect(group.medianPctGap, team).toBeCloseTo(median, 9);
      expect(pounds(group.totalIndicative), team).toBeCloseTo(indicative, 6);
    }
  });

  it('crosses with client group, every cell as pandas counts it', async () => {
    const { report } = await analyse(TEAMS_FILE, { ...OPEN, by: ['column:Team,client-group'] });
    const breakdown = report.breakdowns[0];
    expect(breakdown.by).toEqual(['column:Team', 'clientGroup']);
    const cells = breakdown.groups.map((group) => [
      group.key['column:Team'],
      group.key.clientGroup,
      group.n,
      group.up,
      group.down,
      group.unchanged,
    ]);
    expect(cells.sort()).toEqual([...CROSSED].sort());
  });

  it('keeps one team with --where column:Team=..., matching case and spaces loosely', async () => {
    const { report } = await analyse(TEAMS_FILE, {
      ...OPEN,
      by: ['age-band'],
      where: ['column:TEAM="north   locality"'],
    });
    expect(report.rows).toMatchObject({ read: 221, used: 90, excluded: 131 });
    expect(report.options.where).toEqual([
      { dimension: 'column:Team', values: ['North Locality'] },
    ]);
    expect(report.filterNote).toContain('Team "North Locality"');
    for (const [band, n, up, down, unchanged, indicative] of NORTH_BY_AGE) {
      const group = report.breakdowns[0].groups.find((item) => item.label === band)!;
      expect([group.n, group.up, group.down, group.unchanged], band).toEqual([
        n,
        up,
        down,
        unchanged,
      ]);
      expect(pounds(group.totalIndicative), band).toBeCloseTo(indicative, 6);
    }
  });

  it('says which groups there are when --where names none', async () => {
    const error = await analyse(TEAMS_FILE, { ...OPEN, where: ['column:Team=West'] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RasgapError);
    expect((error as RasgapError).message).toContain(
      '--where column:Team=West matches no group of column:Team in the records read; the groups are: "Hospital Discharge", "North Locality", "Reablement", "South Locality", "Unknown"',
    );
  });

  it('keeps the column per row as codes into its labels, one per value', async () => {
    const { table } = await analyse(TEAMS_FILE, { ...OPEN, by: ['column:Team'], exact: true });
    const [team] = table.namedColumns!;
    expect(team.name).toBe('Team');
    expect(team.codes).toBeInstanceOf(Uint32Array);
    expect(team.codes.length).toBe(table.count);
    expect([...team.labels].sort()).toEqual(TEAMS.map(([label]) => label).sort());
  });
});

describe('publishing a column breakdown', () => {
  it('leaves out a team under k rather than list its label, and says why', async () => {
    const { report } = await analyse(TEAMS_FILE, { now: NOW, by: ['column:Team'] });
    const breakdown = report.breakdowns[0];
    // Reablement has 3 people: never listed, whatever the other counts would allow.
    expect(breakdown.groups.map((group) => group.label)).not.toContain('Reablement');
    expect(breakdown.groupsLeftOut).toBe(true);
    expect(report.warnings).toContain(
      'column:Team: groups of fewer than 5 people are left out, not listed by their labels: the labels are text from the export and could identify someone',
    );
    expect(JSON.stringify(report)).not.toContain('Reablement');
  });

  it('leaves out small cells of a column crossed with client group', async () => {
    const { report } = await analyse(TEAMS_FILE, { now: NOW, by: ['column:Team,client-group'] });
    const breakdown = report.breakdowns[0];
    const listed = breakdown.groups.map((group) => group.label);
    for (const [team, group, n] of CROSSED) {
      if (n < 5) expect(listed).not.toContain(`${team} / ${group}`);
    }
    expect(breakdown.groupsLeftOut).toBe(true);
  });

  it('warns of a column whose groups are mostly under k, suggesting fewer groups', async () => {
    const text = [
      'Person ID,Worker Code,Indicative Budget (weekly),Actual Budget (weekly)',
      ...Array.from({ length: 30 }, (_, k) => `P${k},W${k % 12},100.00,${90 + (k % 3) * 10}.00`),
    ].join('\n');
    const { report } = await analyse([{ name: 'workers.csv', text }], {
      now: NOW,
      by: ['column:Worker Code'],
    });
    expect(report.warnings.join('\n')).toContain(
      'most groups of column:Worker Code have fewer than 5 people, so they are left out of what is published; map its values into a few groups before the run',
    );
  });

  it('warns of a column of more than 50 distinct values', async () => {
    const text = [
      'Person ID,Case Note,Indicative Budget (weekly),Actual Budget (weekly)',
      ...Array.from({ length: 120 }, (_, k) => `P${k},note ${k % 60},100.00,90.00`),
    ].join('\n');
    const { report } = await analyse([{ name: 'notes.csv', text }], {
      ...OPEN,
      by: ['column:Case Note'],
    });
    expect(report.warnings.join('\n')).toContain(
      'column:Case Note has more than 50 distinct values among the records used',
    );
  });
});

describe('trend and compare by a column', () => {
  it('trend --by column:Team gives each team per financial year as pandas counts it', async () => {
    const report = await trend(TEAMS_FILE, {
      by: 'column:team',
      every: 'financial-year',
      suppression: false,
      now: NOW,
    });
    expect(report.by).toBe('column:Team');
    const cells = report.groups.flatMap((group) =>
      group.periods.map((cell) => [
        group.key['column:Team'],
        cell.period,
        cell.n,
        cell.up,
        cell.down,
        cell.unchanged,
      ]),
    );
    expect(cells.sort()).toEqual([...TREND].sort());
  });

  it('published, trend leaves out the small team and its cells', async () => {
    const report = await trend(TEAMS_FILE, { by: 'column:Team', now: NOW });
    expect(report.groups.map((group) => group.label)).not.toContain('Reablement');
    expect(JSON.stringify(report)).not.toContain('Reablement');
  });

  it('compare --by column:Team --a "North Locality" --b "South Locality"', async () => {
    const report = await compare(TEAMS_FILE, {
      ...OPEN,
      dimension: 'column:Team',
      a: 'North Locality',
      b: 'south locality',
    });
    expect(report.by).toBe('column:Team');
    expect([report.a.label, report.a.n, report.a.down]).toEqual(['North Locality', 90, 42]);
    expect([report.b.label, report.b.n, report.b.down]).toEqual(['South Locality', 80, 30]);
    // SciPy: mannwhitneyu(north, south, method="asymptotic", use_continuity=True)
    expect(report.difference.mannWhitneyU).toBe(3333.5);
    expect(report.difference.mannWhitneyP).toBeCloseTo(0.3981866744932503, 12);
  });
});

describe('column:NAME errors', () => {
  const reject = (promise: Promise<unknown>): Promise<RasgapError> =>
    promise.then(
      () => {
        throw new Error('expected a RasgapError');
      },
      (error: unknown) => error as RasgapError,
    );

  it('names the file without the column, its headers and the fix', async () => {
    const second = {
      name: 'no-team.csv',
      text: 'Person ID,Indicative Budget (weekly),Actual Budget (weekly)\nZ1,100.00,90.00\n',
    };
    const error = await reject(analyse([TEAMS_FILE, second], { by: ['column:Team'] }));
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.file).toBe('no-team.csv');
    expect(error.message).toBe(
      'column:Team names no column of this file; the headers are: "Person ID", "Indicative Budget (weekly)", "Actual Budget (weekly)"',
    );
    expect(error.fix).toContain('leave out column:Team');
  });

  it('refuses the person-id column: its values would be published as labels', async () => {
    const error = await reject(analyse(TEAMS_FILE, { by: ['column:Person ID'] }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(
      'column:Person ID cannot be a breakdown: it holds the person id, and its values would be published as group labels',
    );
  });

  it('refuses a column of personal names, also in --where', async () => {
    const names = ['Margaret Patel', 'Michael Hill', 'Christine Wright', 'John Ward', 'Susan Hall'];
    const text = [
      'Person ID,Client Name,Indicative Budget (weekly),Actual Budget (weekly)',
      ...Array.from({ length: 40 }, (_, k) => `P${k},${names[k % 5]} ${k},100.00,90.00`),
    ].join('\n');
    const error = await reject(
      analyse([{ name: 'named.csv', text }], { where: ['column:Client Name=John Ward 3'] }),
    );
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(
      /^column:Client Name cannot be a breakdown: column "Client Name" looks like personal names/,
    );
  });

  it('refuses column: with no name', async () => {
    const error = await reject(analyse(TEAMS_FILE, { by: ['column:'] }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('--by column: names no column');
  });
});
