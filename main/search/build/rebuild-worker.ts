import { workerData } from 'node:worker_threads';
import { openDatabaseFile, type DatabaseFile } from '../../db/open';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import { rebuildSearchIndexAsync } from './text-index';

/** The search index rebuilt from the tables on a thread and connection of its own (rebuild-on-worker.ts starts it). */
const db = openDatabaseFile(workerData as DatabaseFile);
answerOnWorker((listener) => rebuildSearchIndexAsync(db, listener), () => db.close());
