import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob } from './database-file-job';

/** One whole-file job per thread (database-file-job.ts starts it): its answer, then the thread ends. */
void Promise.resolve(runFileJob(workerData as FileJob)).then((answer) => parentPort!.postMessage(answer));
