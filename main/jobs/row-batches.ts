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
