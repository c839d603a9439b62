import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DIFF_SHOWN } from '../../shared/import-types';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { workerScript } from '../jobs/worker-script';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../test-support/coordinator';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { tempDb, tempDbsEachTest } from '../test-support/temp-db';
import type { FeedVersion } from './feed-install';
import { openFeedSession } from './feed-on-worker';
import { localFeedSession } from './feed-session';
import { createSyncHandlers } from './handlers';
import { sha256, type Manifest } from './manifest';
import { createSubscriptionStore, type Subscription } from './subscriptions';
import { SyncError } from './sync-error';

/** Worker threads this process has running, idle ones included. */
const liveWorkers = () => (process.report.getReport() as { workers: unknown[] }).workers.length;

// The app checks and applies a feed's version in a session on a worker thread (feed-on-worker.ts): it must
// report and install exactly what the same session on this thread does, refuse in the same words, and
// its thread must be let go once the version is applied, replaced by a newer check, or unsubscribed.
describe('a feed version on a worker thread', { timeout: 120_000 }, () => {
  const desk = tempDbsEachTest({ starter: true });
  let coord: ReturnType<typeof coordinator>;
  let server: FeedServer;
  let feedsDir: string;
  beforeEach(async () => {
    ({ coord, server } = await servedFeed(syntheticDirectory(300)));
    feedsDir = mkdtempSync(join(tmpdir(), 'atlas-feeds-'));
  });
  afterEach(async () => {
    await stopFeed({ coord, server });
    rmSync(feedsDir, { recursive: true, force: true });
  });

  /** The version the coordinator published last, read where it published it, as a check reads a download. */
  const published = (): { version: FeedVersion; manifestSha256: string } => {
    const bytes = readFileSync(join(coord.feedDir, 'manifest.json'));
    return { version: { dir: coord.feedDir, manifest: JSON.parse(bytes.toString('utf8')) as Manifest, url: server.manifestUrl }, manifestSha256: sha256(bytes) };
  };
  const newSubscription = (): Subscription => ({ id: null, url: server.manifestUrl, pin: coord.pin, datasetId: null, version: null, manifestSha256: null, etag: null, lastModified: null });

  it('has its worker script once built', () => {
    expect(workerScript('feed-session-worker.js'), 'run `npm run build` first: the app runs the built out/main/feed-session-worker.js').not.toBeNull();
  });

  it('reports and installs what the same session on this thread does, then lets its thread go', async () => {
    const [here, there] = [desk(), desk()];
    const { version, manifestSha256 } = published();
    const before = liveWorkers();
    const onWorker = openFeedSession(there.db, () => openDatabase(there.path));
    const local = localFeedSession(here.db, () => openDatabase(here.path));
    try {
      const steps: string[] = [];
      const checked = await onWorker.check(version, { onProgress: (p) => steps.push(p.step) });
      expect(liveWorkers()).toBe(before + 1);
      expect(checked).toEqual(await local.check(version, {}));
      // The Sync screen is sent the first hundred services of each list, and how many in all.
      expect(checked.diff.added).toHaveLength(DIFF_SHOWN);
      expect(checked.counts).toEqual({ added: 300, changed: 0, removed: 0 });
      expect(steps.filter((s, i, all) => s !== all[i - 1])).toEqual(['reading', 'checking', 'comparing']);
      expect(await onWorker.removals()).toEqual(await local.removals());

      let committed = false;
      const update = { sub: newSubscription(), manifestSha256, etag: null, lastModified: null, feedsDir };
      const id = await onWorker.apply(update, { onCommitted: () => (committed = true) });
      expect(await local.apply(update, {})).toBe(id);
      expect(committed).toBe(true);
      expect(there.db.prepare('SELECT count(*) FROM service').pluck().get()).toBe(here.db.prepare('SELECT count(*) FROM service').pluck().get());
      expect(directoryDigest(there.db)).toBe(directoryDigest(here.db));
      expect(createSubscriptionStore(there.db).list()).toEqual(createSubscriptionStore(here.db).list());
      const history = (db: typeof here.db) => createSubscriptionStore(db).history(id).map(({ appliedAt: _, ...entry }) => entry);
      expect(history(there.db)).toEqual(history(here.db));
    } finally {
      onWorker.close();
      local.close();
    }
    await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before);
    await expect(onWorker.removals()).rejects.toThrow('This work was closed.');
  });

  it('runs on this thread for a database in memory, which no other thread could open', async () => {
    const db = openDatabase(':memory:');
    try {
      const { version, manifestSha256 } = published();
      const before = liveWorkers();
      const session = openFeedSession(db, () => db);
      expect((await session.check(version, {})).counts.added).toBe(300);
      expect(liveWorkers()).toBe(before);
      expect(await session.removals()).toEqual({ removed: 0, installed: 0 });
      await session.apply({ sub: newSubscription(), manifestSha256, etag: null, lastModified: null, feedsDir }, {});
      expect(db.prepare('SELECT count(*) FROM service').pluck().get()).toBe(300);
      session.close();
    } finally {
      db.close();
    }
  });

  it('refuses at the commit a version older than one applied meanwhile, in the same words as this thread, changing nothing', async () => {
    const t = desk();
    const { version, manifestSha256 } = published();
    const session = openFeedSession(t.db, () => openDatabase(t.path));
    try {
      await session.check(version, {});
      // Another address of the same feed applied version 2 while this one waited to be applied.
      createSubscriptionStore(t.db).raiseHighest(coord.pin, version.manifest.dataset_id, { version: 2, manifestSha256: 'another' });
      const before = dbDigest(t.db);
      const refusal = session.apply({ sub: newSubscription(), manifestSha256, etag: null, lastModified: null, feedsDir }, {});
      await expect(refusal).rejects.toBeInstanceOf(SyncError);
      await expect(refusal).rejects.toThrow(/^The feed offers version 1 of ".+", older than version 2 already applied from this publisher .*Nothing was changed\.$/);
      expect(dbDigest(t.db)).toBe(before);
    } finally {
      session.close();
    }
  });

  it('lets go of a staged version when a newer check replaces it, when it is applied, and when the feed is unsubscribed; a cancelled check keeps it', async () => {
    const t = tempDb({ starter: true });
    try {
      const sync = createSyncHandlers(t.db, t.path);
      const before = liveWorkers();
      const { id } = await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
      expect(await sync.syncCheck({ id })).toMatchObject({ status: 'update', version: 1 });
      expect(liveWorkers()).toBe(before + 1);

      // A check cancelled while its session reads lets that session go and keeps the version staged before.
      coord.publish(syntheticDirectory(6_000));
      const cancelled = sync.syncCheck({ id });
      while (sync.syncProgress({ id })?.step !== 'checking') await new Promise((resolve) => setImmediate(resolve));
      expect(await sync.syncCancel({ id })).toMatchObject({ outcome: 'cancelling' });
      expect(await cancelled).toMatchObject({ status: 'cancelled' });
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before + 1);

      coord.publish(syntheticDirectory(301));
      expect(await sync.syncCheck({ id })).toMatchObject({ status: 'update', version: 3 });
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before + 1);
      expect(await sync.syncApply({ id, version: 3, allowRemovals: true })).toMatchObject({ status: 'applied', version: 3, added: 301 });
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before);

      coord.publish(syntheticDirectory(302));
      expect(await sync.syncCheck({ id })).toMatchObject({ status: 'update', version: 4 });
      expect(liveWorkers()).toBe(before + 1);
      await sync.syncUnsubscribe({ id });
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before);
      expect(sync.syncList().subscriptions).toEqual([]);

      // Unsubscribed while a check reads: the version it verifies is not kept for a feed that is gone.
      coord.publish(syntheticDirectory(6_000));
      const again = await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
      const checking = sync.syncCheck({ id: again.id });
      const read = ['reading', 'checking', 'comparing'];
      while (!read.includes(sync.syncProgress({ id: again.id })?.step ?? '')) await new Promise((resolve) => setImmediate(resolve));
      await sync.syncUnsubscribe({ id: again.id });
      expect(await checking).toMatchObject({ status: 'refused', message: 'That subscription no longer exists.' });
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a signed version whose directory has errors in the words written for the desk, letting go of the version staged before as a refused check does', async () => {
    const t = tempDb({ starter: true });
    try {
      const sync = createSyncHandlers(t.db, t.path);
      const { id } = await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
      await sync.syncCheck({ id });
      const before = liveWorkers();

      coord.publish(withSyntheticService(starterTables(), 'synthetic-1', 'Legal clinic'));
      const file = join(coord.feedDir, 'v2', 'phones.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace('1-888-373-7888', ''));
      coord.resign();
      const digest = dbDigest(t.db);
      expect(await sync.syncCheck({ id })).toMatchObject({
        status: 'refused',
        message: expect.stringMatching(/^Version 2 is signed by the coordinator but its directory has 1 error\(s\), so it was not applied\. First: phones.csv row \d+ number/),
      });
      expect(dbDigest(t.db)).toBe(digest);
      await expect.poll(liveWorkers, { timeout: 10_000 }).toBe(before - 1);
      await expect(sync.syncApply({ id, version: 1, allowRemovals: true })).rejects.toThrow(/has not been checked yet/);
    } finally {
      t.cleanup();
    }
  });
});
