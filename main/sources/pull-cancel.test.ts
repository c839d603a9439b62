import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceCancelView, SourceProgress, SourcePullSummary } from '../../shared/domain';
import type { Handlers } from '../handler-types';
import { createHandlers } from '../handlers';
import { call } from '../test-support/call';
import { everythingDigest } from '../test-support/db-digest';
import { range, startApi } from '../test-support/sources/hsds-api-server';
import { tempDb } from '../test-support/temp-db';
import { addSource } from './add-source';
import { readPullConfig } from './pull-config';

/** Large enough that the install spans many batches, so a cancel lands in the middle of it. */
const SERVICES = 3_000;
const CANCELLED = { ok: false, cancelled: true, added: 0, changed: 0, removed: 0, errors: ['The pull was cancelled; nothing was changed.'] };

// Settings' Cancel pull, through the channels against a real HTTP server on 127.0.0.1: a pull stopped before
// its install commits leaves the desk exactly as it was (the directory, the cursor, the source's last pull).
describe('cancelling a pull', { timeout: 120_000 }, () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let desk: ReturnType<typeof tempDb>;
  let handlers: Handlers;
  beforeEach(async () => {
    desk = tempDb({ starter: true });
    api = await startApi();
    addSource(desk.db, 'county', { kind: 'hsds-api', url: `${api.base}/api/`, headerEnv: null });
    handlers = createHandlers(desk.db, desk.path);
  });
  afterEach(async () => {
    await api.stop();
    desk.cleanup();
  });

  /** Waits, a turn of the event loop at a time (the pull runs in this process), until `ready` holds. */
  async function until(ready: () => Promise<boolean> | boolean) {
    while (!(await ready())) await new Promise((resolve) => setImmediate(resolve));
  }
  const progress = () => call<SourceProgress | null>(handlers, 'sourceProgress', { name: 'county' });
  const cancel = () => call<SourceCancelView>(handlers, 'sourceCancel', { name: 'county' });

  it('drops the download in flight and changes nothing', async () => {
    let asked = false;
    // Page 2 is never answered: the pull waits on it until it is cancelled.
    api.state.misbehave = (req, _res, page) => req.url!.startsWith('/api/services?') && page === 2 && (asked = true);
    const before = everythingDigest(desk.db);

    const pulling = call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' });
    await until(() => asked);
    expect(await cancel()).toEqual({ outcome: 'cancelling', message: 'Stopping. Nothing will be changed.' });
    expect(await pulling).toMatchObject(CANCELLED);
    expect(await progress()).toBeNull();
    expect(everythingDigest(desk.db)).toBe(before);
    expect(await cancel()).toMatchObject({ outcome: 'idle' });
  });

  it('stops the install between batches, rolling it back and keeping the cursor, and the next pull works', async () => {
    expect(await call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' })).toMatchObject({ ok: true, added: 5 });
    const cursor = readPullConfig(desk.db, 'county')!.since;
    api.state.services = range(SERVICES);
    api.state.pageSize = SERVICES;
    const before = everythingDigest(desk.db);

    const pulling = call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' });
    await until(async () => {
      const p = await progress();
      return p?.step === 'applying' && p.done > 0;
    });
    expect(await cancel()).toMatchObject({ outcome: 'cancelling' });
    expect(await pulling).toMatchObject(CANCELLED);
    expect(everythingDigest(desk.db)).toBe(before);
    expect(readPullConfig(desk.db, 'county')!.since).toBe(cursor);

    expect(await call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' })).toMatchObject({ ok: true, added: SERVICES - 5 });
  });

  it('answers too late to a cancel that comes as the install commits, and the pull answers what it installed', async () => {
    api.state.services = range(SERVICES);
    api.state.pageSize = SERVICES;
    const pulling = call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' });
    // The reading connection sees the rows once the install has committed: a cancel then can stop nothing.
    await until(() => (desk.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county'").pluck().get() as number) > 0);
    expect(await cancel()).toMatchObject({ outcome: 'too-late', message: expect.stringMatching(/^Too late to cancel/) });
    expect(await pulling).toMatchObject({ ok: true, added: SERVICES });
    expect(await pulling).not.toHaveProperty('cancelled');
  });
});
