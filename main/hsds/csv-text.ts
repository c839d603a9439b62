import { parse, type CastingContext } from 'csv-parse/sync';
import { DatasetReadError } from './problems';

/** Larger than any real description; a bigger field is a broken or hostile file, refused before it is held twice. */
export const MAX_FIELD_CHARS = 1_000_000;

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  /** Data rows, cells in header order; data row i is spreadsheet row i + 2. */
  rows: string[][];
  /** Whether a cell was a quoted empty string (""): an empty value, where a bare empty cell is a missing one. */
  isQuotedEmpty(rowIndex: number, column: number): boolean;
}

/**
 * Bytes to text: a UTF-8 byte-order mark is dropped; anything that is not valid UTF-8 (a Latin-1 or
 * Windows-1252 export) is refused with the line it starts on, because guessing an encoding silently
 * garbles names and addresses.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const loose = new TextDecoder('utf-8').decode(body);
    const bad = loose.indexOf('\uFFFD');
    const line = loose.slice(0, bad).split('\n').length;
    throw new DatasetReadError({
      file,
      row: line,
      field: null,
      message: 'the file is not UTF-8 text (it looks like Latin-1 or Windows-1252). Save it again as "CSV UTF-8" and retry.',
    });
  }
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a stray " character)',
  INVALID_OPENING_QUOTE: 'a stray " character inside a field; quotes inside a field must be doubled ("") or the whole field quoted',
  CSV_INVALID_CLOSING_QUOTE: 'a stray " character inside a field; quotes inside a field must be doubled ("")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after a closing quote; quotes inside a field must be doubled ("")',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'this row has a different number of fields from the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'this row has a different number of fields from the header',
  CSV_MAX_RECORD_SIZE: `a field is longer than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`,
};

const QUOTED_EMPTY = /(^|,)""(,|\r?$)/m;

/** Parses one CSV file strictly; the first malformed row stops it with a message naming the row. */
export function parseCsv(bytes: Uint8Array, file: string): CsvTable {
  const text = decodeUtf8(bytes, file);
  let rows: string[][];
  const quotedEmpty = new Set<string>();
  try {
    rows = parse(text, {
      max_record_size: MAX_FIELD_CHARS,
      skip_empty_lines: true,
      relax_column_count: false,
      // csv-parse's cast builds a context object per cell (most of the parse time): only used when a "" cell may be there.
      ...(QUOTED_EMPTY.test(text)
        ? {
            cast: (value: string, ctx: CastingContext) => {
              if (value === '' && ctx.quoting) quotedEmpty.add(`${ctx.records}:${ctx.index}`);
              return value;
            },
          }
        : {}),
    }) as string[][];
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number; records?: number };
    const message = (e.code && CSV_MESSAGES[e.code]) ?? e.message;
    throw new DatasetReadError({ file, row: e.records != null ? e.records + 1 : (e.lines ?? null), field: null, message });
  }
  const [head, ...body] = rows;
  if (!head) throw new DatasetReadError({ file, row: 1, field: null, message: 'the file is empty: a header row is needed' });
  return { header: head.map((h) => h.trim()), rows: body, isQuotedEmpty: (i, j) => quotedEmpty.size > 0 && quotedEmpty.has(`${i + 1}:${j}`) };
}

/** Rows as header -> value objects, for readers that pick columns by name. */
export function recordsOf(csv: CsvTable): CsvRecord[] {
  return csv.rows.map((cells, i) => {
    const values: Record<string, string> = {};
    csv.header.forEach((h, j) => (values[h] = cells[j] ?? ''));
    return { row: i + 2, values };
  });
}
