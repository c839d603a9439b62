import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob } from './database-file-job';

/** One whole-file job per thread (database-file-job.ts starts it): its answer, then the thread ends. */
parentPort!.postMessage(runFileJob(workerData as FileJob));
