import { workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open';
import { writeStepsAsync } from '../../db/write-transaction';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import { rollbackSteps, type RollbackJob } from './rollback';

/** A rollback on a thread and connection of its own (rollback.ts starts it): its steps, its commit, its answer. */
const { path, nativeBinding } = workerData as RollbackJob;
const db = openDatabase(path, nativeBinding ? { nativeBinding } : {});
void answerOnWorker((listener) => writeStepsAsync(db, rollbackSteps(db), listener)).finally(() => db.close());
