import { isUtf8 } from 'node:buffer';
import { DatasetReadError } from '../check/problems';
import { ReadBudget } from './dataset-limits';
import { runSteps } from '../../jobs/steps';
import { controlCharacterAt, hasControlCharacter, MAX_FIELD_CHARS } from '../check/text-values';

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
 * Reads one CSV file strictly (RFC 4180: "," between fields, "" for a quote inside a quoted field, any
 * line ending, blank lines skipped), a record at a time; the first malformed record stops it with a
 * message naming the row. Hand-written because a general CSV library spent most of a large import's
 * reading time per character. It scans bytes (the delimiters are ASCII, so UTF-8 text cannot fake one)
 * and decodes each field on its own: slices of one big decoded string would keep it alive and make every
 * later id lookup slower. Each record is counted against the dataset's budget as it is read, so a file of
 * millions of tiny rows stops before it fills the memory. One array holds the current record's cells,
 * filled again by each `next()`: a reader that makes rows of them leaves no array per row behind.
 */
export class CsvReader {
  readonly header: string[];
  /** The current record's cells, in header order; overwritten by the next record. */
  readonly cells: string[] = [];
  /** Spreadsheet row number of the current record: the header is row 1. */
  row = 1;
  /**
   * Whether a record read so far held a control character (check/text-values.ts). Every cell is also
   * within MAX_FIELD_CHARS, or reading stops: a file read without one holds no text the validator would
   * refuse, and it need not look again.
   */
  controlSeen = false;
  private readonly buf: Buffer;
  private at = 0;
  /** Columns of the current record that were a quoted empty string (""): an empty value, where a bare empty cell is a missing one. */
  private readonly quotedEmpty: number[] = [];
  /** Where each unquoted cell of the current record starts in the bytes, and its length (-1 when quoted). */
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];

  constructor(
    bytes: Uint8Array,
    private readonly file: string,
    private readonly budget = new ReadBudget(),
  ) {
    this.buf = checkedUtf8(bytes, file);
    this.row = 0;
    if (!this.next()) throw new DatasetReadError({ file, row: 1, field: null, message: 'the file is empty: a header row is needed' });
    this.header = this.cells.map((h) => h.trim());
  }

  /** Whether the current record's cell was a quoted empty string (""). */
  isQuotedEmpty(column: number): boolean {
    return this.quotedEmpty.length > 0 && this.quotedEmpty.includes(column);
  }

  /** Reads the next record into `cells`; false at the end of the file. */
  next(): boolean {
    const { buf, cells, quotedEmpty, starts, lengths } = this;
    const n = buf.length;
    let i = this.at;
    while (i < n && (buf[i] === LF || buf[i] === CR)) i++;
    if (i >= n) {
      this.at = n;
      return false;
    }
    let width = 0;
    quotedEmpty.length = 0;
    for (;;) {
      let value: string;
      if (buf[i] === QUOTE) {
        value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, from);
          if (q === -1) return this.fail(n - from > MAX_FIELD_CHARS ? MESSAGES.huge : MESSAGES.unclosed);
          if (buf[q + 1] === QUOTE) {
            value += this.text(from, q + 1);
            from = q + 2;
            continue;
          }
          value += this.text(from, q);
          i = q + 1;
          break;
        }
        const after = buf[i];
        if (i < n && after !== COMMA && after !== LF && after !== CR) this.fail(MESSAGES.closing);
        lengths[width] = -1;
        if (value === '') quotedEmpty.push(width);
        else if (value.length > MAX_FIELD_CHARS) this.fail(MESSAGES.huge);
        else if (!this.controlSeen && hasControlCharacter(value)) this.controlSeen = true;
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = buf[j]!;
          // Printable ASCII first: most bytes are, and none of them can start a control character.
          if (c >= 0x20 && c < 0x7f) {
            if (c === COMMA) break;
            if (c === QUOTE) this.fail(MESSAGES.opening);
          } else if (c === LF || c === CR) break;
          else if (controlCharacterAt(buf, j)) this.controlSeen = true;
        }
        const length = j - i;
        // A value repeated from the row above (an organization's id on each of its services, a status) is the
        // same string, not another copy to hold.
        value = length === 0 ? '' : length === lengths[width] && sameBytes(buf, starts[width]!, i, length) ? cells[width]! : this.text(i, j);
        starts[width] = i;
        lengths[width] = length;
        i = j;
      }
      cells[width++] = value;
      const c = buf[i];
      i++;
      if (c === COMMA) continue;
      if (c === CR && buf[i] === LF) i++;
      break;
    }
    if (this.row > 0 && width !== this.header.length) this.fail(MESSAGES.width);
    if (cells.length !== width) cells.length = width;
    this.budget.takeRows(1, this.file, this.row + 1);
    this.row++;
    this.at = i;
    return true;
  }

  private fail(message: string): never {
    throw new DatasetReadError({ file: this.file, row: this.row + 1, field: null, message });
  }

  private text(from: number, to: number): string {
    const s = this.buf.toString('utf8', from, to);
    if (s.length > MAX_FIELD_CHARS) this.fail(MESSAGES.huge);
    return s;
  }
}

function sameBytes(buf: Buffer, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (buf[a + k] !== buf[b + k]) return false;
  return true;
}

/** Parses a whole CSV file (CsvReader), yielding every ROWS_BETWEEN_YIELDS rows so the app can answer meanwhile. */
export function* parseCsvSteps(bytes: Uint8Array, file: string, budget = new ReadBudget()): Generator<void, CsvTable, void> {
  const reader = new CsvReader(bytes, file, budget);
  const rows: string[][] = [];
  const quotedEmpty = new Set<string>();
  while (reader.next()) {
    for (let j = 0; j < reader.cells.length; j++) if (reader.isQuotedEmpty(j)) quotedEmpty.add(`${rows.length}:${j}`);
    rows.push(reader.cells.slice());
    if ((rows.length + 1) % ROWS_BETWEEN_YIELDS === 0) yield;
  }
  return { header: reader.header, rows, isQuotedEmpty: (i, j) => quotedEmpty.size > 0 && quotedEmpty.has(`${i}:${j}`) };
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
