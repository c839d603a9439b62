import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLastGoodCopy } from '../db/last-good-copy';
import { coordinator, servedFeed, starterTables, stopFeed, withoutService, withSyntheticService } from '../test-support/coordinator';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';
import { createSubscriptionStore } from './subscriptions';
import { rollbackTo } from './feed';
import { generateKeyFiles } from './keys';
import { syncOnce } from './sync-once';

// Every case runs against a real HTTP server on 127.0.0.1 and a real desk database file.
describe('sync a signed feed', () => {
  let coord: ReturnType<typeof coordinator>;
  let desk: ReturnType<typeof tempDb>;
  let server: FeedServer;
  const v2 = () => {
    const t = withSyntheticService(starterTables(), 'synthetic-added', 'Night shelter intake');
    const edited = withoutService(t, t.service[1]!.id as string);
    edited.service[0] = { ...edited.service[0]!, description: 'Changed in version 2' };
    return edited;
  };
  const sync = (pin = coord.pin, timeoutMs = 5_000) => syncOnce(desk.db, server.manifestUrl, pin, { feedsDir: join(desk.dir, 'feeds'), timeoutMs });

  beforeEach(async () => {
    // The feed is the desk's only source, so its directory can be compared with the coordinator's.
    desk = tempDb();
    ({ coord, server } = await servedFeed(starterTables()));
  });
  afterEach(async () => {
    await stopFeed({ coord, server });
    desk.cleanup();
  });

  /** Runs a sync expected to fail and checks that the desk database did not change at all. */
  async function refused(run: () => ReturnType<typeof sync>) {
    const before = dbDigest(desk.db);
    const r = await run();
    expect(r.ok).toBe(false);
    expect(dbDigest(desk.db)).toBe(before);
    return r.error!;
  }

  it('applies a new version with its diff, records it, and answers the next check from a 304', async () => {
    expect(findLastGoodCopy(desk.path)).toBeNull();
    expect(await sync()).toMatchObject({ ok: true, from_version: null, to_version: 1, added: STARTER_SERVICES, changed: 0, removed: 0, error: null });
    coord.publish(v2());
    const r = await sync();
    expect(r).toEqual({ ok: true, from_version: 1, to_version: 2, added: 1, changed: 1, removed: 1, error: null });
    expect(directoryDigest(desk.db)).toBe(directoryDigest(coord.db));
    expect(findLastGoodCopy(desk.path)).not.toBeNull();
    expect(desk.db.prepare("SELECT count(*) AS n FROM service WHERE name LIKE 'Night shelter intake%'").get()).toEqual({ n: 1 });

    const before = dbDigest(desk.db);
    expect(await sync()).toMatchObject({ ok: true, from_version: 2, to_version: 2, added: 0 });
    expect(server.requests.at(-1)).toMatchObject({ path: 'manifest.json', ifNoneMatch: expect.stringMatching(/^"/) });
    expect(dbDigest(desk.db)).toBe(before);
    const sub = createSubscriptionStore(desk.db).byUrl(server.manifestUrl)!;
    expect(createSubscriptionStore(desk.db).history(sub.id!).map((h) => h.version)).toEqual([2, 1]);

    // Without its kept copy the desk cannot trust a bare 304, and asks for the manifest again.
    rmSync(join(desk.dir, 'feeds'), { recursive: true });
    expect(await sync()).toMatchObject({ ok: true, to_version: 2 });
    expect(server.requests.slice(-2).map((r) => `${r.path} ${r.ifNoneMatch ? 'conditional' : 'plain'}`)).toEqual(['manifest.json plain', 'manifest.sig plain']);
  });

  it('rolls back to a kept version and still refuses the feed replaying that older version', async () => {
    await sync();
    const v1Digest = directoryDigest(desk.db);
    const oldFeed = join(coord.feedDir, '..', 'feed-v1');
    cpSync(coord.feedDir, oldFeed, { recursive: true });
    coord.publish(v2());
    await sync();
    const sub = createSubscriptionStore(desk.db).byUrl(server.manifestUrl)!;
    expect(await rollbackTo(desk.db, { ...sub, id: sub.id! }, 1, join(desk.dir, 'feeds'))).toMatchObject({ removed: 1 });
    expect(directoryDigest(desk.db)).toBe(v1Digest);
    expect(createSubscriptionStore(desk.db).history(sub.id!).map((h) => `${h.kind} ${h.version}`)).toEqual(['rollback 1', 'update 2', 'update 1']);

    server.serveFrom(oldFeed);
    expect(await refused(sync)).toMatch(/offers version 1 of "referral-atlas-starter-california", older than version 2 already applied from this publisher/);
  });

  it('refuses a tampered data file', async () => {
    const file = join(coord.feedDir, 'v1', 'phones.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('1-888-373-7888', '1-888-373-7999'));
    expect(await refused(sync)).toMatch(/file v1\/phones.csv is not the one the coordinator signed/);
  });

  it('refuses a correctly signed feed whose directory fails the import checks, naming file, row and field', async () => {
    const file = join(coord.feedDir, 'v1', 'phones.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('1-888-373-7888', ''));
    coord.resign();
    expect(await refused(sync)).toMatch(/signed by the coordinator but its directory has 1 error\(s\).*First: phones.csv row \d+ number/);
  });

  it('refuses a tampered manifest', async () => {
    const file = join(coord.feedDir, 'manifest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"expires": "\d{4}/, '"expires": "2999'));
    expect(await refused(sync)).toMatch(/not signed by the publisher key you pinned/);
  });

  it('refuses a feed signed by a different key than the one pinned', async () => {
    const other = generateKeyFiles(join(desk.dir, 'other.key')).pin;
    expect(await refused(() => sync(other))).toMatch(/not signed by the publisher key you pinned/);
  });

  it('refuses an older version than the one applied', async () => {
    const oldFeed = join(coord.feedDir, '..', 'feed-v1');
    cpSync(coord.feedDir, oldFeed, { recursive: true });
    coord.publish(v2());
    await sync();
    server.serveFrom(oldFeed);
    expect(await refused(sync)).toMatch(/older than version 2/);
  });

  it('refuses the same version number with different content', async () => {
    await sync();
    coord.publish(v2(), { outDir: join(coord.feedDir, '..', 'other') });
    server.serveFrom(join(coord.feedDir, '..', 'other'));
    expect(await refused(sync)).toMatch(/version 1 of "referral-atlas-starter-california" again but with different content/);
  });

  it('warns on an expired manifest and keeps the current directory', async () => {
    coord.publish(v2(), { now: new Date(Date.now() - 100 * 86_400_000), expiresDays: 90 });
    expect(await refused(sync)).toMatch(/expired on \d{4}-\d\d-\d\d .*Your current directory is kept/);
  });

  it('refuses a response larger than its signed length', async () => {
    const body = readFileSync(join(coord.feedDir, 'v1', 'services.csv'));
    server.overrides.set('v1/services.csv', (_req, res) => res.writeHead(200).end(Buffer.concat([body, Buffer.alloc(5000, 32)])));
    expect(await refused(sync)).toMatch(/larger than the [\d,]+ bytes allowed for it/);
  });

  it('refuses an oversized manifest without reading it all', async () => {
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(200).end(Buffer.alloc(3_000_000, 32)));
    expect(await refused(sync)).toMatch(/manifest.json is larger than the 1,000,000 bytes allowed/);
  });

  it('reports a server that keeps closing the connection mid-download', async () => {
    const body = readFileSync(join(coord.feedDir, 'v1', 'services.csv'));
    server.overrides.set('v1/services.csv', (_req, res) => {
      res.writeHead(200, { 'Content-Length': body.length });
      res.write(body.subarray(0, 100), () => res.socket?.destroy());
    });
    expect(await refused(sync)).toMatch(/closed the connection before the download finished/);
    expect(server.requests.filter((r) => r.path === 'v1/services.csv')).toHaveLength(2);
  });

  it('tries a dropped connection once more, so one reset does not fail the sync', async () => {
    let drops = 1;
    server.overrides.set('manifest.json', (_req, res) => {
      if (drops-- > 0) return res.socket?.destroy();
      server.overrides.delete('manifest.json');
      res.writeHead(200).end(readFileSync(join(coord.feedDir, 'manifest.json')));
    });
    expect(await sync()).toMatchObject({ ok: true, to_version: 1, error: null });
  });

  it('reports 404 and 500 in plain words', async () => {
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(404).end());
    expect(await refused(sync)).toMatch(/no file at .*manifest.json \(404 not found\)/);
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(500).end());
    expect(await refused(sync)).toMatch(/internal error \(500\)/);
  });

  it('gives up on a server that never answers', async () => {
    server.overrides.set('manifest.sig', () => undefined);
    expect(await refused(() => sync(coord.pin, 300))).toMatch(/stopped answering for 0.3 seconds/);
  });

  it('drops a download that stalls halfway, but lets a slow one that keeps sending finish', async () => {
    const body = readFileSync(join(coord.feedDir, 'v1', 'services.csv'));
    server.overrides.set('v1/services.csv', (_req, res) => {
      res.writeHead(200, { 'Content-Length': body.length });
      res.write(body.subarray(0, 100));
    });
    expect(await refused(() => sync(coord.pin, 300))).toMatch(/stopped answering for 0.3 seconds/);

    server.overrides.set('v1/services.csv', (_req, res) => {
      res.writeHead(200, { 'Content-Length': body.length });
      const parts = 8;
      const step = Math.ceil(body.length / parts);
      const send = (i: number) => (i < parts ? res.write(body.subarray(i * step, (i + 1) * step), () => setTimeout(() => send(i + 1), 100)) : res.end());
      send(0);
    });
    expect(await sync(coord.pin, 300)).toMatchObject({ ok: true, to_version: 1 });
  });

  it('refuses a key pin that does not match the one stored for the feed', async () => {
    expect((await sync()).ok).toBe(true);
    const other = generateKeyFiles(join(desk.dir, 'other.key')).pin;
    expect(await refused(() => sync(other))).toMatch(/This feed is pinned to the publisher key [0-9A-F ]+, not/);
  });
});
