import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcePullSummary } from '../../../shared/domain';
import { workerScript } from '../../jobs/worker-script';
import type { StepProgress } from '../../jobs/steps';
import { directoryDigest, everythingDigest } from '../../test-support/db-digest';
import { range, service, startApi } from '../../test-support/sources/hsds-api-server';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { addSource } from '../add-source';
import { readPullConfig } from '../pull-config';
import { pullSource, type PullOptions } from '../pull-source';
import { sourceStatuses } from '../pull-status';
import { PULL_CANCELLED } from './fetch-and-apply';
import { pullOnWorker } from './on-worker';

const PUBLISHED = '2026-01-01T00:00:00.000Z';
const fast: PullOptions = { limits: { retryDelayMs: 10, timeoutMs: 5_000, maxRetryAfterSeconds: 5 } };

// The app pulls on a worker thread (on-worker.ts): against a real HTTP server on 127.0.0.1 and real desk
// files, it must install exactly what the same pull on this thread does, and a cancel at any point before
// the commit must leave the desk exactly as it was.
describe('a pull on a worker thread', { timeout: 120_000 }, () => {
  const desk = tempDbsEachTest({ starter: true });
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeEach(async () => {
    api = await startApi();
    api.state.incremental = true;
    api.state.pageSize = 100;
    api.state.services = range(400).map((s) => ({ ...s, last_modified: PUBLISHED }));
  });
  afterEach(() => api.stop());

  const deskWithSource = () => {
    const t = desk();
    addSource(t.db, 'county', { kind: 'hsds-api', url: `${api.base}/api/`, headerEnv: null });
    return t;
  };
  /** The pull as the app runs it, on the worker; failing if it ran on this thread instead. */
  const onWorker = (t: ReturnType<typeof deskWithSource>, options: PullOptions = {}) => {
    const config = readPullConfig(t.db, 'county')!;
    const job = { name: 'county', config, headers: {}, dryRun: options.dryRun ?? false, allowRemovals: options.allowRemovals ?? false, limits: fast.limits };
    return pullOnWorker(t.db, job, options, () => Promise.reject(new Error("The pull ran on this thread, not the worker's.")));
  };
  const here = (t: ReturnType<typeof deskWithSource>, options: PullOptions = {}) => pullSource(t.db, 'county', { ...fast, ...options });

  it('has its worker script once built', () => {
    expect(workerScript('pull-worker.js'), 'run `npm run build` first: the app runs the built out/main/pull-worker.js').not.toBeNull();
  });

  it('installs what the same pull on this thread installs, first and after changes, reporting its steps, lines and commit', async () => {
    const [local, there] = [deskWithSource(), deskWithSource()];
    const steps = new Set<string>();
    const lines: string[] = [];
    let committed = 0;
    const listener = { onProgress: (p: StepProgress) => void steps.add(p.step), onCommitted: () => void committed++ };
    const first = await onWorker(there, { listener, progress: (l) => void lines.push(l) });
    expect(first).toEqual(await here(local));
    expect(first).toMatchObject({ ok: true, added: 400 });
    expect([...steps]).toEqual(expect.arrayContaining(['reading', 'checking', 'applying', 'indexing']));
    expect(lines).toContain('Read page 4 (400 service(s) so far)…');
    expect(committed).toBe(1);
    expect(directoryDigest(there.db)).toBe(directoryDigest(local.db));

    // pullOnWorker does not record the pull (pullSource does, around it): give both desks the same cursor.
    const edited = new Date(Date.now() + 60_000).toISOString();
    api.state.services = [...api.state.services.slice(1).map((s, i) => (i % 10 === 0 ? { ...s, name: `${String(s.name)} (renamed)`, last_modified: edited } : s)), { ...service(401), last_modified: edited }];
    const later = await onWorker(there, { allowRemovals: true });
    expect(later).toEqual(await here(local, { allowRemovals: true }));
    expect(later).toMatchObject({ ok: true, added: 1, changed: 40, removed: 1 });
    expect(directoryDigest(there.db)).toBe(directoryDigest(local.db));
    expect(readPullConfig(there.db, 'county')!.since).not.toBeNull();
  });

  it('says what a dry run would do and changes nothing, and refuses removals without consent in one sentence', async () => {
    const t = deskWithSource();
    await onWorker(t);
    api.state.services = api.state.services.slice(0, 100);
    const before = everythingDigest(t.db);
    expect(await onWorker(t, { dryRun: true, allowRemovals: true })).toMatchObject({ ok: true, removed: 300 });
    const refused = await onWorker(t);
    expect(refused).toMatchObject({ ok: false, removed: 300, errors: [expect.stringMatching(/^The pull was not applied\. .*remove 300 of the 400 services.*--allow-removals/)] });
    expect(everythingDigest(t.db)).toBe(before);
  });

  it('drops the download in flight when cancelled, changing nothing', async () => {
    const t = deskWithSource();
    let asked = false;
    // Page 2 is never answered: the pull waits on it until it is cancelled.
    api.state.misbehave = (req, _res, page) => req.url!.startsWith('/api/services?') && page === 2 && (asked = true);
    const before = everythingDigest(t.db);
    const cancel = new AbortController();
    const pulling = pullSource(t.db, 'county', { ...fast, onWorker: true, signal: cancel.signal });
    while (!asked) await new Promise((resolve) => setTimeout(resolve, 5));
    cancel.abort();
    expect(await pulling).toMatchObject({ ok: false, cancelled: true, errors: [PULL_CANCELLED] });
    expect(everythingDigest(t.db)).toBe(before);
    expect(sourceStatuses(t.db).get('county')).toBeUndefined();
  });

  for (const step of ['checking', 'comparing', 'applying', 'indexing'] as const) {
    it(`stops at a cancel while ${step}, changing nothing, not even the cursor, and pulls whole afterwards`, async () => {
      const t = deskWithSource();
      expect(await pullSource(t.db, 'county', { ...fast, onWorker: true })).toMatchObject({ ok: true, added: 400 });
      const cursor = readPullConfig(t.db, 'county')!.since;
      const status = sourceStatuses(t.db).get('county');
      api.state.services = range(3_000).map((s) => ({ ...s, last_modified: new Date(Date.now() + 60_000).toISOString() }));
      api.state.pageSize = 3_000;
      const before = everythingDigest(t.db);
      const cancel = new AbortController();
      let committed = false;
      const r = await pullSource(t.db, 'county', {
        ...fast,
        onWorker: true,
        signal: cancel.signal,
        listener: { onProgress: (p) => void (p.step === step && (step !== 'applying' || p.done > 0) && cancel.abort()), isCancelled: () => cancel.signal.aborted, onCommitted: () => void (committed = true) },
      });
      expect(cancel.signal.aborted, `the pull never reported ${step}`).toBe(true);
      expect(r).toMatchObject({ ok: false, cancelled: true, added: 0, errors: [PULL_CANCELLED] } satisfies Partial<SourcePullSummary>);
      expect(committed).toBe(false);
      expect(everythingDigest(t.db)).toBe(before);
      expect(readPullConfig(t.db, 'county')!.since).toBe(cursor);
      expect(sourceStatuses(t.db).get('county')).toEqual(status);
      expect(await pullSource(t.db, 'county', { ...fast, onWorker: true, allowRemovals: true })).toMatchObject({ ok: true, added: 2_600 });
    });
  }
});
