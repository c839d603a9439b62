import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIFF_SHOWN } from '../../shared/import-types';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../test-support/coordinator';
import { dbDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';
import { createSyncHandlers } from './handlers';
import { fingerprint } from './keys';

describe('Sync screen services', () => {
  let coord: ReturnType<typeof coordinator>;
  let desk: ReturnType<typeof tempDb>;
  let server: FeedServer;
  beforeEach(async () => {
    desk = tempDb({ starter: true });
    ({ coord, server } = await servedFeed(withSyntheticService(starterTables(), 'synthetic-1', 'Legal clinic')));
  });
  afterEach(async () => {
    await stopFeed({ coord, server });
    desk.cleanup();
  });

  it('subscribes with the fingerprint shown, checks without applying, then applies and restores from history', async () => {
    const sync = createSyncHandlers(desk.db, desk.path);
    const sub = await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
    expect(sub.fingerprint).toBe(fingerprint(coord.pin));
    await expect(sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin })).rejects.toThrow(/already subscribed/);

    const before = dbDigest(desk.db);
    const check = await sync.syncCheck({ id: sub.id });
    // A source of its own: everything it carries is added beside the bundled directory. The screen is sent
    // the first DIFF_SHOWN services of each list, in the feed's order, and how many in all.
    expect(check).toMatchObject({ status: 'update', version: 1, diff: { removed: [] }, counts: { added: STARTER_SERVICES + 1, changed: 0, removed: 0 } });
    expect(check.diff?.added.map((s) => s.name)).toEqual(starterTables().service.slice(0, DIFF_SHOWN).map((s) => s.name));
    expect(dbDigest(desk.db)).toBe(before);

    expect(await sync.syncApply({ id: sub.id, version: 1 })).toEqual({ status: 'applied', version: 1, added: STARTER_SERVICES + 1, changed: 0, removed: 0 });
    expect((await sync.syncCheck({ id: sub.id })).status).toBe('up-to-date');

    coord.publish(starterTables());
    await sync.syncCheck({ id: sub.id });
    await sync.syncApply({ id: sub.id, version: 2 });
    expect(await sync.syncRollback({ id: sub.id, version: 1 })).toMatchObject({ version: 1, added: 1 });
    const [view] = sync.syncList().subscriptions;
    expect(view).toMatchObject({ installedVersion: 1, highestVersion: 2, keptVersions: [2, 1] });
    expect(view!.history.map((h) => `${h.kind} ${h.version}`)).toEqual(['rollback 1', 'update 2', 'update 1']);
  });

  it('refuses to apply a version that was not checked, and reports a failed check without changing anything', async () => {
    const sync = createSyncHandlers(desk.db, desk.path, { timeoutMs: 2_000 });
    const sub = await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
    await expect(sync.syncApply({ id: sub.id, version: 1 })).rejects.toThrow(/has not been checked yet/);
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(500).end());
    const before = dbDigest(desk.db);
    expect(await sync.syncCheck({ id: sub.id })).toMatchObject({ status: 'refused', message: expect.stringMatching(/internal error \(500\).*Nothing was changed/) });
    expect(dbDigest(desk.db)).toBe(before);
    expect(sync.syncList().subscriptions[0]!.lastCheck?.status).toBe('refused');
  });

  it('rejects a feed address that is not http(s) and a key that is not a publisher key', async () => {
    const sync = createSyncHandlers(desk.db, desk.path);
    await expect(sync.syncSubscribe({ url: 'file:///etc/passwd', pin: coord.pin })).rejects.toThrow(/not an http or https address/);
    await expect(sync.syncSubscribe({ url: server.manifestUrl, pin: 'hello' })).rejects.toThrow(/not in the form ed25519/);
    expect(sync.syncList().subscriptions).toEqual([]);
  });

  it('leaves the periodic check off by default; turned on, it checks on its own but never applies', async () => {
    const sync = createSyncHandlers(desk.db, desk.path, { periodicIntervalMs: 50 });
    expect(sync.syncList().periodicCheck).toBe(false);
    await sync.syncSubscribe({ url: server.manifestUrl, pin: coord.pin });
    await new Promise((r) => setTimeout(r, 200));
    expect(server.requests).toEqual([]);
    await sync.syncSetPeriodic({ enabled: true });
    // A check reads the version on a thread it starts: on a loaded machine that takes more than the poll's default second.
    await expect.poll(() => sync.syncList().subscriptions[0]!.lastCheck?.status, { timeout: 10_000 }).toBe('update');
    await sync.syncSetPeriodic({ enabled: false });
    expect(sync.syncList().periodicCheck).toBe(false);
    expect(sync.syncList().subscriptions[0]!.installedVersion).toBeNull();
  });
});
