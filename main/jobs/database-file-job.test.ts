import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLastGoodCopy, keepLastGoodCopyAsync } from '../db/last-good-copy';
import { openDatabase } from '../db/open';
import { writeStepsAsync } from '../db/write-transaction';
import { startersEachTest } from '../test-support/temp-db';
import { workerScript } from './worker-script';

describe('whole-file work off the main thread', () => {
  const desk = startersEachTest();

  it('has its worker script once built', () => {
    expect(workerScript('database-file-worker.js'), 'run `npm run build` first: the app runs the built out/main/database-file-worker.js').not.toBeNull();
  });

  it("folds a large write's log into the file once it is done, and then puts the connection's own setting back", async () => {
    const t = desk();
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    t.db.exec('CREATE TABLE bulk (x TEXT)');
    const before = statSync(t.path).size;
    const autoCheckpoint = t.db.pragma('wal_autocheckpoint', { simple: true });
    const insert = t.db.prepare('INSERT INTO bulk (x) VALUES (?)');
    await writeStepsAsync(t.db, (function* () {
      for (let batch = 0; batch < 20; batch++) {
        for (let i = 0; i < 1_000; i++) insert.run('x'.repeat(1_000));
        yield { step: 'applying' as const, done: batch, total: 20 };
      }
    })());
    // 20 MB written: in the database file itself soon after, not only in its log.
    await expect.poll(() => statSync(t.path).size - before, { timeout: 20_000 }).toBeGreaterThan(19_000_000);
    await expect.poll(() => t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(autoCheckpoint);
  });

  it('keeps a recovery copy holding the directory as last committed, rows still in the log included', async () => {
    const t = desk();
    t.db.exec('CREATE TABLE note_kept (x TEXT)');
    t.db.prepare('INSERT INTO note_kept (x) VALUES (?)').run('written just before the copy');
    const copyPath = await keepLastGoodCopyAsync(t.db);
    t.db.prepare('INSERT INTO note_kept (x) VALUES (?)').run('written after it');
    const copy = openDatabase(copyPath!);
    try {
      expect(copy.prepare('SELECT x FROM note_kept').pluck().all()).toEqual(['written just before the copy']);
      expect(copy.prepare('SELECT count(*) FROM service').pluck().get()).toBe(t.db.prepare('SELECT count(*) FROM service').pluck().get());
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it('finds a damaged file damaged, and then keeps the last good copy rather than replacing it', async () => {
    const t = desk();
    expect(await keepLastGoodCopyAsync(t.db)).not.toBeNull();
    const copy = findLastGoodCopy(t.path)!;
    const saved = readFileSync(copy.path);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    // The pages after the first overwritten, as a failing disk would; the header stays readable.
    const fd = openSync(t.path, 'r+');
    writeSync(fd, Buffer.alloc(Math.min(16_384, statSync(t.path).size - 4_096), 0x5a), 0, undefined, 4_096);
    closeSync(fd);
    expect(await keepLastGoodCopyAsync(t.db)).toBeNull();
    expect(readFileSync(copy.path).equals(saved)).toBe(true);
  });
});
