import { afterEach, describe, expect, it } from 'vitest';
import { lastGoodCopyPath } from '../../db/last-good-copy';
import { openDatabase } from '../../db/open';
import { dbDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { STARTER_SERVICES, startersEachTest } from '../../test-support/temp-db';
import { installDataset } from './install-dataset';
import { removeSourceAsync } from './remove-source';

const EXTRA = 300;

// Removing a source beside the bundled directory, as Settings → Directory sources does, on the built app's
// worker thread: its commit, like a rollback's, re-reads the log it wrote (write-on-worker.ts).
describe('removing a source on a thread of its own', { timeout: 120_000 }, () => {
  const starter = startersEachTest();
  // Registered after the desks' clean-up, so run before it: the writer is closed before its file goes.
  const writers: ReturnType<typeof openDatabase>[] = [];
  afterEach(() => writers.splice(0).forEach((w) => w.close()));

  const desk = () => {
    const t = starter();
    installDataset(t.db, syntheticDirectory(EXTRA), { datasetId: 'synthetic', version: '1', source: 'extra.zip', sourceName: 'extra' });
    const writer = openDatabase(t.path);
    writers.push(writer);
    return { ...t, writer };
  };
  const services = (db: ReturnType<typeof desk>['db']) => db.prepare('SELECT count(*) FROM service').pluck().get() as number;

  it('removes its services and keeps the rest, the connection handed in never holding the write', async () => {
    const { db, writer } = desk();
    expect(services(db)).toBe(STARTER_SERVICES + EXTRA);
    const held: boolean[] = [];
    const removed = await removeSourceAsync(writer, 'extra', { onProgress: () => void held.push(writer.inTransaction || db.inTransaction) });
    expect(removed).toEqual({ source: 'extra', removed: EXTRA, services: STARTER_SERVICES });
    expect(held.length).toBeGreaterThan(3);
    expect(held.every((h) => !h)).toBe(true);
    expect(services(db)).toBe(STARTER_SERVICES);
    expect(db.prepare('SELECT name FROM source ORDER BY name').pluck().all()).toEqual(['bundled']);
  });

  it('keeps a copy of the file as it was before, for recovery from damage, made while the rows went', async () => {
    const { db, path, writer } = desk();
    const before = dbDigest(db);
    await removeSourceAsync(writer, 'extra');
    const copy = openDatabase(lastGoodCopyPath(path));
    try {
      expect(dbDigest(copy)).toBe(before);
      expect(services(copy)).toBe(STARTER_SERVICES + EXTRA);
    } finally {
      copy.close();
    }
  });

  it('refuses a name no source has with the reason, changing nothing', async () => {
    const { db, writer } = desk();
    const before = dbDigest(db);
    await expect(removeSourceAsync(writer, 'no-such-source')).rejects.toThrow('There is no source named "no-such-source"');
    expect(dbDigest(db)).toBe(before);
  });
});
