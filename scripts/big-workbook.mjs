// Writes a large .xlsx export for measuring the workbook reader (time and peak memory):
//   npm run build && node scripts/big-workbook.mjs 100000 /tmp/big.xlsx
//   /usr/bin/time -v node bin/rasgap.cjs analyse /tmp/big.xlsx -q > /dev/null
// The rows are `rasgap generate --seed 1`'s: amounts become numbers under a £ format, dates real
// Excel dates, ages numbers; markers and text amounts stay text, as a council's workbook has them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import writeExcelFile from 'write-excel-file/node';

const rows = Number(process.argv[2] ?? 100000);
const output = process.argv[3] ?? 'big.xlsx';
const cli = fileURLToPath(new URL('../bin/rasgap.cjs', import.meta.url));
const csv = execFileSync(
  process.execPath,
  [cli, 'generate', '--rows', String(rows), '--seed', '1'],
  {
    maxBuffer: 1 << 30,
  },
);
const [header, ...records] = parse(csv, { relax_column_count: true });
const amount = (text) =>
  /^\d+(\.\d+)?$/.test(text) ? { value: Number(text), format: '£#,##0.00' } : text || null;
const date = (text) => {
  const match = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(text);
  if (!match) return text || null;
  const value = new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])));
  return { value, type: Date, format: 'dd/mm/yyyy' };
};
const data = [
  ['Adult social care personal budgets (synthetic)'],
  [],
  header,
  ...records.map(([id, group, age, indicative, actual, agreed]) => [
    id,
    group,
    /^\d+$/.test(age) ? Number(age) : age || null,
    amount(indicative),
    amount(actual),
    date(agreed),
  ]),
];
await writeExcelFile(data, { sheet: 'Data' }).toFile(output);
process.stderr.write(`${output}: ${records.length} rows\n`);
