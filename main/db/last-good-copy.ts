import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './open';

/** Where the copy of the last good database lives, beside the database itself. */
export const lastGoodCopyPath = (databasePath: string): string => join(dirname(databasePath), 'backups', 'last-good.sqlite');

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

/** Where to write a copy of this database, or null when none should be made (in memory, mid-transaction, damaged). */
function copyTarget(db: Db): { target: string; temp: string } | null {
  if (db.memory || db.inTransaction) return null;
  const problems = (db.pragma('quick_check') as { quick_check: string }[]).filter((r) => r.quick_check !== 'ok');
  if (problems.length > 0) return null;
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
  const to = copyTarget(db);
  if (!to) return null;
  db.prepare('VACUUM INTO ?').run(to.temp);
  renameSync(to.temp, to.target);
  return to.target;
}

/**
 * The same copy for the app, made by SQLite's online backup: a hundred pages at a time with the event
 * loop free between them, where VACUUM INTO holds the thread for seconds on a statewide directory.
 * (The damage check before it is still one step.)
 */
export async function keepLastGoodCopyAsync(db: Db): Promise<string | null> {
  const to = copyTarget(db);
  if (!to) return null;
  await db.backup(to.temp);
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
