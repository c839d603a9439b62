import { databaseFileOf, type Db } from '../../db/open';
import { stepsOnWorker } from '../../jobs/steps-on-worker';
import type { StepListener } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import { rebuildSearchIndexAsync } from './text-index';

/**
 * rebuildSearchIndexAsync on a worker thread with a connection of its own (rebuild-worker.ts), reporting
 * here. Its steps were cut to answer the window between them, but the rebuild's heap on the window's
 * thread was not: with the facts of 100,000 services held, the garbage collector alone held the window
 * 117-163 ms at a time. Done here for a database in memory, a connection that may not write (the worker
 * must not write where its caller could not), or before `npm run build` has made the worker's script.
 */
export function rebuildSearchIndexOffThread(db: Db, listener: StepListener = {}): Promise<void> {
  const script = db.memory || db.readonly ? null : workerScript('rebuild-worker.js');
  if (!script) return rebuildSearchIndexAsync(db, listener);
  return stepsOnWorker(script, databaseFileOf(db), listener);
}
