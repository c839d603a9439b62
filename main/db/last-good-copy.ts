import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyFileOffThread } from '../jobs/database-file-job';
import type { Db } from './open';

/** Where the copy of the last good database lives, beside the database itself. */
export const lastGoodCopyPath = (databasePath: string): string => join(dirname(databasePath), 'backups', 'last-good.sqlite');

/** Whether a copy of this database may be made now: not in memory, not mid-transaction. */
const copyable = (db: Db) => !db.memory && !db.inTransaction;

const isSound = (db: Db) => (db.pragma('quick_check') as { quick_check: string }[]).every((r) => r.quick_check === 'ok');

/** Where to write a copy of this database, its previous partial copy cleared. */
function copyTarget(db: Db): { target: string; temp: string } {
  const target = lastGoodCopyPath(db.name);
  const temp = `${target}.partial`;
  mkdirSync(dirname(target), { recursive: true });
  rmSync(temp, { force: true });
  return { target, temp };
}

/**
 * Saves a consistent copy of the database before an import or sync changes it, unless the database is
 * itself damaged (a bad copy must never replace the last good one). Written to a temporary name and
 * renamed, so a crash mid-copy leaves the previous copy intact.
 */
export function keepLastGoodCopy(db: Db): string | null {
  if (!copyable(db) || !isSound(db)) return null;
  const to = copyTarget(db);
  db.prepare('VACUUM INTO ?').run(to.temp);
  renameSync(to.temp, to.target);
  return to.target;
}

/**
 * The same copy for the app, with the thread free: the damage check and the copy (SQLite's online backup,
 * where VACUUM INTO holds the thread for seconds on a statewide directory) run on a worker thread. Even a
 * backup a hundred pages a step held this one for half a second at 100,000 services, in its last step,
 * which syncs the new file.
 */
export async function keepLastGoodCopyAsync(db: Db): Promise<string | null> {
  if (!copyable(db)) return null;
  const to = copyTarget(db);
  if ((await copyFileOffThread(db, to.temp)).status !== 'ok') return null;
  renameSync(to.temp, to.target);
  return to.target;
}

export interface LastGoodCopy {
  path: string;
  savedAt: Date;
}

export function findLastGoodCopy(databasePath: string): LastGoodCopy | null {
  const path = lastGoodCopyPath(databasePath);
  return existsSync(path) ? { path, savedAt: statSync(path).mtime } : null;
}

/** Moves a damaged database (and its WAL) aside, keeping it for inspection rather than deleting it. */
export function setAsideDamaged(databasePath: string, now = new Date()): string {
  const aside = `${databasePath}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(databasePath, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, aside + suffix);
  }
  return aside;
}

/** Puts the last good copy in place of a damaged database. */
export function restoreLastGoodCopy(databasePath: string): string {
  const copy = findLastGoodCopy(databasePath);
  if (!copy) throw new Error('There is no saved copy of the directory to restore.');
  const aside = existsSync(databasePath) ? setAsideDamaged(databasePath) : null;
  copyFileSync(copy.path, databasePath);
  return aside ?? databasePath;
}
