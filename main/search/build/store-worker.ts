import { workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open';
import { writeStepsAsync } from '../../db/write-transaction';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import type { StoreJob } from './store-on-worker';
import { storeBuiltIndexSteps } from './text-index';

/** A rebuilt search index stored on a thread and connection of its own (store-on-worker.ts starts it): its steps, its commit, its answer. */
const job = workerData as StoreJob & { path: string; nativeBinding?: string };
const db = openDatabase(job.path, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {});
answerOnWorker((listener) => writeStepsAsync(db, storeBuiltIndexSteps(db, job.install, job.built), listener), () => db.close());
