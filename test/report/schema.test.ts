// Every JSON output is checked against its JSON Schema (docs/schema/, draft 2020-12), on every
// committed fixture and on the options that change the JSON's shape. The schemas are strict
// (additionalProperties false where a shape is fixed), so a field added to an output without a
// schema update fails here. Runs in-process through the Node API, as the CLI does.
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse, render, RasgapError, type AnalyseOptionsInput } from '../../src/index.js';
import { compare, type CompareOptions } from '../../src/compare.js';
import { inspectFiles } from '../../src/ingest/inspect.js';
import { checkAnalyseOptions } from '../../src/options.js';
import { provenance } from '../../src/report/model.js';

const SCHEMAS = ['report', 'compare', 'inspect', 'provenance'] as const;
// strictRequired off: `group`, `comparison.twoGroups` and compare's `difference` list as required
// the properties of the definition they extend ($ref beside required), which that lint rejects.
const ajv = new Ajv2020({
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  allErrors: true,
});
for (const name of SCHEMAS) {
  ajv.addSchema(JSON.parse(readFileSync(`docs/schema/${name}.schema.json`, 'utf8')), name);
}
const validators = Object.fromEntries(
  SCHEMAS.map((name) => [name, ajv.getSchema(name)!]),
) as Record<(typeof SCHEMAS)[number], ValidateFunction>;

/** Every schema error as `path message`, one a line ('' when valid). */
function schemaErrors(schema: (typeof SCHEMAS)[number], json: unknown): string {
  const validate = validators[schema];
  return validate(json) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

/** Validates and names every failing path, so that a failure says which field to add. */
function expectValid(schema: (typeof SCHEMAS)[number], json: unknown): void {
  expect(schemaErrors(schema, json)).toBe('');
}

/** The JSON as the CLI writes it: rendered, then read back as any consumer would. */
async function reportJson(
  paths: string[],
  options: AnalyseOptionsInput & { now?: Date } = {},
): Promise<unknown> {
  const { report } = await analyse(paths, options);
  return JSON.parse(render(report, 'json', { colour: false }));
}

const now = new Date('2026-12-01T09:00:00Z');
const fixture = (name: string): string => join('fixtures', name);
const SAMPLE = fixture('sample-export.csv');
const COUNCILS = ['northmoor', 'eastmoor', 'southfield', 'westholme'].map((name) =>
  fixture(`councils-${name}.csv`),
);

/** Committed fixtures that are not exports analyse can read, and the error each gives (exit 2). */
const REFUSED: Record<string, string> = {
  'ambiguous-header.csv': 'COLUMN_AMBIGUOUS',
  'group-map.csv': 'COLUMN_NOT_FOUND',
  'no-indicative.csv': 'COLUMN_NOT_FOUND',
  'old-binary.xls': 'NOT_A_WORKBOOK',
  'periods-unstated.csv': 'PERIOD_MISMATCH',
  'privacy-labelled.csv': 'COLUMN_NOT_FOUND',
  'zipped-export.zip': 'NOT_A_WORKBOOK',
};
/** Files inspect cannot open at all (not text, not a workbook): it stops as analyse does. */
const NOT_INSPECTABLE = ['old-binary.xls', 'zipped-export.zip'];

// Every data file in fixtures/ (the .mjs files are the scripts that write them, .d.mts their types).
const FIXTURES = readdirSync('fixtures')
  .filter((name) => !/\.(mjs|d\.mts)$/.test(name))
  .sort();

const scratch = mkdtempSync(join(tmpdir(), 'rasgap-schema-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('analyse --format json', () => {
  it('covers the fixtures: at least 30 data files, among them text, a workbook and refusals', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    expect(FIXTURES).toContain('foi-workbook.xlsx');
    for (const name of Object.keys(REFUSED)) expect(FIXTURES).toContain(name);
  });

  it.each(FIXTURES)('%s', async (name) => {
    if (name in REFUSED) {
      const error = await analyse([fixture(name)], { now }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RasgapError);
      expect((error as RasgapError).code).toBe(REFUSED[name]);
      return;
    }
    const json = await reportJson([fixture(name)], { now });
    expect(schemaErrors('report', json)).toBe('');
  });

  // The options that change which fields appear, or their types.
  const variants: [string, string[], AnalyseOptionsInput][] = [
    ['--by crossed', [SAMPLE], { by: ['client-group,age-band'] }],
    ['--by financial-year', [SAMPLE], { by: ['financial-year'] }],
    [
      '--by client-group,quarter --by month',
      [fixture('trend-export.csv')],
      { by: ['client-group,quarter', 'month'] },
    ],
    [
      '--by age-band,financial-year, two files',
      [fixture('quarter-1.csv'), fixture('quarter-2.csv')],
      { by: ['age-band,financial-year'] },
    ],
    ['several breakdowns', [SAMPLE], { by: ['age-band', 'client-group', 'raw-client-group'] }],
    ['--no-tests', [SAMPLE], { tests: false }],
    ['--no-suppression', [SAMPLE], { suppression: false }],
    ['--round-counts 5', [SAMPLE], { roundCounts: 5 }],
    ['--min-count 10 on a small file', [fixture('inference-small.csv')], { minCount: 10 }],
    ['--dominance-p 0', [SAMPLE], { dominanceP: 0 }],
    ['--period year', [SAMPLE], { period: 'year' }],
    ['--period fortnight', [SAMPLE], { period: 'fortnight' }],
    ['--period four-weeks', [SAMPLE], { period: 'four-weeks' }],
    ['--period month', [SAMPLE], { period: 'month' }],
    ['--from --to', [SAMPLE], { from: '2023-04-01', to: '31/03/2024' }],
    [
      '--from alone, several files',
      [fixture('quarter-1.csv'), fixture('quarter-2.csv')],
      { from: '2023-01-01' },
    ],
    [
      '--where on two dimensions, two values on one',
      [SAMPLE],
      {
        where: [
          'age-band=65+',
          'client-group=Learning Disability Support',
          'client-group=mental health support',
        ],
      },
    ],
    // A filtered-out count under --min-count is hidden with rows read and excluded.
    [
      '--where leaving a small group out',
      [SAMPLE],
      { where: ['age-band=18-64', 'age-band=65+'], minCount: 50 },
    ],
    ['--where with --round-counts', [SAMPLE], { where: ['age-band=65+'], roundCounts: 5 }],
    ['--by column:Team', [fixture('team-export.csv')], { by: ['column:team'] }],
    [
      '--by column:Team,client-group --by column:Locality,financial-year, small groups left out',
      [fixture('team-export.csv')],
      { by: ['column:Team,client-group', 'column:Locality,financial-year'] },
    ],
    [
      '--where column:Team with --by column:Team, unsuppressed',
      [fixture('team-export.csv')],
      { by: ['column:Team'], where: ['column:Team=North Locality'], suppression: false },
    ],
    ['--scale ratio --confidence 0.9', [SAMPLE], { scale: 'ratio', confidence: 0.9 }],
    ['several files', [fixture('quarter-1.csv'), fixture('quarter-2.csv')], {}],
    [
      '--by source, two councils',
      [fixture('council-a.csv'), fixture('council-b.csv')],
      { by: ['source'] },
    ],
    [
      '--separate-files',
      [fixture('quarter-1.csv'), fixture('quarter-2.csv')],
      { separateFiles: true },
    ],
    [
      'settings echoed in options',
      [SAMPLE],
      {
        columns: ['indicative=Indicative Budget (weekly)'],
        tolerance: '2%',
        duplicates: 'keep-all',
        asOf: '31/03/2025',
        command: 'rasgap analyse fixtures/sample-export.csv',
        configFile: 'rasgap.config.json',
        groupMap: { Reablement: 'Physical Support: Personal care support' },
        encoding: 'utf-8',
        delimiter: 'comma',
      },
    ],
    ['--input-period per amount', [fixture('no-period.csv')], { inputPeriod: 'week' }],
    ['a workbook sheet', [fixture('foi-workbook.xlsx')], { sheet: 'Data' }],
    [
      '--by source, four councils (funnels)',
      COUNCILS,
      { by: ['source', 'client-group'], charts: true },
    ],
    ['--by source, four councils, --round-counts 5', COUNCILS, { by: ['source'], roundCounts: 5 }],
    ['--by source, a funnel withheld (--min-count 30)', COUNCILS, { by: ['source'], minCount: 30 }],
    ['--bands -25,-10,-5,0,5,10,25', [SAMPLE], { bands: '-25,-10,-5,0,5,10,25', charts: true }],
    ['--bands 0 (one cut band, one rise band)', [SAMPLE], { bands: [0] }],
    ['with the HTML charts', [SAMPLE], { charts: true }],
    ['with the HTML charts, unsuppressed', [SAMPLE], { charts: true, suppression: false }],
  ];
  it.each(variants)('%s', async (_name, paths, options) => {
    expectValid('report', await reportJson(paths, { ...options, now }));
  });

  it('a column that looks like direct identifiers (inputs[].identifiers)', async () => {
    const lines = readFileSync('fixtures/descriptive-columns.csv', 'utf8').trim().split('\n');
    const forenames = ['Margaret', 'John', 'Susan', 'David', 'Patricia', 'Robert'];
    const surnames = ['Thompson', 'Walker', 'Hughes', 'Robinson', 'Wright', 'Edwards'];
    const named = join(scratch, 'named.csv');
    writeFileSync(
      named,
      lines
        .map((line, i) =>
          i === 0 ? `${line},Carer` : `${line},${forenames[i % 6]} ${surnames[(i * 5) % 6]}`,
        )
        .join('\n') + '\n',
    );
    const json = (await reportJson([named], { now })) as { inputs: { identifiers: unknown[] }[] };
    expect(json.inputs[0].identifiers).toHaveLength(1);
    expectValid('report', json);
  });

  it('the CSV sidecar FILE.meta.json (provenance)', async () => {
    const { report } = await analyse([SAMPLE], { now });
    expectValid('provenance', JSON.parse(JSON.stringify(provenance(report))));
  });
});

describe('compare --format json', () => {
  const runs: [string, string[], CompareOptions][] = [
    ['older against working-age', [SAMPLE], { a: '65+', b: '18-64' }],
    ['two client groups', [SAMPLE], { a: 'LD', b: 'Mental Health Support' }],
    ['a side too small to compare', [fixture('small-export.csv')], { a: '65+', b: '18-64' }],
    [
      '--period year --no-suppression',
      [SAMPLE],
      { a: '65+', b: '18-64', period: 'year', suppression: false },
    ],
    [
      '--by source',
      [fixture('council-a.csv'), fixture('council-b.csv')],
      { a: 'Northshire County Council', b: 'Southborough', dimension: 'source' },
    ],
    [
      '--by column:Team',
      [fixture('team-export.csv')],
      { a: 'North Locality', b: 'South Locality', dimension: 'column:Team' },
    ],
    [
      '--from --to --where --period month',
      [SAMPLE],
      {
        a: '65+',
        b: '18-64',
        from: '2023-04-01',
        to: '2024-03-31',
        where: ['client-group=LD'],
        period: 'month',
      },
    ],
  ];
  it.each(runs)('%s', async (_name, paths, options) => {
    const report = await compare(paths, { ...options, now });
    expectValid('compare', JSON.parse(JSON.stringify(report)));
  });
});

describe('inspect --format json', () => {
  /** As the CLI calls it: checked options, plus the flags as typed for the suggested command. */
  const inspect = async (
    paths: string[],
    options: AnalyseOptionsInput = {},
    given?: string[],
  ): Promise<unknown> =>
    JSON.parse(
      JSON.stringify(await inspectFiles(paths, { ...checkAnalyseOptions(options), given })),
    );

  it.each(FIXTURES)('%s', async (name) => {
    if (NOT_INSPECTABLE.includes(name)) {
      const error = await inspect([fixture(name)]).catch((caught: unknown) => caught);
      expect((error as RasgapError).code).toBe('NOT_A_WORKBOOK');
      return;
    }
    expectValid('inspect', await inspect([fixture(name)]));
  });

  const runs: [string, string[], AnalyseOptionsInput][] = [
    ['two quarters pooled', [fixture('quarter-1.csv'), fixture('quarter-2.csv')], {}],
    [
      'the same file twice',
      [fixture('council-a.csv'), fixture('council-b.csv'), fixture('council-a.csv')],
      {},
    ],
    [
      'columns named',
      [fixture('no-indicative.csv')],
      { columns: ['indicative=Budget A', 'actual=Budget B'] },
    ],
    ['--as-of', [fixture('year-of-birth.csv')], { asOf: '31/03/2025' }],
    ['--sheet', [fixture('foi-workbook.xlsx')], { sheet: 'Data' }],
    [
      '--separate-files',
      [fixture('quarter-1.csv'), fixture('quarter-2.csv')],
      { separateFiles: true },
    ],
  ];
  it.each(runs)('%s', async (_name, paths, options) => {
    expectValid('inspect', await inspect(paths, options));
  });

  it('with the flags given kept in the suggested command', async () => {
    const json = (await inspect([fixture('no-period.csv')], { encoding: 'utf-8' }, [
      '--encoding utf-8',
    ])) as { command: string }[];
    expect(json[0].command).toContain('--encoding utf-8');
    expectValid('inspect', json);
  });
});

// The schemas must be able to fail: a field they do not know, a missing one, a wrong type.
describe('the schemas are strict', () => {
  it('refuses a field the schema does not list, at the top and inside a group', async () => {
    const json = (await reportJson([fixture('small-export.csv')], { now })) as Record<
      string,
      unknown
    > & { breakdowns: { groups: Record<string, unknown>[] }[] };
    expectValid('report', json);
    expect(validators.report({ ...json, extra: 1 })).toBe(false);
    const group = json.breakdowns[0].groups[0];
    group.newFigure = 1;
    expect(validators.report(json)).toBe(false);
    expect(ajv.errorsText(validators.report.errors)).toMatch(/newFigure|unevaluated/);
  });

  it('refuses a missing field and a wrong type', async () => {
    const json = (await reportJson([fixture('small-export.csv')], { now })) as Record<
      string,
      unknown
    > & { overall: Record<string, unknown>; rows: Record<string, unknown> };
    const { disclosure: _disclosure, ...withoutDisclosure } = json;
    void _disclosure;
    expect(validators.report(withoutDisclosure)).toBe(false);
    expect(validators.report({ ...json, overall: { ...json.overall, n: '12' } })).toBe(false);
    expect(validators.report({ ...json, rows: { ...json.rows, read: -1 } })).toBe(false);
    expect(validators.report({ ...json, period: 'monthly' })).toBe(false);
  });

  it('refuses intervals and tests half present', async () => {
    const json = (await reportJson([fixture('small-export.csv')], { now })) as {
      overall: Record<string, unknown>;
    };
    const { agreement: _agreement, ...overall } = json.overall;
    void _agreement;
    expect(validators.report({ ...json, overall })).toBe(false);
  });

  it('refuses an unknown field in compare and inspect', async () => {
    const report = JSON.parse(
      JSON.stringify(await compare([SAMPLE], { a: '65+', b: '18-64', now })),
    ) as Record<string, Record<string, unknown>>;
    expect(validators.compare({ ...report, difference: { ...report.difference, z: 1 } })).toBe(
      false,
    );
    const [file] = JSON.parse(
      JSON.stringify(await inspectFiles([SAMPLE], checkAnalyseOptions({}))),
    ) as Record<string, unknown>[];
    expect(validators.inspect([file])).toBe(true);
    expect(validators.inspect([{ ...file, extra: true }])).toBe(false);
  });
});
