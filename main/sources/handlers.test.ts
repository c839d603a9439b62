import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetInfo, SourcePaused, SourcePullSummary, SourceRemoved, SourceSummary } from '../../shared/domain';
import type { ImportJobStatus, RollbackStarted } from '../../shared/import-types';
import { dispatch } from '../dispatch';
import { noDeskShell } from '../desk/desk-shell';
import type { Handlers } from '../handler-types';
import { createHandlers } from '../handlers';
import { exportHsdsJson } from '../hsds/export/export-json';
import { noSystemActions } from '../system-actions';
import { startApi } from '../test-support/sources/hsds-api-server';
import { aesSecretBox } from '../test-support/sources/aes-secret-box';
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

describe('adding, pulling, pausing and removing a pulled source through the channels', () => {
  const KEY = 'SYNTHETIC-APP-KEY-4711';
  let api: Awaited<ReturnType<typeof startApi>>;
  let t: ReturnType<typeof tempDb>;
  let handlers: Handlers;
  const list = () => call<SourceSummary[]>(handlers, 'sourceList');
  const county = async () => (await list()).find((s) => s.name === 'county');

  beforeEach(async () => {
    t = tempDb({ starter: true });
    api = await startApi();
    api.state.requireHeader = KEY;
    handlers = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, secretBox: aesSecretBox() });
  });
  afterEach(async () => {
    await api.stop();
    t.cleanup();
  });

  it('keeps the API key sealed (the database file never holds it), sends it with each pull, and never answers it back', async () => {
    const added = await call<SourceSummary>(handlers, 'sourceAdd', { name: 'county', url: `${api.base}/api`, kind: 'hsds-api', headerName: 'x-api-key', apiKey: KEY });
    expect(added).toEqual({ name: 'county', kind: 'hsds-api', url: `${api.base}/api`, services: 0, lastPull: null, lastResult: null, paused: false });
    expect(await call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' })).toMatchObject({ ok: true, added: 5 });
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of [t.path, `${t.path}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(KEY), file).toBe(false);
    expect(JSON.stringify(await list())).not.toContain(KEY);
    // An export carries no key either.
    const out = join(t.dir, 'export.json');
    writeFileSync(out, JSON.stringify(exportHsdsJson(t.db)));
    expect(readFileSync(out, 'utf8')).not.toContain(KEY);
  });

  it('refuses to keep a key when the system has no key store, saying why, and stores nothing', async () => {
    const plain = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell });
    const r = await dispatch(plain, 'sourceAdd', { name: 'county', url: `${api.base}/api`, kind: 'hsds-api', headerName: 'x-api-key', apiKey: KEY });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/key store .* is not available to the app, so the key cannot be kept encrypted, and it is never kept in plain text\. Nothing was added/) });
    expect(await county()).toBeUndefined();
  });

  it('pulls on the writer connection, pauses, refuses a paused pull, and records the outcome', async () => {
    await call(handlers, 'sourceAdd', { name: 'county', url: `${api.base}/api`, kind: 'hsds-api', headerName: 'x-api-key', apiKey: KEY });
    expect(await call<SourcePaused>(handlers, 'sourcePause', { name: 'county', paused: true })).toEqual({ source: 'county', paused: true });
    expect(await call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' })).toMatchObject({ ok: false, errors: [expect.stringContaining('is paused')] });
    await call(handlers, 'sourcePause', { name: 'county', paused: false });
    const pulling = call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' });
    // While it runs, another write waits its turn.
    expect(await dispatch(handlers, 'sourcePull', { name: 'county' })).toEqual({ ok: false, error: expect.stringContaining('The source "county" is being pulled') });
    expect(await pulling).toMatchObject({ ok: true, added: 5 });
    expect(await county()).toMatchObject({ services: 5, paused: false, lastResult: { ok: true, added: 5 } });
    expect(await call(handlers, 'sourceProgress', { name: 'county' })).toBeNull();
  });

  it('a rollback of a removal brings back the address, kind and key with the services, and it pulls again', async () => {
    await call(handlers, 'sourceAdd', { name: 'county', url: `${api.base}/api`, kind: 'hsds-api', headerName: 'x-api-key', apiKey: KEY });
    await call(handlers, 'sourcePull', { name: 'county' });
    const removing = call<SourceRemoved>(handlers, 'sourceRemove', { name: 'county' });
    // The index of what remains is rebuilt in steps that yield: the removal's progress can be asked for meanwhile.
    expect(await call(handlers, 'sourceProgress', { name: 'county' })).not.toBeNull();
    expect(await removing).toEqual({ source: 'county', removed: 5, services: STARTER_SERVICES });
    expect(await county()).toBeUndefined();

    const { jobId } = await call<RollbackStarted>(handlers, 'importRollback');
    while ((await call<ImportJobStatus>(handlers, 'importStatus', { jobId })).state === 'applying') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await county()).toMatchObject({ kind: 'hsds-api', url: `${api.base}/api`, services: 5 });
    api.state.services = api.state.services.slice(1);
    expect(await call<SourcePullSummary>(handlers, 'sourcePull', { name: 'county' })).toMatchObject({ ok: true, removed: 1 });
  });
});
