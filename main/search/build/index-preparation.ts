import type { SearchPreparing } from '../../../shared/domain';
import type { Db, ReadDb } from '../../db/open';
import { runStepsAsync } from '../../jobs/steps';
import { rebuildSearchIndexAsync, searchIndexIsCurrent } from './text-index';

/**
 * Rebuilds a stale search index (an update changed how it is built, or a database from before
 * migration 006) or one that cannot be read, in the background on a writer connection, so the first search after an update answers
 * "being prepared" at once instead of holding the window for seconds. One rebuild at a time. Once it is
 * stored, `load` (the engine's) reads it in, still as part of the preparation, a step at a time.
 */
export function createIndexPreparation(db: ReadDb, openWriter: () => Db, load: () => Generator<void, void, void> = function* () {}) {
  let progress: SearchPreparing['preparing'] | null = null;
  let failure: Error | null = null;

  const start = () => {
    progress = { done: 0, total: (db.prepare('SELECT count(*) AS n FROM service').get() as { n: number }).n };
    const writer = openWriter();
    // Reading the directory takes a moment: the search that started it answers "being prepared" first.
    new Promise((resolve) => setImmediate(resolve))
      .then(() => rebuildSearchIndexAsync(writer, { onProgress: ({ done, total }) => void (progress = { done, total }) }))
      .then(() => runStepsAsync(load()))
      .catch((err: unknown) => {
        failure = new Error(`Search could not be prepared: ${err instanceof Error ? err.message : String(err)}. It will be tried again.`);
      })
      .finally(() => {
        progress = null;
        writer.close();
      });
  };

  /** Rebuilds the index even when it is marked current (it cannot be read), unless a rebuild is running; says how far it has got. */
  const rebuild = (): SearchPreparing => {
    if (!progress) start();
    return { preparing: progress! };
  };

  return {
    /**
     * How far the rebuild has got, starting it if the index is stale; null when the index is ready. A failed
     * rebuild is thrown once (the stored index is left as it was) and the next call tries again.
     */
    pending(): SearchPreparing | null {
      if (progress) return { preparing: progress };
      if (failure) {
        const err = failure;
        failure = null;
        throw err;
      }
      if (searchIndexIsCurrent(db)) return null;
      return rebuild();
    },
    rebuild,
  };
}
