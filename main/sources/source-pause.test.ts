import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbDigest } from '../test-support/db-digest';
import { startApi } from '../test-support/sources/hsds-api-server';
import { tempDb } from '../test-support/temp-db';
import { addSource } from './add-source';
import { pullAllSources } from './pull-all';
import { pullSource } from './pull-source';
import { rollback } from '../hsds/install/rollback';
import { listSources } from './source-list';
import { removeSourceAndAddress } from './source-remove';
import { pauseSource } from './source-pause';

// A real desk database and a real HSDS API on 127.0.0.1.
describe('pausing and resuming a pulled source', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let desk: ReturnType<typeof tempDb>;
  const fast = { limits: { retryDelayMs: 10, timeoutMs: 5_000 } };
  const paused = (name: string) => listSources(desk.db).find((s) => s.name === name)?.paused;

  beforeEach(async () => {
    desk = tempDb({ starter: true });
    api = await startApi();
    addSource(desk.db, 'county', { kind: 'hsds-api', url: `${api.base}/api` });
    addSource(desk.db, 'city', { kind: 'hsds-api', url: `${api.base}/api` });
  });
  afterEach(async () => {
    await api.stop();
    desk.cleanup();
  });

  it('refuses to pull a paused source by name, saying so and changing nothing, and pulls it again once resumed', async () => {
    expect(pauseSource(desk.db, 'county', true)).toEqual({ source: 'county', paused: true });
    expect(paused('county')).toBe(true);
    const before = dbDigest(desk.db);
    const r = await pullSource(desk.db, 'county', fast);
    expect(r).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The source "county" is paused, so it was not pulled; `source resume county`/)] });
    expect(dbDigest(desk.db)).toBe(before);
    expect(api.requests).toEqual([]);
    // A refusal is not a pull: nothing recorded.
    expect(listSources(desk.db).find((s) => s.name === 'county')).toMatchObject({ lastPull: null, lastResult: null });

    pauseSource(desk.db, 'county', false);
    expect(paused('county')).toBe(false);
    expect(await pullSource(desk.db, 'county', fast)).toMatchObject({ ok: true, added: 5 });
  });

  it('skips a paused source when every source is pulled, and lists it as paused', async () => {
    pauseSource(desk.db, 'city', true);
    const all = await pullAllSources(desk.db, fast);
    expect(all).toMatchObject({ ok: true, paused: ['city'], pulls: [{ source: 'county', ok: true, added: 5 }] });
    expect(desk.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'city'").pluck().get()).toBe(0);
  });

  it('keeps a pause through a rollback, and a name added again starts unpaused', async () => {
    await pullSource(desk.db, 'county', fast);
    pauseSource(desk.db, 'county', true);
    rollback(desk.db);
    expect(paused('county')).toBe(true);
    await removeSourceAndAddress(desk.db, 'city');
    addSource(desk.db, 'city', { kind: 'hsds-api', url: `${api.base}/api` });
    expect(paused('city')).toBe(false);
  });

  it('refuses to pause what nothing pulls, or a name no source has', () => {
    expect(() => pauseSource(desk.db, 'bundled', true)).toThrow(/^"bundled" is a bundled source, which nothing pulls from an address, so there is nothing to pause/);
    expect(() => pauseSource(desk.db, 'nowhere', true)).toThrow(/^There is no source named "nowhere"/);
  });
});
