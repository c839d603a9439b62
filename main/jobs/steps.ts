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
  /** The write's transaction has committed: a cancel from here on is too late. */
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
 * Calls `each` on every item, yielding `progress` after every `size` of them: one pass over a table of
 * hundreds of thousands of rows, cut into steps the event loop can answer between.
 */
export function* eachInBatches<T, P>(items: Iterable<T>, size: number, progress: P, each: (item: T) => void): Generator<P, void, void> {
  let n = 0;
  for (const item of items) {
    each(item);
    if (++n % size === 0) yield progress;
  }
}
