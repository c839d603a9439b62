import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { databaseFileOf, type DatabaseFile, type Db } from '../db/open';
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
 * recovery copy, the copy itself, and the checkpoint that folds a large install's write-ahead log into the
 * file. At 100,000 services each holds a thread for half a second to seconds (the copy's last step syncs
 * the whole new file), so the app does them on a worker thread with a connection of its own (WAL lets it
 * read, or checkpoint, beside the app's connections).
 */
export type FileJob = DatabaseFile & ({ op: 'copy'; to: string } | { op: 'checkpoint' });

/** Pages copied a step: on a thread of its own the copy need not stop often. */
const COPY_PAGES = 4_096;

/**
 * A copy of the file as last committed, written to `to` with SQLite's online backup, unless the file is
 * damaged (a bad copy must never replace a good one): the check's answer either way.
 */
async function copyIfSound(job: Extract<FileJob, { op: 'copy' }>): Promise<FileCheck> {
  const check = checkDatabaseFile(job.path, job.nativeBinding);
  if (check.status !== 'ok') return check;
  const db = new Database(job.path, { fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  try {
    await db.backup(job.to, { progress: () => COPY_PAGES });
    return check;
  } finally {
    db.close();
  }
}

export function runFileJob(job: FileJob): Promise<FileCheck> | null {
  if (job.op === 'copy') return copyIfSound(job);
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

/** Copies this connection's file as last committed to `to`, off this thread, unless the check finds it damaged (then nothing is written). */
export const copyFileOffThread = (db: Db, to: string): Promise<FileCheck> => offThread({ op: 'copy', to, ...databaseFileOf(db) }) as Promise<FileCheck>;

/** Folds the write-ahead log into the file as far as readers allow, off this thread. */
export const checkpointOffThread = async (db: Db): Promise<void> => {
  await offThread({ op: 'checkpoint', ...databaseFileOf(db) });
};
