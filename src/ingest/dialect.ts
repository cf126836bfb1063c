/**
 * Which character separates the fields: comma, semicolon, tab or pipe. Decided from the first
 * lines of text by which candidate splits the most lines into the same number (two or more) of
 * fields, counting only delimiters outside quotes.
 */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * @example
 * sniffDelimiter('a;b;c\n1;2;3\n') // ';'
 * sniffDelimiter('a,b\n"1,5",2\n') // ','
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = splitSampleLines(sample, SNIFF_LINES);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    // The most common field count, weighted by how many lines agree and how many fields it makes.
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let score = 0;
    for (const [count, lineCount] of frequency) score = Math.max(score, lineCount * 1000 + count);
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

/** The delimiter is decided on the sample's first lines (not empty). */
const SNIFF_LINES = 50;

/** The first `limit` complete lines that are not empty; the text after them is not scanned. */
function splitSampleLines(sample: string, limit: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < sample.length && lines.length < limit; i++) {
    const char = sample[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' && !inQuotes) {
      const line = sample.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') lines.push(line);
      start = i + 1;
    }
  }
  return lines; // the last, possibly cut-off, line is left out on purpose
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count++;
  }
  return count;
}

/** Checks a `--delimiter` value: a character, or a name such as `tab` or `semicolon`. */
export function parseDelimiter(text: string): Delimiter | null {
  // A Map, so that text such as "__proto__" is just an unknown name.
  const names = new Map<string, Delimiter>(
    Object.entries({
      ',': ',',
      comma: ',',
      ';': ';',
      semicolon: ';',
      '\t': '\t',
      '\\t': '\t',
      tab: '\t',
      '|': '|',
      pipe: '|',
    }),
  );
  return names.get(text.toLowerCase()) ?? null;
}
