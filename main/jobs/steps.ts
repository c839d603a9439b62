import type { ImportStep } from '../../shared/import-types';

/**
 * The long parts of an import (read, check, compare, apply) are generators that yield how far they have
 * got. The CLI runs them straight through; the app runs them yielding to the event loop after each
 * report, so a status request or a cancel is answered while a large file is still being worked on.
 */

export interface StepProgress {
  step: ImportStep;
  done: number;
  total: number;
}

export type Steps<T> = Generator<StepProgress, T, void>;

export interface StepListener<P = StepProgress> {
  onProgress?: (p: P) => void;
  isCancelled?: () => boolean;
  /**
   * The write's steps are done and it is about to commit: from here on a cancel is too late, and
   * onCommitted or the commit's failure follows. On a worker thread it throws ImportCancelled instead when
   * the thread that started it has heard a cancel first (steps-on-worker.ts).
   */
  onCommitting?: () => void;
  /** The write's transaction has committed. */
  onCommitted?: () => void;
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled: the directory was left as it was.');
  }
}

/** Runs the steps (any generator of them) to their end, ignoring what they yield. */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps, reporting progress and stopping with ImportCancelled when asked to between two reports.
 * Stopped steps are closed, so what they hold (a worker thread) is let go at once. Steps that report
 * nothing (yielding void) are run the same way, for the event loop's sake alone.
 */
export async function runStepsAsync<T, P = StepProgress>(steps: Generator<P, T, void>, { onProgress, isCancelled }: StepListener<P> = {}): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    try {
      onProgress?.(r.value);
      await new Promise((resolve) => setImmediate(resolve));
      if (isCancelled?.()) throw new ImportCancelled();
    } catch (err) {
      steps.return(undefined as T);
      throw err;
    }
  }
}

/**
 * The longest a step of a loop over many items should hold its thread. Counts of items a step were sized
 * on a quiet machine, a few tens of milliseconds each; on a loaded one the same counts took 60-100 ms,
 * the window unanswered as long while a damaged search index was rebuilt on its thread.
 */
export const SLICE_MS = 20;

/** Items between two looks at the clock: reading it for every one of a million rows would cost more than the slices save. */
const CLOCK_EVERY = 64;

/**
 * For a loop that yields: `due(n)` says whether to yield after its nth item (counted from 1), after every
 * `size` items or once SLICE_MS has passed since it last yielded, whichever comes first.
 */
export function sliceDue(size: number): (n: number) => boolean {
  let since = performance.now();
  return (n) => {
    if (n % size !== 0 && (n % CLOCK_EVERY !== 0 || performance.now() - since < SLICE_MS)) return false;
    since = performance.now();
    return true;
  };
}

/**
 * Calls `each` on every item, yielding `progress` after every `size` of them, or sooner when they take
 * longer than SLICE_MS: one pass over a table of hundreds of thousands of rows, cut into steps the event
 * loop can answer between.
 */
export function* eachInBatches<T, P>(items: Iterable<T>, size: number, progress: P, each: (item: T) => void): Generator<P, void, void> {
  let n = 0;
  const due = sliceDue(size);
  for (const item of items) {
    each(item);
    if (due(++n)) yield progress;
  }
}
