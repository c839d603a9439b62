import { workerData } from 'node:worker_threads';
import { openDatabaseFile } from '../../db/open';
import { answerOnWorker } from '../../jobs/steps-on-worker';
import { fetchAndApply } from './fetch-and-apply';
import type { PullJob, PullReport } from './on-worker';

/** A pull on a thread and connection of its own (on-worker.ts starts it): its download, check, install, commit and summary. */
const job = workerData as PullJob;
const db = openDatabaseFile(job);
answerOnWorker(
  (listener, signal) =>
    fetchAndApply(db, job.name, job.config, job.headers, {
      dryRun: job.dryRun,
      allowRemovals: job.allowRemovals,
      ...(job.limits ? { limits: job.limits } : {}),
      listener,
      signal,
      progress: (line) => listener.onProgress?.({ line } satisfies PullReport),
    }),
  () => db.close(),
);
