import { workerData } from 'node:worker_threads';
import { openDatabaseFile, type DatabaseFile } from '../../db/open';
import { writeStepsAsync } from '../../db/write-transaction';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import type { StoreJob } from './store-on-worker';
import { storeBuiltIndexSteps } from './text-index';

/** A rebuilt search index stored on a thread and connection of its own (store-on-worker.ts starts it): its steps, its commit, its answer. */
const job = workerData as StoreJob & DatabaseFile;
const db = openDatabaseFile(job);
answerOnWorker((listener) => writeStepsAsync(db, storeBuiltIndexSteps(db, job), listener), () => db.close());
