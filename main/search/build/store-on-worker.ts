import { databaseFileOf, type Db } from '../../db/open';
import { stepsOnWorker } from '../../jobs/steps-on-worker';
import type { StepListener, StepProgress } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import { ownBuffers } from '../../jobs/own-buffers';

/** What store-worker.ts stores: an index rebuilt for the install numbered `install`, as its BLOBs' bytes (encodedBlobsSteps), each step reported as `progress`. */
export interface StoreJob {
  install: number | null;
  blobs: Record<string, Uint8Array>;
  progress: StepProgress;
}

/**
 * Stores a rebuilt search index on a worker thread with a connection of its own, or `here`, the same write
 * on this thread, for a database in memory, a connection that may not write (the worker must not write
 * where its caller could not) or before `npm run build` has made the worker's script. Its
 * commit re-reads the log its BLOBs spilled to (steps-on-worker.ts says why): on this thread that held the
 * window a quarter of a second at 100,000 services. The BLOBs' bytes are handed to the worker, not copied
 * (copying them as it started held this thread 0.1 s): the job's index is of no use here after.
 */
export function storeOnWorker(db: Db, job: StoreJob, listener: StepListener, here: () => Promise<void>): Promise<void> {
  const script = db.memory || db.readonly ? null : workerScript('store-worker.js');
  if (!script) return here();
  return stepsOnWorker(script, { ...job, ...databaseFileOf(db) }, listener, ownBuffers(job.blobs));
}
