import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { nativeBindingOf, type Db } from '../db/open';
import { workerScript } from './worker-script';

export type FileCheck = { status: 'ok' } | { status: 'missing' } | { status: 'corrupt'; detail: string };

/** PRAGMA quick_check on a file, without migrating or writing it. */
export function checkDatabaseFile(path: string, nativeBinding?: string): FileCheck {
  if (!existsSync(path)) return { status: 'missing' };
  let raw: Database.Database | null = null;
  try {
    raw = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = raw.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? { status: 'ok' } : { status: 'corrupt', detail: problems.slice(0, 3).join('; ') };
  } catch (err) {
    return { status: 'corrupt', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    raw?.close();
  }
}

/**
 * Work on a whole database file that SQLite does in one call and cannot pause: the damage check before a
 * recovery copy, and the checkpoint that folds a large install's write-ahead log into the file. At
 * 100,000 services each holds a thread for half a second to seconds, so the app does them on a worker
 * thread with a connection of its own (WAL lets it read, or checkpoint, beside the app's connections).
 */
export type FileJob = { op: 'check'; path: string; nativeBinding?: string } | { op: 'checkpoint'; path: string; nativeBinding?: string };

export function runFileJob(job: FileJob): FileCheck | null {
  if (job.op === 'check') return checkDatabaseFile(job.path, job.nativeBinding);
  const db = new Database(job.path, { fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    return null;
  } finally {
    db.close();
  }
}

/** Runs the job on a worker thread, or on this one before `npm run build` has made the worker's script. */
function offThread(job: FileJob): Promise<FileCheck | null> {
  const script = workerScript('database-file-worker.js');
  if (!script) return Promise.resolve(runFileJob(job));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The database file's worker thread ended (code ${code}) before it answered.`)));
  });
}

const jobOf = (db: Db, op: FileJob['op']): FileJob => {
  const nativeBinding = nativeBindingOf(db);
  return { op, path: db.name, ...(nativeBinding ? { nativeBinding } : {}) };
};

/** PRAGMA quick_check of this connection's file as last committed, off this thread. */
export const checkFileOffThread = (db: Db): Promise<FileCheck> => offThread(jobOf(db, 'check')) as Promise<FileCheck>;

/** Folds the write-ahead log into the file as far as readers allow, off this thread. */
export const checkpointOffThread = async (db: Db): Promise<void> => {
  await offThread(jobOf(db, 'checkpoint'));
};
