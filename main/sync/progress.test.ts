import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchPreparing, SearchResponse } from '../../shared/domain';
import type { SyncProgressView } from '../../shared/sync-types';
import { call } from '../test-support/call';
import { createHandlers } from '../handlers';
import { coordinator, servedFeed, stopFeed } from '../test-support/coordinator';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { tempDb } from '../test-support/temp-db';

const SERVICES = 6_000;

// What the Sync screen polls while a large update is checked and applied, and what the rest of the window
// gets meanwhile: answers, from the directory as it was until the new one commits.
describe('a large sync in steps', { timeout: 120_000 }, () => {
  let coord: ReturnType<typeof coordinator>;
  let desk: ReturnType<typeof tempDb>;
  let server: FeedServer;
  beforeEach(async () => {
    desk = tempDb({ starter: true });
    ({ coord, server } = await servedFeed(syntheticDirectory(SERVICES)));
  });
  afterEach(async () => {
    await stopFeed({ coord, server });
    desk.cleanup();
  });

  /** Runs `task`, meanwhile sampling syncProgress and searching, each once per turn of the event loop. */
  async function watch(handlers: ReturnType<typeof createHandlers>, id: number, task: Promise<unknown>) {
    let finished = false;
    const progress: SyncProgressView[] = [];
    const searchesAnswered: number[] = [];
    void task.finally(() => (finished = true));
    while (!finished) {
      const p = await call<SyncProgressView | null>(handlers, 'syncProgress', { id });
      const s = await call<SearchResponse | SearchPreparing>(handlers, 'search', { text: '' });
      if (!finished && p) progress.push(p);
      // Once committed, a large index is read in off the window's thread: those answers say so and are left out.
      if (!finished && 'total' in s) searchesAnswered.push(s.total);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await task;
    return { progress, searchesAnswered };
  }

  it('reports downloading, reading, checking, comparing, then applying and indexing in order, and answers searches from the old directory until the commit', async () => {
    const handlers = createHandlers(desk.db, desk.path);
    const starterServices = (await call<SearchResponse>(handlers, 'search', { text: '' })).total;
    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });

    const checking = await watch(handlers, id, call(handlers, 'syncCheck', { id }));
    const checkSteps = checking.progress.map((p) => p.step).filter((s, i, all) => s !== all[i - 1]);
    expect(checkSteps).toEqual(['downloading', 'reading', 'checking', 'comparing']);
    expect(await call(handlers, 'syncProgress', { id })).toBeNull();

    const before = directoryDigest(desk.db);
    const applying = await watch(handlers, id, call(handlers, 'syncApply', { id, version: 1, allowRemovals: true }));
    const reports = applying.progress.filter((p) => p.total > 0);
    expect(reports.map((p) => p.step).filter((s, i, all) => s !== all[i - 1])).toEqual(['applying', 'indexing']);
    for (const step of ['applying', 'indexing']) {
      const done = reports.filter((p) => p.step === step).map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
    expect(new Set(reports.filter((p) => p.step === 'applying').map((p) => p.done)).size).toBeGreaterThan(3);
    // The other requests were answered while it was writing, and saw the directory as it was. The commit
    // is on the apply's own thread, a moment before its answer arrives: any answer after it is the new
    // directory, never a part of it.
    const answered = applying.searchesAnswered;
    expect(answered.filter((total) => total === starterServices).length).toBeGreaterThan(3);
    expect(answered.every((total) => total === starterServices || total === starterServices + SERVICES)).toBe(true);
    expect(answered).toEqual([...answered].sort((a, b) => a - b));

    expect(directoryDigest(desk.db)).not.toBe(before);
    // The feed's source beside the bundled one.
    expect((await call<SearchResponse>(handlers, 'search', { text: '' })).total).toBe(starterServices + SERVICES);
    const [feed] = (await call<{ subscriptions: { installedVersion: number; history: unknown[] }[] }>(handlers, 'syncList')).subscriptions;
    expect(feed).toMatchObject({ installedVersion: 1, history: [{ version: 1, kind: 'update', added: SERVICES }] });
    expect(await call(handlers, 'syncProgress', { id })).toBeNull();
  });

  it('refuses a second apply while one is being written, and the first still completes', async () => {
    const handlers = createHandlers(desk.db, desk.path);
    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });
    await call(handlers, 'syncCheck', { id });
    const first = call(handlers, 'syncApply', { id, version: 1, allowRemovals: true });
    await expect(call(handlers, 'syncRollback', { id, version: 1 })).rejects.toThrow(/Another update is being applied/);
    expect(await first).toMatchObject({ version: 1, added: SERVICES });
  });

  it('refuses a feed file changed after signing, stops reporting progress, and changes nothing', async () => {
    const file = join(coord.feedDir, 'v1', 'services.csv');
    const signed = readFileSync(file, 'utf8');
    expect(signed).toContain('SYNTHETIC Service 17,');
    writeFileSync(file, signed.replace('SYNTHETIC Service 17,', 'SYNTHETIC Service 71,'));
    const handlers = createHandlers(desk.db, desk.path);
    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });
    const before = dbDigest(desk.db);
    const checked = await watch(handlers, id, call(handlers, 'syncCheck', { id }));
    expect(checked.progress.map((p) => p.step)).not.toContain('reading');
    const [feed] = (await call<{ subscriptions: { lastCheck: { status: string; message: string }; keptVersions: number[] }[] }>(handlers, 'syncList')).subscriptions;
    expect(feed!.lastCheck).toMatchObject({ status: 'refused', message: expect.stringMatching(/services.csv is not the one the coordinator signed.*Nothing was changed/) });
    expect(feed!.keptVersions).toEqual([]);
    await expect(call(handlers, 'syncApply', { id, version: 1, allowRemovals: true })).rejects.toThrow(/has not been checked yet/);
    expect(await call(handlers, 'syncProgress', { id })).toBeNull();
    expect(dbDigest(desk.db)).toBe(before);
  });
});
