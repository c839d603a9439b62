import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetInfo, SourceRemoved, SourceSummary } from '../../shared/domain';
import type { ImportJobStatus, RollbackStarted } from '../../shared/import-types';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { applyChecked, checkDataset } from '../hsds/install/apply';
import { call } from '../test-support/call';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import { fixture } from '../test-support/fixtures';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';
import { addSource } from './add-source';

describe('the sources channels', () => {
  const t = tempDb({ starter: true });
  afterAll(() => t.cleanup());
  applyChecked(t.db, checkDataset(t.db, fixture('hsds11', 'all_resources')));
  const handlers = createHandlers(t.db, t.path);
  const list = () => call<SourceSummary[]>(handlers, 'sourceList');
  const services = async () => (await call<DatasetInfo>(handlers, 'info')).services;

  it('lists each source with its kind, address, services and last install, the bundled one first', async () => {
    expect(await list()).toEqual([
      { name: 'bundled', kind: 'bundled', url: 'starter', services: STARTER_SERVICES, lastPull: expect.any(String), lastResult: null, paused: false },
      { name: 'all_resources', kind: 'file', url: fixture('hsds11', 'all_resources'), services: 13, lastPull: expect.any(String), lastResult: null, paused: false },
    ]);
  });

  it('removes one source and keeps the rest, and the rollback brings it back whole', async () => {
    const before = directoryDigest(t.db);
    expect(await call<SourceRemoved>(handlers, 'sourceRemove', { name: 'all_resources' })).toEqual({ source: 'all_resources', removed: 13, services: STARTER_SERVICES });
    expect((await list()).map((s) => s.name)).toEqual(['bundled']);
    expect(await services()).toBe(STARTER_SERVICES);

    const { jobId } = await call<RollbackStarted>(handlers, 'importRollback');
    while ((await call<ImportJobStatus>(handlers, 'importStatus', { jobId })).state === 'applying') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await services()).toBe(STARTER_SERVICES + 13);
    expect((await list()).map((s) => s.name)).toEqual(['bundled', 'all_resources']);
    expect(directoryDigest(t.db)).toBe(before);
  });

  it('refuses a name no source has, changing nothing', async () => {
    const before = dbDigest(t.db);
    expect(await dispatch(handlers, 'sourceRemove', { name: 'no-such-source' })).toEqual({ ok: false, error: expect.stringContaining('There is no source named "no-such-source"') });
    expect(await dispatch(handlers, 'sourceRemove', { name: '' })).toMatchObject({ ok: false });
    expect(dbDigest(t.db)).toBe(before);
  });

  it('lists a source added and not pulled yet, and forgets its address on removal', async () => {
    addSource(t.db, 'county-api', { kind: 'hsds-api', url: 'https://api.example.org/hsds', headerEnv: null });
    expect((await list()).at(-1)).toEqual({ name: 'county-api', kind: 'hsds-api', url: 'https://api.example.org/hsds', services: 0, lastPull: null, lastResult: null, paused: false });
    expect(await call<SourceRemoved>(handlers, 'sourceRemove', { name: 'county-api' })).toEqual({ source: 'county-api', removed: 0, services: STARTER_SERVICES + 13 });
    expect((await list()).map((s) => s.name)).toEqual(['bundled', 'all_resources']);
  });
});
