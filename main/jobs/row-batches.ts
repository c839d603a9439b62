import { eachInBatches, type StepProgress, type Steps } from './steps';

/** A prepared statement, of either kind of connection: all this needs is its rows as arrays. */
interface RowSource {
  raw(): { iterate(...params: unknown[]): IterableIterator<unknown> };
}

/** Rows handled between two yields: a few tens of milliseconds of work on the build machines. */
export const ROW_BATCH = 5_000;

/**
 * Calls `each` with the rows of `statement` (as arrays), yielding `progress` every ROW_BATCH rows, so reading
 * a large table lets the thread answer between batches instead of holding it for the whole table. The
 * statement stays open across the yields: its connection must not run anything else until the rows are
 * done (a job's own writer connection, or steps run straight through).
 */
export function* eachRowInBatches<R extends unknown[]>(statement: RowSource, params: unknown[], each: (row: R) => void, progress: StepProgress): Steps<void> {
  yield* eachInBatches(statement.raw().iterate(...params) as IterableIterator<R>, ROW_BATCH, progress, each);
}

/**
 * Keeps one copy of each value read: a whole-directory read gets a new string for every row's copy of a
 * term id, a language code or a city, which would otherwise stay in memory (and be moved by the garbage
 * collector) once for each of the hundreds of thousands of rows that repeat it.
 */
export function interned(): <T extends string | null>(value: T) => T {
  const kept = new Map<string | null, string | null>();
  return <T extends string | null>(value: T): T => {
    const found = kept.get(value);
    if (found !== undefined) return found as T;
    kept.set(value, value);
    return value;
  };
}
