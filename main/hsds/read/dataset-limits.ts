import { DatasetReadError } from '../check/problems';

/**
 * How much one import may ask of the machine. A 100,000-service datapackage is 710,000 rows in 86 MB of
 * CSV, and importing it peaks at about 0.9 GB of memory; the caps leave two to three times that room and
 * stop a hostile or broken file before it can exhaust the main process's heap (which would close the app).
 */
export const DATASET_LIMITS = {
  /** Bytes read or unpacked, over every file of the dataset. */
  maxBytes: 256 * 1024 ** 2,
  /** Rows (CSV lines, or JSON objects) over every file of the dataset. */
  maxRows: 1_500_000,
};

const mb = (n: number) => `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MB`;

/** Refuses a dataset whose files add up to more than the cap, before they are read. */
export function refuseOverBytes(total: number, file: string): void {
  if (total > DATASET_LIMITS.maxBytes) {
    throw new DatasetReadError({ file, row: null, field: null, message: `the dataset is larger than ${mb(DATASET_LIMITS.maxBytes)} of data, more than this app reads in one import; refused` });
  }
}

/**
 * What is left of the caps while one dataset is read. Every reader takes from the same budget, so many
 * small files cannot add up to what one large file may not be.
 */
export class ReadBudget {
  private bytes = 0;
  private rows = 0;

  /** Called before the bytes are read or unpacked, so a refusal costs nothing. */
  takeBytes(n: number, file: string): void {
    this.bytes += n;
    refuseOverBytes(this.bytes, file);
  }

  /** `row` is where the file stands, for the message; `n` rows are counted. */
  takeRows(n: number, file: string, row: number | null): void {
    this.rows += n;
    if (this.rows > DATASET_LIMITS.maxRows) {
      throw new DatasetReadError({ file, row, field: null, message: `the dataset has more than ${DATASET_LIMITS.maxRows.toLocaleString('en-US')} rows, more than this app reads in one import; refused` });
    }
  }
}

const OPEN = 0x7b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The objects a JSON text holds (its records), counted on the bytes before it is parsed: parsing a file of
 * millions of tiny objects would spend the memory the row cap is there to keep.
 */
export function jsonObjectCount(bytes: Uint8Array): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN) count++;
  }
  return count;
}
