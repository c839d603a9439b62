import { workerData } from 'node:worker_threads';
import { openDatabaseFile } from '../../db/open';
import { writeStepsAsync } from '../../db/write-transaction';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import type { StepListener } from '../../jobs/steps';
import { removeSourceWriteAsync } from './remove-source';
import { rollbackSteps } from './rollback';
import { rollbackTo } from '../../sync/feed';
import type { WriteJob } from './write-on-worker';

/** A rollback, a feed's restore or a source's removal on a thread and connection of its own (write-on-worker.ts starts it): its steps, its commit, its answer. */
const job = workerData as WriteJob;
const db = openDatabaseFile(job);
const write = (listener: StepListener): Promise<unknown> => {
  if (job.kind === 'rollback') return writeStepsAsync(db, rollbackSteps(db), listener);
  if (job.kind === 'feed-restore') return rollbackTo(db, job.sub, job.version, job.feedsDir, listener);
  return removeSourceWriteAsync(db, job.source, listener);
};
answerOnWorker(write, () => db.close());
