import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApi } from '../test-support/sources/hsds-api-server';
import { tempDb } from '../test-support/temp-db';
import { addSource } from './add-source';
import { pullSource } from './pull-source';
import { listSources } from './source-list';

describe('the record of each pull', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let desk: ReturnType<typeof tempDb>;
  const fast = { limits: { retryDelayMs: 10, timeoutMs: 5_000 } };
  const county = () => listSources(desk.db).find((s) => s.name === 'county')!;

  beforeEach(async () => {
    desk = tempDb({ starter: true });
    api = await startApi();
    addSource(desk.db, 'county', { kind: 'hsds-api', url: `${api.base}/api` });
  });
  afterEach(async () => {
    await api.stop();
    desk.cleanup();
  });

  it('gives the time a pull started and its counts after a good pull, then the failure and its sentence after a failed one', async () => {
    expect(county()).toMatchObject({ lastPull: null, lastResult: null, paused: false });
    const before = new Date().toISOString();
    await pullSource(desk.db, 'county', fast);
    expect(county().lastPull! >= before).toBe(true);
    expect(county().lastResult).toEqual({ ok: true, added: 5, changed: 0, removed: 0, quarantined: 0, error: null });

    const good = county().lastPull!;
    api.state.misbehave = (_req, res) => (res.writeHead(500).end(), true);
    await pullSource(desk.db, 'county', fast);
    expect(county().lastPull! >= good).toBe(true);
    expect(county().lastResult).toEqual({ ok: false, added: 0, changed: 0, removed: 0, quarantined: 0, error: expect.stringMatching(/^The HSDS API at 127\.0\.0\.1:\d+ had an internal error \(500\)/) });
    // The services of the good pull stay.
    expect(county().services).toBe(5);
  });

  it('records no dry run: it changes nothing and is not a pull', async () => {
    await pullSource(desk.db, 'county', { ...fast, dryRun: true });
    expect(county()).toMatchObject({ lastPull: null, lastResult: null });
  });
});
