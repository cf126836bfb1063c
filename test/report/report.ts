// A small report built the way the CLI builds one (analyseTable + buildReport), published with
// nothing hidden (its tiny groups would otherwise show only labels), for the renderers.
import { analyseTable } from '../../src/analysis/analyse.js';
import type { Dimension } from '../../src/analysis/groups.js';
import type { ExclusionLedger } from '../../src/ingest/exclusions.js';
import type { InputFile } from '../../src/ingest/read.js';
import type { RecordTable } from '../../src/ingest/records.js';
import { checkAnalyseOptions } from '../../src/options.js';
import { buildReport } from '../../src/analysis/report.js';
import { unsuppressed } from '../../src/disclose/publish.js';
import type { Report } from '../../src/report/model.js';
import { twoFiles } from '../analysis/table.js';

export function inputFile(path: string, rowsRead: number): InputFile {
  return {
    path,
    sha256: 'ab'.repeat(32),
    bytes: 1000,
    identifiers: [],
    encoding: { encoding: 'utf-8', evidence: 'valid-utf-8' },
    delimiter: { delimiter: ',', evidence: 'sniffed' },
    format: 'text',
    sheet: null,
    header: {
      line: 1,
      headers: ['Person ID', 'Client Group', 'Age Band', 'Indicative (weekly)', 'Actual (weekly)'],
      columns: {
        personId: 'Person ID',
        clientGroup: 'Client Group',
        ageBand: 'Age Band',
        indicative: 'Indicative (weekly)',
        actual: 'Actual (weekly)',
      },
      periods: {
        indicative: { period: 'week', source: 'header' },
        actual: { period: 'week', source: 'header' },
      },
    },
    titleLines: 0,
    blankLines: 0,
    rowsRead,
  };
}

/**
 * The report for test/analysis/table.ts's twoFiles(): a.csv (5 rows read, 3 used) and b.csv
 * (3 read, 3 used), amounts per week, 1 missing-value and 1 superseded row.
 */
export function twoFileReport(breakdowns: Dimension[][] = [['ageBand'], ['clientGroup']]): Report {
  const { table, ledger, rowsRead } = twoFiles();
  return reportOf(table, ledger, rowsRead, breakdowns);
}

/** analyseTable + buildReport with the default settings, per week, stamped 1970-01-01, all published. */
export function reportOf(
  table: RecordTable,
  ledger: ExclusionLedger,
  rowsRead: number[],
  breakdowns: Dimension[][],
): Report {
  const settings = checkAnalyseOptions({});
  const analysis = analyseTable(table, ledger, rowsRead, {
    period: 'week',
    tolerance: settings.tolerance,
    duplicates: settings.duplicates,
    breakdowns,
  });
  return allFigures(
    buildReport(analysis, {
      inputs: rowsRead.map((count, source) => inputFile(`${'abcdefgh'[source]}.csv`, count)),
      settings,
      now: new Date(0),
    }),
  );
}

/** The report with every figure published and no "not for publication" notice. */
export function allFigures(exact: ReturnType<typeof buildReport>): Report {
  const { notice: _notice, ...report } = unsuppressed(exact);
  void _notice;
  return report;
}

/**
 * The figures of twoFileReport() as the table and markdown show them, per group. Numbers from
 * R 4.2.2 (sign style aside: rasgap writes -£2.25 where R's sprintf writes £-2.25, and 0.0% for 0):
 *   Rscript -e 'ind <- c(100, 200, 0, 150, 80, 120); act <- c(95, 230, 50, 150.5, 80, 100); gap <- act - ind; band <- c("65+", "18-64", "18-64", "65+", "18-64", "Unknown"); cg <- c("MH", "LD", "MH", "LD", "LD", "MH"); f <- function(i) { g <- gap[i]; p <- (g / ind[i] * 100)[ind[i] != 0]; cat(length(g), sum(g > 0), sum(g < 0), sum(g == 0), sprintf("%.0f%%", mean(g < 0) * 100), sprintf("£%.2f", median(g)), sprintf("%+.1f%%", median(p)), sprintf("%+.1f%%", mean(p)), sprintf("%+.1f%%", (sum(act[i]) - sum(ind[i])) / sum(ind[i]) * 100), sprintf("£%.2f", sum(ind[i])), sprintf("£%.2f", sum(act[i])), "\n") }; f(1:6); for (b in c("18-64", "65+", "Unknown")) f(band == b); for (c in c("LD", "MH")) f(cg == c)'
 * Columns: n, Up, Down, Same, % down, Median gap, Median % gap, Mean % gap, Money-weighted,
 * Total indicative, Total actual.
 */
export const CELLS: Record<string, string[]> = {
  'All records': [
    '6',
    '3',
    '2',
    '1',
    '33%',
    '£0.25',
    '0.0%',
    '-1.3%',
    '+8.5%',
    '£650.00',
    '£705.50',
  ],
  '18-64': ['3', '2', '0', '1', '0%', '£30.00', '+7.5%', '+7.5%', '+28.6%', '£280.00', '£360.00'],
  '65+': ['2', '1', '1', '0', '50%', '-£2.25', '-2.3%', '-2.3%', '-1.8%', '£250.00', '£245.50'],
  Unknown: [
    '1',
    '0',
    '1',
    '0',
    '100%',
    '-£20.00',
    '-16.7%',
    '-16.7%',
    '-16.7%',
    '£120.00',
    '£100.00',
  ],
  'Learning Disability Support': [
    '3',
    '2',
    '0',
    '1',
    '0%',
    '£0.50',
    '+0.3%',
    '+5.1%',
    '+7.1%',
    '£430.00',
    '£460.50',
  ],
  'Mental Health Support': [
    '3',
    '1',
    '2',
    '0',
    '67%',
    '-£5.00',
    '-10.8%',
    '-10.8%',
    '+11.4%',
    '£220.00',
    '£245.00',
  ],
};
