import { afterEach, describe, expect, it } from 'vitest';
import type { SearchPreparing, SearchResponse } from '../../shared/domain';
import type { ImportJobStatus, PreviousVersion, RollbackStarted } from '../../shared/import-types';
import { call } from '../test-support/call';
import { createHandlers } from '../handlers';
import type { Handlers } from '../handler-types';
import { noDeskShell } from '../desk/desk-shell';
import { noSystemActions } from '../system-actions';
import { servedFeed, stopFeed } from '../test-support/coordinator';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { deskWithPrevious } from '../test-support/desk-with-previous';
import { STARTER_PATH, STARTER_SERVICES } from '../test-support/temp-db';

const SERVICES = 8_000;

/** A search asked again until it answers: after a write, a large index is read in off the window's thread first. */
async function answered(handlers: Handlers, text: string): Promise<SearchResponse> {
  for (;;) {
    const answer = await call<SearchResponse | SearchPreparing>(handlers, 'search', { text, limit: 10 });
    if (!('preparing' in answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const SMALL = 5;

// The Import screen's "Roll back to previous version" on a large directory: the window keeps answering
// from the directory as it was while the previous one is restored and indexed on the writer connection.
describe('rolling back an import from the Import screen', { timeout: 120_000 }, () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('reports restoring then indexing in order, answers searches from the old directory meanwhile, refuses a second write, then searches the restored one', async () => {
    const t = deskWithPrevious(SERVICES, SMALL);
    cleanups.push(t.cleanup);
    const handlers = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, chooseImportPath: () => Promise.resolve(STARTER_PATH) });
    const found = async (text: string) => (await answered(handlers, text)).results.map((c) => c.name);
    expect(await found('Service 7777')).not.toContain('SYNTHETIC Service 7777');
    // An import checked and ready to apply, to try while the rollback runs.
    const { jobId: importJob } = await call<{ jobId: string }>(handlers, 'importChoose', { kind: 'file' });
    expect(await call<{ ok: boolean }>(handlers, 'importCheck', { jobId: importJob })).toMatchObject({ ok: true });

    const started = await call<RollbackStarted>(handlers, 'importRollback');
    expect(started.to).toEqual({ datasetId: 'synthetic', version: '1', services: SERVICES, installedAt: expect.any(String), redo: false });
    expect(started.status).toMatchObject({ state: 'applying', step: 'restoring' });
    await expect(call(handlers, 'importRollback')).rejects.toThrow('The previous version is being restored; wait for it to finish.');
    await expect(call(handlers, 'importApply', { jobId: importJob, allowRemovals: true })).rejects.toThrow('The previous version is being restored; wait for it to finish.');

    const progress: ImportJobStatus[] = [];
    const totals: number[] = [];
    let status = started.status;
    while (status.state === 'applying') {
      progress.push(status);
      // Once committed, a large index is read in off the window's thread: those answers say so and are left out.
      const answer = await call<SearchResponse | SearchPreparing>(handlers, 'search', { text: '', limit: 10 });
      if ('total' in answer) totals.push(answer.total);
      await new Promise((resolve) => setImmediate(resolve));
      status = await call<ImportJobStatus>(handlers, 'importStatus', { jobId: started.jobId });
    }
    expect(status).toMatchObject({ state: 'applied', error: null });

    expect(progress.map((p) => p.step).filter((s, i, all) => s !== all[i - 1])).toEqual(['restoring', 'indexing']);
    for (const step of ['restoring', 'indexing']) {
      const done = progress.filter((p) => p.step === step).map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size).toBeGreaterThan(1);
    }
    // Answered between the steps, every time from the directory as it was until the commit. The commit is
    // on the rollback's own thread, a moment before its status says so: any answer after it is the restored
    // directory, never a part of it.
    expect(totals.filter((total) => total === SMALL).length).toBeGreaterThan(10);
    expect(totals.every((total) => total === SMALL || total === SERVICES)).toBe(true);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));

    expect(await found('Service 7777')).toContain('SYNTHETIC Service 7777');
    expect((await answered(handlers, '')).total).toBe(SERVICES);
    // What was undone is now the previous version, and going back to it is a redo.
    expect(await call<PreviousVersion | null>(handlers, 'importPrevious')).toEqual({ datasetId: 'synthetic', version: '2', services: SMALL, installedAt: expect.any(String), redo: true });
    // Over: the import waiting meanwhile may now be applied.
    expect(await call<ImportJobStatus>(handlers, 'importApply', { jobId: importJob, allowRemovals: true })).toMatchObject({ state: 'applying' });
    let applied: ImportJobStatus;
    while ((applied = await call<ImportJobStatus>(handlers, 'importStatus', { jobId: importJob })).state === 'applying') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(applied).toMatchObject({ state: 'applied', error: null });
    // The bundled directory beside the restored one, searched once its index is read in off this thread
    // (whose connection is then closed, before the desk's folder is removed).
    expect((await answered(handlers, '')).total).toBe(SERVICES + STARTER_SERVICES);
  });

  it('a sync update waits its turn: refused while the rollback writes, applied once it is over', async () => {
    const t = deskWithPrevious(SERVICES, SMALL);
    cleanups.push(t.cleanup);
    const feed = await servedFeed(syntheticDirectory(SMALL + 1));
    cleanups.push(() => stopFeed(feed));
    const handlers = createHandlers(t.db, t.path);
    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: feed.server.manifestUrl, pin: feed.coord.pin });
    expect(await call(handlers, 'syncCheck', { id })).toMatchObject({ status: 'update', version: 1 });

    const { jobId } = await call<RollbackStarted>(handlers, 'importRollback');
    await expect(call(handlers, 'syncApply', { id, version: 1 })).rejects.toThrow('The previous version is being restored; wait for it to finish.');
    while ((await call<ImportJobStatus>(handlers, 'importStatus', { jobId })).state === 'applying') await new Promise((resolve) => setImmediate(resolve));
    expect(await call(handlers, 'syncApply', { id, version: 1, allowRemovals: true })).toMatchObject({ version: 1 });
    // The feed is a source of its own, beside the directory the rollback restored.
    expect((await answered(handlers, '')).total).toBe(SERVICES + SMALL + 1);
  });

  it('a cancelled rollback leaves the directory as it was, and says so', async () => {
    const t = deskWithPrevious(SERVICES, SMALL);
    cleanups.push(t.cleanup);
    const handlers = createHandlers(t.db, t.path);
    const { jobId } = await call<RollbackStarted>(handlers, 'importRollback');
    expect(await call<ImportJobStatus>(handlers, 'importCancel', { jobId })).toMatchObject({ state: 'applying' });
    let status: ImportJobStatus;
    do {
      await new Promise((resolve) => setImmediate(resolve));
      status = await call<ImportJobStatus>(handlers, 'importStatus', { jobId });
    } while (status.state === 'applying');
    expect(status).toMatchObject({ state: 'cancelled', error: expect.stringMatching(/cancelled: the directory was left as it was/) });
    expect((await call<SearchResponse>(handlers, 'search', { text: '' })).total).toBe(SMALL);
    expect(await call<PreviousVersion | null>(handlers, 'importPrevious')).toEqual({ datasetId: 'synthetic', version: '1', services: SERVICES, installedAt: expect.any(String), redo: false });
  });
});
