import { callSession, type SessionDatabase } from '../../jobs/session-on-worker';
import type { StepsWorker } from '../../jobs/steps-on-worker';
import type { ImportSession } from './session';

/** What session-worker.ts is started with besides the database: the file, and the offline area table's folder for the check's warnings about unknown service areas. */
export interface SessionWorkerData extends SessionDatabase {
  path: string;
  dataDir: string;
}

/**
 * The session on a worker thread (session-worker.ts), with connections of its own. The window's thread
 * then holds none of it: not the rows read (their garbage collections paused it a tenth of a second and
 * more at 100,000 services), not the install's steps, not its commit.
 */
export function workerImportSession(worker: StepsWorker): ImportSession {
  return {
    check: (mapping, listener) => callSession(worker, 'check', mapping, listener),
    choose: (choice) => callSession(worker, 'choose', choice),
    apply: (listener) => callSession(worker, 'apply', undefined, listener),
    close: () => void worker.close(),
  };
}
