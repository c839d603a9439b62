import { isUtf8 } from 'node:buffer';
import { DatasetReadError } from '../check/problems';
import { ReadBudget } from './dataset-limits';
import { runSteps } from '../../jobs/steps';

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
 * The bytes without a UTF-8 byte-order mark, once they are known to be UTF-8. Anything else (a Latin-1 or
 * Windows-1252 export) is refused with the line it starts on, because guessing an encoding silently
 * garbles names and addresses.
 */
function checkedUtf8(bytes: Uint8Array, file: string): Buffer {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  if (isUtf8(body)) return body;
  const loose = body.toString('utf8');
  const bad = loose.indexOf('\uFFFD');
  const line = loose.slice(0, bad).split('\n').length;
  throw new DatasetReadError({
    file,
    row: line,
    field: null,
    message: 'the file is not UTF-8 text (it looks like Latin-1 or Windows-1252). Save it again as "CSV UTF-8" and retry.',
  });
}

/** Bytes to text, refusing anything that is not UTF-8 (see checkedUtf8). */
export const decodeUtf8 = (bytes: Uint8Array, file: string): string => checkedUtf8(bytes, file).toString('utf8');

const MESSAGES = {
  unclosed: 'a quoted field is never closed (a stray " character)',
  opening: 'a stray " character inside a field; quotes inside a field must be doubled ("") or the whole field quoted',
  closing: 'a stray " character inside a field; quotes inside a field must be doubled ("")',
  width: 'this row has a different number of fields from the header',
  huge: `a field is longer than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`,
};

/** Rows parsed, or built into records, between two yields of a long read: some tens of milliseconds, on a loaded machine too. */
export const ROWS_BETWEEN_YIELDS = 5_000;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Parses one CSV file strictly (RFC 4180: "," between fields, "" for a quote inside a quoted field, any
 * line ending, blank lines skipped); the first malformed row stops it with a message naming the row.
 * Hand-written because a general CSV library spent most of a large import's reading time per character.
 * It scans bytes (the delimiters are ASCII, so UTF-8 text cannot fake one) and decodes each field on its
 * own: slices of one big decoded string would keep it alive and make every later id lookup slower.
 * Each row is counted against the dataset's budget as it is read, so a file of millions of tiny rows stops
 * before it fills the memory. Yields every ROWS_BETWEEN_YIELDS rows, so the app can answer meanwhile.
 */
export function* parseCsvSteps(bytes: Uint8Array, file: string, budget = new ReadBudget()): Generator<void, CsvTable, void> {
  const buf = checkedUtf8(bytes, file);
  const n = buf.length;
  const rows: string[][] = [];
  const quotedEmpty = new Set<string>();
  const fail = (message: string): never => {
    throw new DatasetReadError({ file, row: rows.length + 1, field: null, message });
  };
  const text = (from: number, to: number) => {
    const s = buf.toString('utf8', from, to);
    if (s.length > MAX_FIELD_CHARS) fail(MESSAGES.huge);
    return s;
  };
  let i = 0;
  while (i < n) {
    const first = buf[i];
    if (first === LF || first === CR) {
      i++;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let value: string;
      if (buf[i] === QUOTE) {
        value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, from);
          if (q === -1) return fail(n - from > MAX_FIELD_CHARS ? MESSAGES.huge : MESSAGES.unclosed);
          if (buf[q + 1] === QUOTE) {
            value += text(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text(from, q);
          i = q + 1;
          break;
        }
        const after = buf[i];
        if (i < n && after !== COMMA && after !== LF && after !== CR) fail(MESSAGES.closing);
        if (value === '') quotedEmpty.add(`${rows.length}:${record.length}`);
        else if (value.length > MAX_FIELD_CHARS) fail(MESSAGES.huge);
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = buf[j];
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) fail(MESSAGES.opening);
        }
        value = j === i ? '' : text(i, j);
        i = j;
      }
      record.push(value);
      const c = buf[i];
      i++;
      if (c === COMMA) continue;
      if (c === CR && buf[i] === LF) i++;
      break;
    }
    if (rows.length > 0 && record.length !== rows[0]!.length) fail(MESSAGES.width);
    budget.takeRows(1, file, rows.length + 1);
    rows.push(record);
    if (rows.length % ROWS_BETWEEN_YIELDS === 0) yield;
  }
  const [head, ...body] = rows;
  if (!head) throw new DatasetReadError({ file, row: 1, field: null, message: 'the file is empty: a header row is needed' });
  return { header: head.map((h) => h.trim()), rows: body, isQuotedEmpty: (i, j) => quotedEmpty.size > 0 && quotedEmpty.has(`${i + 1}:${j}`) };
}

/** parseCsvSteps straight through. */
export const parseCsv = (bytes: Uint8Array, file: string, budget = new ReadBudget()): CsvTable => runSteps(parseCsvSteps(bytes, file, budget));

/** Rows as header -> value objects, for readers that pick columns by name. */
export function recordsOf(csv: CsvTable): CsvRecord[] {
  return csv.rows.map((cells, i) => {
    const values: Record<string, string> = {};
    csv.header.forEach((h, j) => (values[h] = cells[j] ?? ''));
    return { row: i + 2, values };
  });
}
