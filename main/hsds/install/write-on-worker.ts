import { databaseFileOf, type DatabaseFile, type Db } from '../../db/open';
import { stepsOnWorker } from '../../jobs/steps-on-worker';
import type { StepListener } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import type { Subscription } from '../../sync/subscriptions';

/** The long writes write-worker.ts runs: they need nothing from this thread but the database file (and a feed's kept files). */
export type WriteJobKind =
  | { kind: 'rollback' }
  | { kind: 'remove-source'; source: string }
  | { kind: 'feed-restore'; sub: Subscription & { id: number }; version: number; feedsDir: string };

/** What write-worker.ts is started with: the job and the database file. */
export type WriteJob = WriteJobKind & DatabaseFile;

/**
 * Runs `job` on a worker thread with a connection of its own (steps-on-worker.ts says why), or `here`, the
 * same write on this thread, for a database in memory or before `npm run build` has made the worker's script.
 */
export function onWriteWorker<T>(db: Db, job: WriteJobKind, listener: StepListener, here: () => Promise<T>): Promise<T> {
  const script = db.memory ? null : workerScript('write-worker.js');
  if (!script) return here();
  return stepsOnWorker(script, { ...job, ...databaseFileOf(db) } satisfies WriteJob, listener);
}
