import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SyncCheckView } from '../../shared/sync-types';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../test-support/coordinator';
import type { FeedServer } from '../test-support/feed-server';
import { tempDb } from '../test-support/temp-db';

describe('where main fetches feeds from', () => {
  let coord: ReturnType<typeof coordinator>;
  let server: FeedServer;
  let desk: ReturnType<typeof tempDb>;
  beforeAll(async () => {
    ({ coord, server } = await servedFeed(withSyntheticService(starterTables(), 'synthetic-1', 'Legal clinic')));
  });
  afterAll(() => stopFeed({ coord, server }));
  beforeEach(() => {
    desk = tempDb({ starter: true });
  });
  afterEach(() => {
    server.overrides.clear();
    desk.cleanup();
  });
  const handlers = () => createHandlers(desk.db, desk.path);

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/latest/meta-data/',
    'http://[fe80::1]/feed/manifest.json',
    'https://[::ffff:169.254.169.254]/feed/manifest.json',
  ])('refuses to subscribe to %s, a link-local host, and stores nothing', async (url) => {
    const h = handlers();
    const r = await dispatch(h, 'syncSubscribe', { url, pin: coord.pin });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('is on a link-local address (169.254.x.x or fe80::)') });
    expect(await dispatch(h, 'syncList', undefined)).toEqual({ ok: true, value: { subscriptions: [], periodicCheck: false, deadlineSeconds: 600 } });
  });

  it('follows a feed server that redirects to another address of its own', async () => {
    const manifest = readFileSync(join(coord.feedDir, 'manifest.json'));
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(302, { Location: '/moved/manifest.json' }).end());
    server.overrides.set('moved/manifest.json', (_req, res) => res.writeHead(200).end(manifest));
    const h = handlers();
    const sub = await dispatch(h, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });
    const id = sub.ok ? (sub.value as { id: number }).id : -1;
    expect(await dispatch(h, 'syncCheck', { id })).toMatchObject({ ok: true, value: { status: 'update', version: 1 } satisfies Partial<SyncCheckView> });
  });

  it('refuses a redirect to a link-local host without asking it anything', async () => {
    server.overrides.set('manifest.json', (_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/iam/' }).end());
    const h = handlers();
    const sub = await dispatch(h, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });
    const id = sub.ok ? (sub.value as { id: number }).id : -1;
    const check = await dispatch(h, 'syncCheck', { id });
    expect(check.ok && (check.value as SyncCheckView)).toMatchObject({
      status: 'refused',
      message: `http://169.254.169.254/latest/meta-data/iam/ (${server.manifestUrl} sent the app on to it) is on a link-local address (169.254.x.x or fe80::), where cloud metadata services answer; Referral Atlas does not contact those. Nothing was changed.`,
    });
  });
});
