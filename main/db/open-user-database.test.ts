import { closeSync, existsSync, openSync, readdirSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';
import { checkDatabaseFile } from '../jobs/database-file-job';
import { findLastGoodCopy } from './last-good-copy';
import { openDatabase } from './open';
import { openUserDatabase, type DamagedDatabase } from './open-user-database';

const oneService = (name: string) => ({ id: 's1', name, status: 'active', organization: { id: 'o1', name: 'Org' } });

/** Overwrites the middle of the file with garbage, as a failing disk or a bad copy would. */
function corrupt(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(Math.min(8192, size - 4096), 0x5a), 0, undefined, 4096);
  writeSync(fd, Buffer.from('not a database at all'), 0, undefined, 0);
  closeSync(fd);
}

describe('opening the user database', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  /** A database that had the starter directory, then an import (which saves a last good copy first). */
  function databaseWithHistory() {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    installDataset(t.db, flattenHsdsJson(oneService('Imported service')).tables, { datasetId: 'd', version: '2', source: 'test' });
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    t.db.close();
    return t;
  }

  it('keeps a copy of the good database before each import', () => {
    const t = databaseWithHistory();
    const copy = findLastGoodCopy(t.path)!;
    expect(copy).not.toBeNull();
    expect(checkDatabaseFile(copy.path)).toEqual({ status: 'ok' });
  });

  it('opens a healthy database without asking anything', () => {
    const t = databaseWithHistory();
    const db = openUserDatabase(t.path, () => {
      throw new Error('should not ask');
    })!;
    expect(db.prepare("SELECT name FROM service WHERE atlas_source = 'test'").all()).toEqual([{ name: 'Imported service' }]);
    db.close();
  });

  it('detects a corrupted file, and restores the saved copy when the user chooses to', () => {
    const t = databaseWithHistory();
    corrupt(t.path);
    expect(checkDatabaseFile(t.path).status).toBe('corrupt');
    const asked: DamagedDatabase[] = [];
    const db = openUserDatabase(t.path, (p) => (asked.push(p), 'restore'))!;
    expect(asked).toHaveLength(1);
    expect(asked[0]!.lastGoodCopy).not.toBeNull();
    // The copy was taken before the import: the starter directory is back, intact.
    expect((db.prepare('SELECT count(*) AS n FROM service').get() as { n: number }).n).toBe(STARTER_SERVICES);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readdirSync(dirname(t.path)).some((f) => f.startsWith('atlas.sqlite.damaged-'))).toBe(true);
  });

  it('starts fresh with the damaged file kept aside when there is no copy', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    t.db.close();
    corrupt(t.path);
    const db = openUserDatabase(t.path, (p) => (expect(p.lastGoodCopy).toBeNull(), 'start-fresh'))!;
    expect((db.prepare('SELECT count(*) AS n FROM service').get() as { n: number }).n).toBe(0);
    db.close();
    expect(readdirSync(dirname(t.path)).filter((f) => f.startsWith('atlas.sqlite.damaged-'))).toHaveLength(1);
  });

  it('finds a file cut short while closed (a copy or sync tool stopped half way) as an error, before any of it is mapped, and restores the saved copy', () => {
    const t = databaseWithHistory();
    truncateSync(t.path, statSync(t.path).size - 8 * 4096);
    expect(() => openDatabase(t.path)).toThrow(/malformed/);
    const asked: DamagedDatabase[] = [];
    const db = openUserDatabase(t.path, (p) => (asked.push(p), 'restore'))!;
    expect(asked).toHaveLength(1);
    expect((db.prepare('SELECT count(*) AS n FROM service').get() as { n: number }).n).toBe(STARTER_SERVICES);
    expect(db.pragma('mmap_size', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('touches nothing when the user quits', () => {
    const t = databaseWithHistory();
    corrupt(t.path);
    const before = statSync(t.path).mtimeMs;
    expect(openUserDatabase(t.path, () => 'quit')).toBeNull();
    expect(existsSync(t.path)).toBe(true);
    expect(statSync(t.path).mtimeMs).toBe(before);
  });
});
