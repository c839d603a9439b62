import { checkpointOffThread } from '../jobs/database-file-job';
import { logFlusher } from '../jobs/log-flusher';
import type { Db } from './open';
import { ImportCancelled, runSteps, runStepsAsync, type StepListener, type Steps } from '../jobs/steps';

/**
 * Page cache for a bulk write: the default 2 MB makes every insert into a 100,000-service directory go to
 * disk. What is still in it at the commit is written then, in one block: at 128 MB a first statewide
 * install held the thread longer at its commit than in any step, where at 32 MB the pages go to the log
 * as the steps run.
 */
const BULK_CACHE_KIB = 32 * 1024;

/**
 * Sets the connection up for a bulk write, returning what puts it back. Foreign keys are not checked per
 * row, where every insert looked up its parents and the checks took most of a large install (an install
 * checks them once before commit; a rollback restores a directory that was checked when installed).
 * Must be called outside a transaction: SQLite ignores the foreign_keys pragma inside one.
 */
function bulkWrite(db: Db): () => void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  db.pragma('foreign_keys = OFF');
  return () => {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  };
}

/** Runs the steps straight through as one bulk write transaction (the CLI): all of it commits, or none. */
export function writeSteps<T>(db: Db, steps: Steps<T>): T {
  const restore = bulkWrite(db);
  try {
    return db.transaction(() => runSteps(steps)).immediate();
  } finally {
    restore();
  }
}

/**
 * The same, yielding to the event loop between steps so progress can be shown and a cancel heard. The
 * transaction stays open across those yields, so `db` must be a connection of its own: the app's reading
 * connection keeps seeing the directory as it was until the commit (WAL snapshot isolation). A cancel or a
 * failure rolls everything back, and a cancel heard before the commit is still in time. `beforeCommit`,
 * waited for once the steps are done: what must have finished before the write may commit (a copy of
 * the file as it was); its failure rolls back too.
 */
export async function writeStepsAsync<T>(db: Db, steps: Steps<T>, listener: StepListener = {}, beforeCommit?: () => Promise<void>): Promise<T> {
  const restore = bulkWrite(db);
  // SQLite folds the log into the file at the commit that grows it past a thousand pages, on the committing
  // thread: after a statewide install, seconds. Here that is done on a worker thread once committed, and
  // this connection's own checkpoints stay off until then, so a small write of its meanwhile (the pull's
  // record) does not do it on this thread after all.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const checkpointsBack = () => db.open && db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  db.pragma('wal_autocheckpoint = 0');
  const log = logFlusher(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await runStepsAsync(steps, { ...listener, onProgress: (p) => (log.flush(), listener.onProgress?.(p)) });
    if (beforeCommit) await beforeCommit();
    await log.flushed();
    // Nothing is waited for between this last question and the commit: a cancel is heard in time, or it
    // comes once the listener knows the write is committing and is told it is too late.
    if (listener.isCancelled?.()) throw new ImportCancelled();
    listener.onCommitting?.();
    db.exec('COMMIT');
    listener.onCommitted?.();
    void foldLog(db).then(checkpointsBack);
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    checkpointsBack();
    throw err;
  } finally {
    await log.close();
    restore();
  }
}

/**
 * Not waited for: the write is committed and safe in the log, and the directory it wrote is what searches
 * see from now on. A checkpoint that fails (a worker that could not start, a connection closed) leaves the
 * log to a later commit's own checkpoint.
 */
async function foldLog(db: Db): Promise<void> {
  if (db.memory) return;
  try {
    await checkpointOffThread(db);
  } catch {
    // Nothing lost: see above.
  }
}
