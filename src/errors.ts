/**
 * The one error type rasgap throws on purpose. Each carries a stable `code`, the exit status the
 * CLI should end with, and where known the file, line and the fix, so that the CLI can turn it into
 * one line for a person and the Node API can act on `code`.
 */
export type ErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'EMPTY_FILE'
  | 'NO_HEADER'
  | 'COLUMN_NOT_FOUND'
  | 'COLUMN_AMBIGUOUS'
  | 'ENCODING'
  | 'CSV_SYNTAX'
  | 'NO_USABLE_ROWS'
  | 'PERIOD_UNKNOWN'
  | 'PERIOD_MISMATCH'
  | 'DUPLICATE_INPUT'
  | 'OUTPUT_OVER_INPUT'
  | 'OUTPUT_FAILED'
  | 'PRIVACY'
  | 'NOT_A_WORKBOOK'
  | 'SHEET_NOT_FOUND';

/** Exit statuses: 0 success, 1 usage, 2 input data, 3 output could not be written. */
export const EXIT = { ok: 0, usage: 1, data: 2, output: 3, internal: 70 } as const;

const exitByCode: Record<ErrorCode, number> = {
  USAGE: EXIT.usage,
  FILE_NOT_FOUND: EXIT.data,
  FILE_UNREADABLE: EXIT.data,
  EMPTY_FILE: EXIT.data,
  NO_HEADER: EXIT.data,
  COLUMN_NOT_FOUND: EXIT.data,
  COLUMN_AMBIGUOUS: EXIT.data,
  ENCODING: EXIT.data,
  CSV_SYNTAX: EXIT.data,
  NO_USABLE_ROWS: EXIT.data,
  PERIOD_UNKNOWN: EXIT.usage,
  PERIOD_MISMATCH: EXIT.data,
  DUPLICATE_INPUT: EXIT.data,
  OUTPUT_OVER_INPUT: EXIT.usage,
  OUTPUT_FAILED: EXIT.output,
  PRIVACY: EXIT.data,
  NOT_A_WORKBOOK: EXIT.data,
  SHEET_NOT_FOUND: EXIT.data,
};

export interface ErrorPlace {
  file?: string;
  line?: number;
  /** What the person should do about it, e.g. `pass --column indicative="RAS £"`. */
  fix?: string;
  /** The option at fault, by its API and config-file name (`minCount`), when an option is. */
  option?: string;
}

export class RasgapError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly file?: string;
  readonly line?: number;
  readonly fix?: string;
  readonly option?: string;

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RasgapError';
    this.code = code;
    this.exitCode = exitByCode[code];
    this.file = place.file;
    this.line = place.line;
    this.fix = place.fix;
    this.option = place.option;
  }
}

/**
 * One line for a person: `FILE:LINE: message. Fix: ...`.
 *
 * @example
 * formatError(new RasgapError('EMPTY_FILE', 'the file is empty', { file: 'a.csv' }))
 * // 'a.csv: the file is empty'
 */
export function formatError(error: RasgapError): string {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
  const fix = error.fix ? ` Fix: ${error.fix}` : '';
  const message = error.message.endsWith('.') || !fix ? error.message : `${error.message}.`;
  return `${where}${message}${fix}`;
}
