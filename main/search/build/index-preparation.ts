import type { SearchPreparing } from '../../../shared/domain';
import type { Db, ReadDb } from '../../db/open';
import { rebuildSearchIndexOffThread } from './rebuild-on-worker';
import { searchIndexIsCurrent } from './text-index';

/**
 * Gets the search index ready in the background, so a search answers "being prepared" at once instead of
 * holding the window: a stale index (an update changed how it is built, or a database from before
 * migration 006) or one that cannot be read is rebuilt on a writer connection; then, or when a large stored
 * index is simply not read yet, `load` (the engine's prepare) reads it in off this thread. One at a time.
 * `load` answers false when the index it read cannot be used (damaged, or stale by then): it is rebuilt.
 */
export function createIndexPreparation(db: ReadDb, openWriter: () => Db, load: () => Promise<boolean> = () => Promise.resolve(true)) {
  let progress: SearchPreparing['preparing'] | null = null;
  let failure: Error | null = null;

  const rebuildWith = async (writer: Db) => {
    try {
      // Reading the directory takes a moment: the search that started it answers "being prepared" first.
      await new Promise((resolve) => setImmediate(resolve));
      await rebuildSearchIndexOffThread(writer, { onProgress: ({ done, total }) => void (progress = { done, total, reading: false }) });
    } finally {
      writer.close();
    }
    if (!(await load())) throw new Error('the rebuilt index could not be read back');
  };

  const start = (reading: boolean, job: () => Promise<void>): SearchPreparing => {
    const total = (db.prepare('SELECT count(*) AS n FROM service').get() as { n: number }).n;
    // What is read was indexed already: the count stands at the end until it is in.
    progress = { done: reading ? total : 0, total, reading };
    job()
      .catch((err: unknown) => {
        failure = new Error(`Search could not be prepared: ${err instanceof Error ? err.message : String(err)}. It will be tried again.`);
      })
      .finally(() => {
        progress = null;
      });
    return { preparing: progress };
  };

  /** Rebuilds the index even when it is marked current (it cannot be read), unless a preparation is running; says how far it has got. */
  const rebuild = (): SearchPreparing => {
    if (progress) return { preparing: progress };
    const writer = openWriter();
    return start(false, () => rebuildWith(writer));
  };

  /** Reads the stored index in (rebuilding it first if it turns out unreadable), unless a preparation is running. */
  const read = (): SearchPreparing => {
    if (progress) return { preparing: progress };
    return start(
      true,
      async () => {
        if (await load()) return;
        progress = { done: 0, total: progress!.total, reading: false };
        await rebuildWith(openWriter());
      },
    );
  };

  return {
    /**
     * How far the preparation has got, starting a rebuild if the index is stale; null when nothing is being
     * prepared. A failed preparation is thrown once (the stored index is left as it was) and the next call
     * tries again.
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
    read,
  };
}
