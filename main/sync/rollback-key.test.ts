import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { coordinator, starterTables, withSyntheticService } from '../test-support/coordinator';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import { startFeedServer, type FeedServer } from '../test-support/feed-server';
import { createSyncHandlers } from './handlers';
import { runCli } from '../test-support/cli-import';

// "Never go backwards" belongs to the publisher's dataset, not to one address: the same feed reached
// another way (localhost for 127.0.0.1, a query string, a mirror) must not bring back an older version.
// A real HTTP server on 127.0.0.1 and the built CLI in real processes, or the Sync screen's handlers.
const cli = (...args: string[]) => runCli(args);

const OLDER = /offers version 1 of "referral-atlas-starter-california", older than version 2 already applied from this publisher \(through this address or another\)/;

describe('the rollback mark is kept per publisher key and dataset id', { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'atlas-rollback-key-'));
  /** What the server offers now: feed/ and mirror/, each a copy of one published version. */
  const site = (name: string) => join(home, name);
  const coord = coordinator();
  const v1 = withSyntheticService(starterTables(), 'synthetic-v1', 'Legal clinic');
  const v2 = withSyntheticService(v1, 'synthetic-v2', 'Night shelter intake');
  let server: FeedServer;
  let port: string;
  const desk = join(home, 'desk', 'atlas.sqlite');
  const digest = () => {
    const db = openDatabase(desk);
    try {
      return dbDigest(db);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    coord.publish(v1);
    cpSync(coord.feedDir, join(site('old'), 'feed'), { recursive: true });
    cpSync(coord.feedDir, join(site('old'), 'mirror'), { recursive: true });
    coord.publish(v2);
    cpSync(coord.feedDir, join(site('new'), 'feed'), { recursive: true });
    server = await startFeedServer(site('new'));
    port = new URL(server.base).port;
    const first = await cli('sync', `http://127.0.0.1:${port}/feed/manifest.json`, '--pin', coord.pin, '--json', '--db', desk);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, to_version: 2 });
    server.serveFrom(site('old'));
  }, 60_000);
  afterAll(async () => {
    await server.close();
    coord.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  it.each([
    ['the address it was applied from', (p: string) => `http://127.0.0.1:${p}/feed/manifest.json`],
    ['localhost instead of 127.0.0.1', (p: string) => `http://localhost:${p}/feed/manifest.json`],
    ['a query string', (p: string) => `http://127.0.0.1:${p}/feed/manifest.json?fresh=1`],
    ['a mirror at another path', (p: string) => `http://127.0.0.1:${p}/mirror/manifest.json`],
  ])('sync refuses the older version through %s and changes nothing', async (_how, url) => {
    const before = digest();
    const r = await cli('sync', url(port), '--pin', coord.pin, '--json', '--db', desk);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, to_version: null, error: expect.stringMatching(OLDER) });
    expect(digest()).toBe(before);
  });

  it('the Sync screen refuses it from a mirror subscribed on its own, and after the feed is removed and added again', async () => {
    const db = openDatabase(desk);
    try {
      const sync = createSyncHandlers(db, desk);
      const [original] = sync.syncList().subscriptions;
      expect(original).toMatchObject({ highestVersion: 2, installedVersion: 2 });
      await sync.syncUnsubscribe({ id: original!.id });
      const before = directoryDigest(db);
      for (const path of ['feed', 'mirror']) {
        const sub = await sync.syncSubscribe({ url: `http://localhost:${port}/${path}/manifest.json`, pin: coord.pin });
        expect(await sync.syncCheck({ id: sub.id })).toMatchObject({ status: 'refused', message: expect.stringMatching(OLDER) });
      }
      expect(directoryDigest(db)).toBe(before);
    } finally {
      db.close();
    }
  });
});

describe('two addresses of one feed checked before either applies', { timeout: 120_000 }, () => {
  it('applying the older staged version after the newer one committed is refused, changing nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'atlas-rollback-race-'));
    const coord = coordinator();
    const v1 = withSyntheticService(starterTables(), 'synthetic-v1', 'Legal clinic');
    coord.publish(v1);
    cpSync(coord.feedDir, join(home, 'site', 'slow'), { recursive: true });
    coord.publish(withSyntheticService(v1, 'synthetic-v2', 'Night shelter intake'));
    cpSync(coord.feedDir, join(home, 'site', 'fresh'), { recursive: true });
    const server = await startFeedServer(join(home, 'site'));
    const desk = openDatabase(join(home, 'desk', 'atlas.sqlite'));
    try {
      const sync = createSyncHandlers(desk, desk.name);
      const slow = await sync.syncSubscribe({ url: `${server.base}slow/manifest.json`, pin: coord.pin });
      const fresh = await sync.syncSubscribe({ url: `${server.base}fresh/manifest.json`, pin: coord.pin });
      expect(await sync.syncCheck({ id: slow.id })).toMatchObject({ status: 'update', version: 1 });
      expect(await sync.syncCheck({ id: fresh.id })).toMatchObject({ status: 'update', version: 2 });
      expect(await sync.syncApply({ id: fresh.id, version: 2 })).toMatchObject({ status: 'applied', version: 2 });
      const before = dbDigest(desk);
      await expect(sync.syncApply({ id: slow.id, version: 1 })).rejects.toThrow(OLDER);
      expect(dbDigest(desk)).toBe(before);
    } finally {
      desk.close();
      await server.close();
      coord.cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
