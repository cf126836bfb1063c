/**
 * Synthetic council exports: CSV text shaped like what English councils' case-management
 * systems and FOI releases actually produce, for tests, demos and benchmarks. Pure: no
 * I/O, and the same options always give the same bytes.
 */

import { Random, type WeightedItem } from './random.js';

/**
 * What to generate.
 *
 * @example
 * const options: GenerateOptions = { rows: 1000, seed: 42 };
 */
export interface GenerateOptions {
  /** Data rows to produce (the header line is extra). */
  rows: number;
  /** Any integer; the same seed gives byte-identical output. */
  seed: number;
}

/** The header line of every generated export (without its "\n"). */
export const EXPORT_HEADER =
  'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed';

/** Shares of rows with each quirk of real exports. */
const DUPLICATE_LINE_SHARE = 0.003;
const REVIEW_SHARE = 0.04;
const CLIENT_GROUP_BLANK_SHARE = 0.005;
const CLIENT_GROUP_RECASED_SHARE = 0.01;
const AGE_BLANK_SHARE = 0.01;
const DATE_BLANK_SHARE = 0.01;
const ZERO_INDICATIVE_SHARE = 0.01;
const UNCHANGED_SHARE = 0.2;

/** Suppression markers seen in FOI releases; a marker means "withheld", never zero. */
export const FOI_MARKERS: readonly string[] = ['*', '[c]', '<5', 'x', '..', '-', 'n/a', 'redacted'];
const INVALID_TEXTS: readonly string[] = ['tbc', 'TBC', 'pending', 'see notes'];

/** Financial years 2022/23 to 2024/25: 01/04/2022 to 31/03/2025. */
const FIRST_DAY_UTC = Date.UTC(2022, 3, 1);
const DAY_COUNT = Math.round((Date.UTC(2025, 2, 31) - FIRST_DAY_UTC) / 86_400_000) + 1;
const LAST_DAY = DAY_COUNT - 1;

/**
 * Reviews follow within a year of the last agreement (the statutory expectation), which
 * also means at most one birthday falls between two rows of the same person.
 */
const MAX_REVIEW_GAP_DAYS = 365;

/** Ring buffer of recent lines that a duplicated export row copies from. */
const RECENT_LINES = 1024;

interface ClientGroupProfile {
  label: string;
  /** Relative share of people (per cent). */
  weight: number;
  /** Probability that a person in this group is 65 or over. */
  olderShare: number;
  /** Mean age of the 18-64s in this group. */
  workingAgeMean: number;
  /** Median indicative weekly budget in pounds, by age band. */
  medianWorkingAge: number;
  medianOlder: number;
  /** Log-scale spread of the indicative budget (lognormal sigma). */
  sigma: number;
}

/**
 * Primary Support Reasons with shares and budgets loosely based on SALT returns:
 * personal care dominates the count, learning disability dominates the money.
 */
const CLIENT_GROUPS: readonly ClientGroupProfile[] = [
  {
    label: 'Physical Support: Personal care support',
    weight: 45,
    olderShare: 0.8,
    workingAgeMean: 50,
    medianWorkingAge: 330,
    medianOlder: 240,
    sigma: 0.55,
  },
  {
    label: 'Learning Disability Support',
    weight: 15,
    olderShare: 0.06,
    workingAgeMean: 36,
    medianWorkingAge: 900,
    medianOlder: 700,
    sigma: 0.6,
  },
  {
    label: 'Support with Memory & Cognition',
    weight: 12,
    olderShare: 0.92,
    workingAgeMean: 58,
    medianWorkingAge: 380,
    medianOlder: 300,
    sigma: 0.55,
  },
  {
    label: 'Mental Health Support',
    weight: 10,
    olderShare: 0.2,
    workingAgeMean: 42,
    medianWorkingAge: 260,
    medianOlder: 220,
    sigma: 0.6,
  },
  {
    label: 'Physical Support: Access & mobility only',
    weight: 6,
    olderShare: 0.6,
    workingAgeMean: 50,
    medianWorkingAge: 200,
    medianOlder: 150,
    sigma: 0.5,
  },
  {
    label: 'Social Support: Support for Social Isolation/Other',
    weight: 3,
    olderShare: 0.5,
    workingAgeMean: 45,
    medianWorkingAge: 150,
    medianOlder: 130,
    sigma: 0.5,
  },
  {
    label: 'Sensory Support: Support for visual impairment',
    weight: 2,
    olderShare: 0.7,
    workingAgeMean: 48,
    medianWorkingAge: 170,
    medianOlder: 140,
    sigma: 0.5,
  },
  {
    label: 'Sensory Support: Support for hearing impairment',
    weight: 1,
    olderShare: 0.7,
    workingAgeMean: 48,
    medianWorkingAge: 150,
    medianOlder: 120,
    sigma: 0.5,
  },
  {
    label: 'Social Support: Substance misuse support',
    weight: 1,
    olderShare: 0.08,
    workingAgeMean: 40,
    medianWorkingAge: 200,
    medianOlder: 170,
    sigma: 0.5,
  },
  {
    label: 'Social Support: Support to Carer',
    weight: 2,
    olderShare: 0.45,
    workingAgeMean: 50,
    medianWorkingAge: 160,
    medianOlder: 150,
    sigma: 0.5,
  },
  {
    label: 'Sensory Support: Support for dual impairment',
    weight: 0.5,
    olderShare: 0.75,
    workingAgeMean: 45,
    medianWorkingAge: 320,
    medianOlder: 260,
    sigma: 0.6,
  },
  {
    label: 'Social Support: Asylum seeker support',
    weight: 0.5,
    olderShare: 0.02,
    workingAgeMean: 30,
    medianWorkingAge: 180,
    medianOlder: 180,
    sigma: 0.4,
  },
];

const CLIENT_GROUP_CHOICES: readonly WeightedItem<number>[] = CLIENT_GROUPS.map((group, i) => ({
  value: i,
  weight: group.weight,
}));

/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
function csvField(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 34 /* " */ || c === 10 || c === 13) {
      return `"${text.replaceAll('"', '""')}"`;
    }
  }
  return text;
}

// Rendered once, so the per-row work is only string concatenation.
const GROUP_FIELDS = CLIENT_GROUPS.map((group) => csvField(group.label));
const GROUP_FIELDS_LOWER = CLIENT_GROUPS.map((group) => csvField(group.label.toLowerCase()));
const GROUP_FIELDS_UPPER = CLIENT_GROUPS.map((group) => csvField(group.label.toUpperCase()));
const FOI_MARKER_FIELDS = FOI_MARKERS.map(csvField);
const INVALID_FIELDS = INVALID_TEXTS.map(csvField);
// The last field carries the line's "\n", saving a concatenation per row.
const DATE_LINE_ENDS = buildDateFields().map((date) => date + '\n');

function buildDateFields(): string[] {
  const fields: string[] = [];
  for (let day = 0; day < DAY_COUNT; day++) {
    const date = new Date(FIRST_DAY_UTC + day * 86_400_000);
    const dd = String(date.getUTCDate()).padStart(2, '0');
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    fields.push(`${dd}/${mm}/${date.getUTCFullYear()}`);
  }
  return fields;
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 1234567 -> '1,234,567', by hand: Intl and regex are too slow for a million rows. */
function withThousands(pounds: number): string {
  if (pounds < 1000) {
    return String(pounds);
  }
  let text = '';
  let rest = pounds;
  while (rest >= 1000) {
    const chunk = rest % 1000;
    text = ',' + (chunk < 10 ? '00' : chunk < 100 ? '0' : '') + chunk + text;
    rest = Math.floor(rest / 1000);
  }
  return rest + text;
}

/** Pence -> '1234.56'. Integer pence avoid binary-fraction surprises like 0.1 + 0.2. */
function plainAmount(pence: number): string {
  return Math.floor(pence / 100) + '.' + twoDigits(pence % 100);
}

/**
 * One amount cell, formatted the way exports vary: mostly plain, sometimes with £ and
 * thousands separators, Excel's trimmed decimals, padded whole pounds, blanks, FOI
 * suppression markers and the odd invalid entry.
 */
function formatAmount(rng: Random, pence: number): string {
  const u = rng.uniform();
  if (u < 0.01) {
    return '';
  }
  if (u < 0.02) {
    return rng.pick(FOI_MARKER_FIELDS);
  }
  if (u < 0.022) {
    // Half free text, half an accounting-style negative such as (12.00).
    return rng.uniform() < 0.5 ? rng.pick(INVALID_FIELDS) : '(' + plainAmount(pence) + ')';
  }
  if (u < 0.042) {
    return ' £ ' + Math.round(pence / 100) + ' ';
  }
  if (u < 0.192) {
    const pounds = Math.floor(pence / 100);
    const text = '£' + withThousands(pounds) + '.' + twoDigits(pence % 100);
    // Only a thousands separator needs quoting; no other character here is special.
    return pounds >= 1000 ? '"' + text + '"' : text;
  }
  if (u < 0.242) {
    // Excel's General format drops trailing zeros: 1234.50 -> 1234.5, 1234.00 -> 1234.
    const cents = pence % 100;
    const pounds = Math.floor(pence / 100);
    if (cents === 0) {
      return String(pounds);
    }
    return cents % 10 === 0 ? pounds + '.' + cents / 10 : pounds + '.' + twoDigits(cents);
  }
  return plainAmount(pence);
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/**
 * A normal draw rounded to an integer in [lo, hi], redrawn rather than clamped so that no
 * age piles up at a bound.
 */
function drawWholeNumber(rng: Random, mean: number, sd: number, lo: number, hi: number): number {
  for (;;) {
    const value = Math.round(mean + sd * rng.normal());
    if (value >= lo && value <= hi) {
      return value;
    }
  }
}

function drawAge(rng: Random, group: ClientGroupProfile): number {
  if (rng.uniform() < group.olderShare) {
    // Older adults' services skew to the very old (mean early 80s).
    return drawWholeNumber(rng, 82, 8, 65, 99);
  }
  return drawWholeNumber(rng, group.workingAgeMean, 12, 18, 64);
}

/** Indicative weekly budget in pence: lognormal around the group's median. */
function drawIndicative(rng: Random, group: ClientGroupProfile, age: number): number {
  if (rng.uniform() < ZERO_INDICATIVE_SHARE) {
    return 0; // a residential placement agreed without a RAS run
  }
  const median = age >= 65 ? group.medianOlder : group.medianWorkingAge;
  // RAS price tables have a floor and a ceiling; the cap only bites far out in the tail.
  const pounds = clamp(median * Math.exp(group.sigma * rng.normal()), 10, 9000);
  return Math.round(pounds * 100);
}

// Median actual/indicative ratio among moderated budgets. Chosen so that, counting the
// unchanged 20% as well, the median gap is about -5% for 65+ and about +4% for 18-64.
const LOG_OLDER_MEDIAN_RATIO = Math.log(0.915);
const LOG_WORKING_AGE_MEDIAN_RATIO = Math.log(1.075);

/**
 * Actual weekly budget in pence after moderation. Reproduces the pattern critics
 * describe: older people tend to end below their indicative, working-age adults above.
 */
function drawActual(rng: Random, indicative: number, age: number): number {
  if (indicative === 0) {
    // Costed from the placement itself: residential fees, median about £750 a week.
    return Math.round(750 * Math.exp(0.4 * rng.normal()) * 100);
  }
  if (rng.uniform() < UNCHANGED_SHARE) {
    return indicative;
  }
  const logMedian = age >= 65 ? LOG_OLDER_MEDIAN_RATIO : LOG_WORKING_AGE_MEDIAN_RATIO;
  // Mostly modest adjustments, with a minority of large reworkings of the plan. On the
  // log scale, so a cut can never make the budget negative.
  const spread = rng.uniform() < 0.1 ? 0.35 : 0.1;
  return Math.round(indicative * Math.exp(logMedian + spread * rng.normal()));
}

/**
 * Person ids look like case-management ids: fixed width and scattered over the id space
 * rather than counting up. The nth person's id is a seeded permutation of n, so ids never
 * collide and need no lookup table.
 */
function makePersonIdFormatter(rng: Random, rows: number): (person: number) => string {
  const digits = Math.max(7, String(Math.max(0, rows - 1)).length);
  const modulus = 10 ** digits;
  // Permute the smallest power-of-two range that covers the ids, then walk the cycle until
  // the value falls below 10^digits: a permutation of [0, 10^digits) in ~1.7 steps.
  const bits = Math.ceil(Math.log2(modulus));
  const mask = 2 ** bits - 1;
  const half = bits >>> 1;
  const key = rng.int(0, mask);
  // Each step (xor-shift right, multiply by an odd number, add) is invertible mod 2^bits.
  const mix = (x: number): number => {
    x = (x ^ (x >>> half)) & mask;
    x = Math.imul(x, 0x2c1b3c6d) & mask;
    x = (x + key) & mask;
    x = (x ^ (x >>> half)) & mask;
    x = Math.imul(x, 0x297a2d39) & mask;
    return (x ^ (x >>> half)) & mask;
  };
  return (person) => {
    let id = mix(person);
    while (id >= modulus) {
      id = mix(id);
    }
    return 'P' + String(id).padStart(digits, '0');
  };
}

function validate(options: GenerateOptions): void {
  const { rows, seed } = options;
  if (!Number.isSafeInteger(rows) || rows < 0 || rows > 100_000_000) {
    throw new RangeError(`rows must be an integer from 0 to 100,000,000, got ${rows}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${seed}`);
  }
}

/** Six CSV-ready fields of one row; the last ends in "\n". */
type RowFields = [string, string, string, string, string, string];

/** The CSV line for a row (+ is faster than Array.prototype.join for six short strings). */
function joinFields(fields: RowFields): string {
  return (
    fields[0] +
    ',' +
    fields[1] +
    ',' +
    fields[2] +
    ',' +
    fields[3] +
    ',' +
    fields[4] +
    ',' +
    fields[5]
  );
}

/**
 * The row-by-row simulation behind both public functions. It fills a caller-owned array
 * instead of returning a line, so each caller can build its strings the cheapest way.
 */
class ExportRows {
  private readonly rng: Random;
  private readonly personId: (person: number) => string;

  // Per-person state, indexed by order of first appearance; at most one person per row.
  private readonly groupOf: Uint8Array;
  private readonly ageOf: Uint8Array;
  // Day index of the person's next birthday, so a review's age agrees with its date.
  private readonly nextBirthdayOf: Uint16Array;
  private readonly indicativeOf: Int32Array;
  private readonly lastDayOf: Uint16Array;
  private people = 0;

  // The fields of recent rows, RECENT_LINES rows of six, for duplicated export rows.
  private readonly recent: string[] = new Array<string>(RECENT_LINES * 6);
  private written = 0;

  constructor(rows: number, seed: number) {
    this.rng = new Random(seed);
    this.personId = makePersonIdFormatter(this.rng, rows);
    this.groupOf = new Uint8Array(rows);
    this.ageOf = new Uint8Array(rows);
    this.nextBirthdayOf = new Uint16Array(rows);
    this.indicativeOf = new Int32Array(rows);
    this.lastDayOf = new Uint16Array(rows);
  }

  next(fields: RowFields): void {
    const rng = this.rng;
    const u = rng.uniform();

    if (u < DUPLICATE_LINE_SHARE && this.written > 0) {
      // A duplicated export row: byte-for-byte the same as one shortly before.
      const from = rng.int(0, Math.min(this.written, RECENT_LINES) - 1) * 6;
      for (let i = 0; i < 6; i++) {
        fields[i] = this.recent[from + i];
      }
      return;
    }

    const { groupOf, ageOf, nextBirthdayOf, indicativeOf, lastDayOf } = this;
    let person = -1;
    let day = 0;
    if (u < DUPLICATE_LINE_SHARE + REVIEW_SHARE && this.people > 0) {
      // A review of someone already in the export. People agreed on the last day have no
      // later date, so try a few others before giving up.
      for (let attempt = 0; attempt < 4 && person < 0; attempt++) {
        const candidate = rng.int(0, this.people - 1);
        if (lastDayOf[candidate] < LAST_DAY) {
          person = candidate;
        }
      }
      if (person >= 0) {
        const gap = rng.int(1, Math.min(MAX_REVIEW_GAP_DAYS, LAST_DAY - lastDayOf[person]));
        day = lastDayOf[person] + gap;
        if (day >= nextBirthdayOf[person]) {
          ageOf[person]++;
          nextBirthdayOf[person] += 365;
        }
      }
    }

    if (person < 0) {
      person = this.people++;
      const groupIndex = rng.weighted(CLIENT_GROUP_CHOICES);
      const group = CLIENT_GROUPS[groupIndex];
      const age = drawAge(rng, group);
      groupOf[person] = groupIndex;
      ageOf[person] = age;
      indicativeOf[person] = drawIndicative(rng, group, age);
      day = rng.int(0, LAST_DAY);
      nextBirthdayOf[person] = day + rng.int(1, 365);
    }
    lastDayOf[person] = day;

    const groupIndex = groupOf[person];
    const age = ageOf[person];
    const indicative = indicativeOf[person];
    const actual = drawActual(rng, indicative, age);

    const groupDraw = rng.uniform();
    fields[0] = this.personId(person);
    fields[1] =
      groupDraw < CLIENT_GROUP_BLANK_SHARE
        ? ''
        : groupDraw < CLIENT_GROUP_BLANK_SHARE + CLIENT_GROUP_RECASED_SHARE
          ? // Hand-typed or re-keyed labels: same words, different case.
            rng.uniform() < 0.6
            ? GROUP_FIELDS_LOWER[groupIndex]
            : GROUP_FIELDS_UPPER[groupIndex]
          : GROUP_FIELDS[groupIndex];
    fields[2] = rng.uniform() < AGE_BLANK_SHARE ? '' : String(age);
    fields[3] = formatAmount(rng, indicative);
    fields[4] = formatAmount(rng, actual);
    fields[5] = rng.uniform() < DATE_BLANK_SHARE ? '\n' : DATE_LINE_ENDS[day];

    const to = (this.written % RECENT_LINES) * 6;
    for (let i = 0; i < 6; i++) {
      this.recent[to + i] = fields[i];
    }
    this.written++;
  }
}

/**
 * Yields the CSV text of a synthetic council export, header line first, one string per
 * line each ending in "\n" (CRLF not needed).
 *
 * About 4% of rows are later reviews of an earlier person (later Date Agreed, new actual),
 * 0.3% are exact copies of an earlier line, and every column has its share of blanks,
 * odd formats and FOI markers; every line has exactly six fields.
 *
 * @example
 * for (const line of generateExportLines({ rows: 3, seed: 1 })) process.stdout.write(line);
 */
export function* generateExportLines(options: GenerateOptions): Generator<string> {
  validate(options);
  const source = new ExportRows(options.rows, options.seed);
  const fields: RowFields = ['', '', '', '', '', ''];
  yield EXPORT_HEADER + '\n';
  for (let row = 0; row < options.rows; row++) {
    source.next(fields);
    yield joinFields(fields);
  }
}

/** Rows per intermediate join in generateExport. */
const ROWS_PER_CHUNK = 4096;

/**
 * The whole synthetic export as one string (header included): the lines of
 * {@link generateExportLines}, joined.
 *
 * @example
 * const csv = generateExport({ rows: 20_000, seed: 2024 });
 */
export function generateExport(options: GenerateOptions): string {
  validate(options);
  const source = new ExportRows(options.rows, options.seed);
  const fields: RowFields = ['', '', '', '', '', ''];
  // A line built with + is a rope of string pieces. Joining lines in chunks flattens them
  // while young: holding a million ropes until one final join spent most of the time in
  // the garbage collector.
  const chunks: string[] = [EXPORT_HEADER + '\n'];
  const parts: string[] = [];
  for (let row = 0; row < options.rows; row++) {
    source.next(fields);
    parts.push(joinFields(fields));
    if (parts.length === ROWS_PER_CHUNK) {
      chunks.push(parts.join(''));
      parts.length = 0;
    }
  }
  chunks.push(parts.join(''));
  return chunks.join('');
}
