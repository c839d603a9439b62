import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../shared/domain';
import type { SyncApplyView, SyncCancelView, SyncCheckView, SyncOverview, SyncProgressView } from '../../shared/sync-types';
import type { Handlers } from '../handler-types';
import { createHandlers } from '../handlers';
import { createSyncHandlers } from './handlers';
import { call } from '../test-support/call';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../test-support/coordinator';
import { everythingDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';

/** Large enough that an apply spans many batches, so a cancel lands in the middle of it. */
const SERVICES = 6_000;

// The Sync dialog's Cancel: a check, apply or restore stopped before it commits leaves the desk exactly as it
// was (directory, search index, feed state, history, kept versions), and the next sync works as usual.
describe('cancelling a sync', { timeout: 120_000 }, () => {
  let coord: ReturnType<typeof coordinator>;
  let desk: ReturnType<typeof tempDb>;
  let server: FeedServer;
  let handlers: Handlers;
  let id: number;
  beforeEach(async () => {
    desk = tempDb({ starter: true });
    ({ coord, server } = await servedFeed(withSyntheticService(starterTables(), 'synthetic-1', 'Legal clinic')));
    handlers = createHandlers(desk.db, desk.path);
    ({ id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin }));
  });
  afterEach(async () => {
    await stopFeed({ coord, server });
    desk.cleanup();
  });

  /** What a person could see or search for, and everything stored, to compare before and after. */
  async function snapshot() {
    const feeds = join(dirname(desk.path), 'feeds');
    const search = async (text: string) => (await call<SearchResponse>(handlers, 'search', { text, limit: 500 })).results.map((r) => r.id);
    return {
      stored: everythingDigest(desk.db),
      feeds: await call<SyncOverview>(handlers, 'syncList'),
      searches: [await search(''), await search('legal clinic'), await search('SYNTHETIC Service 17')],
      feedFolders: existsSync(feeds) ? readdirSync(feeds, { recursive: true }).sort() : [],
    };
  }

  /** Waits, a turn of the event loop at a time (the apply runs in this process), until `ready` holds. */
  async function until(ready: () => Promise<boolean> | boolean) {
    while (!(await ready())) await new Promise((resolve) => setImmediate(resolve));
  }

  it('drops a download in flight, leaves everything as it was, and a later check and apply succeed', async () => {
    await call(handlers, 'syncCheck', { id });
    await call(handlers, 'syncApply', { id, version: 1 });
    coord.publish(syntheticDirectory(50));
    const before = await snapshot();

    const seen = server.trickleNext(server.firstFile());
    const checking = call<SyncCheckView>(handlers, 'syncCheck', { id });
    await until(() => seen.started);
    expect(await call<SyncProgressView | null>(handlers, 'syncProgress', { id })).toMatchObject({ step: 'downloading' });
    expect(await call<SyncCancelView>(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'cancelling' });
    expect(await checking).toMatchObject({ status: 'cancelled', message: 'Check cancelled. Nothing was changed.', version: null, diff: null });
    await until(() => seen.dropped);
    expect(await call(handlers, 'syncProgress', { id })).toBeNull();
    expect(await snapshot()).toEqual(before);
    await expect(call(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).rejects.toThrow(/has not been checked yet/);

    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'update', version: 2 });
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).toMatchObject({ status: 'applied', version: 2, added: 50 });
  });

  it('stops checking the downloaded files between batches, keeping the version verified before', async () => {
    coord.publish(syntheticDirectory(SERVICES));
    await call(handlers, 'syncCheck', { id });
    const before = await snapshot();
    expect(before.feeds.subscriptions[0]!.lastCheck).toMatchObject({ status: 'update', version: 2 });

    // Version 3 differs, so its files are downloaded and read again (and version 2 is no longer staged meanwhile).
    coord.publish(syntheticDirectory(SERVICES + 1));
    const checking = call<SyncCheckView>(handlers, 'syncCheck', { id });
    await until(async () => (await call<SyncProgressView | null>(handlers, 'syncProgress', { id }))?.step === 'checking');
    expect(await call<SyncCancelView>(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'cancelling' });
    expect(await checking).toMatchObject({ status: 'cancelled' });
    expect(await snapshot()).toEqual(before);
    // The version checked before the cancelled check can still be applied.
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).toMatchObject({ status: 'applied', version: 2 });
  });

  it('never stages again a version applied while a newer check was running, when that check is cancelled', async () => {
    coord.publish(syntheticDirectory(SERVICES));
    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'update', version: 2 });
    const applying = call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true });
    await until(async () => (await call<SyncProgressView | null>(handlers, 'syncProgress', { id }))?.step === 'applying');

    coord.publish(syntheticDirectory(50));
    const seen = server.trickleNext(server.firstFile());
    const checking = call<SyncCheckView>(handlers, 'syncCheck', { id });
    await until(() => seen.started);
    expect(await applying).toMatchObject({ status: 'applied', version: 2 });
    expect(await call<SyncCancelView>(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'cancelling' });
    expect(await checking).toMatchObject({ status: 'cancelled' });

    // Version 2 is installed, not waiting: applying it again is refused plainly, and version 3 is checked anew.
    await expect(call(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).rejects.toThrow(/has not been checked yet/);
    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'update', version: 3 });
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 3, allowRemovals: true })).toMatchObject({ status: 'applied', version: 3 });
  });

  it.each(['applying', 'indexing'] as const)('rolls back an apply cancelled while %s, then applies it later; a restore cancels the same way', async (step) => {
    await call(handlers, 'syncCheck', { id });
    await call(handlers, 'syncApply', { id, version: 1 });
    coord.publish(syntheticDirectory(SERVICES));
    await call(handlers, 'syncCheck', { id });
    const before = await snapshot();
    expect(before.feeds.subscriptions[0]).toMatchObject({ installedVersion: 1, keptVersions: [2, 1], history: [{ version: 1 }] });

    const applying = call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true });
    await until(async () => {
      const p = await call<SyncProgressView | null>(handlers, 'syncProgress', { id });
      return p?.step === step && p.done > 0;
    });
    expect(await call<SyncCancelView>(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'cancelling' });
    expect(await applying).toEqual({ status: 'cancelled', version: 2, message: 'Applying version 2 was cancelled. Nothing was changed.' });
    expect(await snapshot()).toEqual(before);

    // Still verified and staged: applied without a new check, and another write may start at once.
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).toMatchObject({ status: 'applied', version: 2, added: SERVICES });
    // The feed's source beside the bundled one.
    expect((await call<SearchResponse>(handlers, 'search', { text: '' })).total).toBe(STARTER_SERVICES + SERVICES);

    const applied = await snapshot();
    const restoring = call<SyncApplyView>(handlers, 'syncRollback', { id, version: 1 });
    await until(async () => (await call<SyncProgressView | null>(handlers, 'syncProgress', { id }))?.step === step);
    await call(handlers, 'syncCancel', { id });
    expect(await restoring).toEqual({ status: 'cancelled', version: 1, message: 'Restoring version 1 was cancelled. Nothing was changed.' });
    expect(await snapshot()).toEqual(applied);
  });

  it('answers a cancel with nothing running plainly, and says when an apply had already committed', async () => {
    const before = await snapshot();
    expect(await call(handlers, 'syncCancel', { id })).toEqual({ outcome: 'idle', version: null, message: 'Nothing is running for this feed, so there was nothing to cancel.' });
    expect(await snapshot()).toEqual(before);

    await call(handlers, 'syncCheck', { id });
    await call(handlers, 'syncApply', { id, version: 1 });
    const applied = await snapshot();
    expect(await call(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'too-late', version: 1, message: expect.stringMatching(/^Too late to cancel: version 1 had already been installed/) });
    expect(await snapshot()).toEqual(applied);
    // A cancel with nothing running does not linger to stop the next check.
    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'up-to-date', version: 1 });
    expect(await call(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'idle' });
    await expect(call(handlers, 'syncCancel', { id: 999 })).resolves.toMatchObject({ outcome: 'idle' });
  });

  it('answers too late to a cancel that comes as an apply commits, and the apply answers what it installed', async () => {
    await call(handlers, 'syncCheck', { id });
    await call(handlers, 'syncApply', { id, version: 1 });
    coord.publish(syntheticDirectory(SERVICES));
    await call(handlers, 'syncCheck', { id });
    const services = () => desk.db.prepare('SELECT count(*) FROM service').pluck().get() as number;
    const before = services();

    const applying = call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true });
    // The reading connection sees the new rows once the apply has committed: a cancel then can stop nothing.
    await until(() => services() !== before);
    expect(await call<SyncCancelView>(handlers, 'syncCancel', { id })).toMatchObject({ outcome: 'too-late', version: 2 });
    expect(await applying).toMatchObject({ status: 'applied', version: 2, added: SERVICES });
  });

  it('keeps the periodic check going after a cancel of the check it started, its last result unchanged', async () => {
    const sync = createSyncHandlers(desk.db, desk.path, { periodicIntervalMs: 50 });
    const sub = sync.syncList().subscriptions[0]!;
    const seen = server.trickleNext(server.firstFile());
    sync.syncSetPeriodic({ enabled: true });
    await until(() => seen.started);
    expect(await sync.syncCancel({ id: sub.id })).toMatchObject({ outcome: 'cancelling' });
    await until(() => seen.dropped);
    expect(sync.syncList().subscriptions[0]!.lastCheck).toBeNull();

    // The next round checks again, unhindered by the cancel, and still applies nothing by itself.
    // A check reads the version on a thread it starts: on a loaded machine that takes more than the poll's default second.
    await expect.poll(() => sync.syncList().subscriptions[0]!.lastCheck?.status, { timeout: 10_000 }).toBe('update');
    sync.syncSetPeriodic({ enabled: false });
    expect(sync.syncList().subscriptions[0]!.installedVersion).toBeNull();
  });
});
