import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportJobStatus, ImportReport } from '../../../shared/import-types';
import type { SyncApplyView, SyncCheckView } from '../../../shared/sync-types';
import type { TableRows } from '../../db/hsds-tables';
import { openDatabase } from '../../db/open';
import { createHandlers } from '../../handlers';
import { noDeskShell } from '../../desk/desk-shell';
import { noSystemActions } from '../../system-actions';
import { call } from '../../test-support/call';
import { servedFeed, starterTables, stopFeed, withoutService } from '../../test-support/coordinator';
import { dbDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { STARTER_PATH, STARTER_SERVICES, tempDb } from '../../test-support/temp-db';
import { runCli } from '../../test-support/cli-import';

// An import or a pull that would remove more than half of the services it replaces needs an explicit yes,
// and an empty dataset is refused: through the Import screen's and the Sync screen's handlers (a real SQLite
// file, a real HTTP server on 127.0.0.1) and the built CLI.
const cli = (...args: string[]) => runCli(args);

/** The bundled starter directory without its first `n` services. */
const starterWithout = (n: number): TableRows => {
  let t = starterTables();
  for (const s of starterTables().service.slice(0, n)) t = withoutService(t, s.id as string);
  return t;
};

describe('removing most of the directory needs an explicit yes', { timeout: 120_000 }, () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const desk = () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    return t;
  };
  const feed = async (tables: TableRows) => {
    const f = await servedFeed(tables);
    cleanups.push(() => stopFeed(f));
    return f;
  };

  it('the Import screen: apply answers the counts and starts nothing until the call says the person confirmed', async () => {
    const t = desk();
    // A county's file imported once, then an edited copy of it (the same name) that drops most of it.
    const file = join(t.dir, 'county.json');
    writeFileSync(file, JSON.stringify(starterJson()));
    const handlers = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, chooseImportPath: async () => file, openWriter: () => openDatabase(t.path) });
    const importFile = async () => {
      const { jobId } = await call<{ jobId: string }>(handlers, 'importChoose', { kind: 'file' });
      return { jobId, report: await call<ImportReport>(handlers, 'importCheck', { jobId }) };
    };
    const first = await importFile();
    expect(first.report).toMatchObject({ ok: true, diffCounts: { added: STARTER_SERVICES, removed: 0 } });
    expect(await call(handlers, 'importApply', { jobId: first.jobId })).toMatchObject({ state: 'applying' });
    await expect.poll(async () => (await call<ImportJobStatus>(handlers, 'importStatus', { jobId: first.jobId })).state).toBe('applied');

    writeFileSync(file, JSON.stringify(starterJson().slice(0, 3)));
    const { jobId, report } = await importFile();
    const removed = STARTER_SERVICES - 3;
    expect(report).toMatchObject({ ok: true, diffCounts: { removed } });
    const before = dbDigest(t.db);
    expect(await call(handlers, 'importApply', { jobId })).toEqual({
      state: 'confirm-removals',
      removed,
      installed: STARTER_SERVICES,
      message: `This would remove ${removed} of the ${STARTER_SERVICES} services it replaces, more than half of them, so it needs an explicit yes: confirm it to import anyway. Nothing was changed.`,
    });
    expect(await call(handlers, 'importApply', { jobId, allowRemovals: false })).toMatchObject({ state: 'confirm-removals' });
    expect(await call<ImportJobStatus>(handlers, 'importStatus', { jobId })).toMatchObject({ state: 'ready' });
    expect(dbDigest(t.db)).toBe(before);

    expect(await call<ImportJobStatus>(handlers, 'importApply', { jobId, allowRemovals: true })).toMatchObject({ state: 'applying' });
    await expect.poll(async () => (await call<ImportJobStatus>(handlers, 'importStatus', { jobId })).state).toBe('applied');
    // The bundled directory was never part of it.
    expect(t.db.prepare('SELECT atlas_source, count(*) AS n FROM service GROUP BY atlas_source ORDER BY atlas_source').all()).toEqual([
      { atlas_source: 'bundled', n: STARTER_SERVICES },
      { atlas_source: 'county.json', n: 3 },
    ]);
  });

  it('the Import screen refuses an empty dataset in a sentence, and no apply can start', async () => {
    const t = desk();
    const file = join(t.dir, 'empty.json');
    writeFileSync(file, '[]');
    const handlers = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, chooseImportPath: async () => file, openWriter: () => openDatabase(t.path) });
    const { jobId } = await call<{ jobId: string }>(handlers, 'importChoose', { kind: 'file' });
    const report = await call<ImportReport>(handlers, 'importCheck', { jobId });
    expect(report).toMatchObject({ ok: false, errorCount: 1, errors: [{ file: 'empty.json', message: expect.stringMatching(/^has no services .*would remove every service of its source, so it is refused$/) }] });
    const before = dbDigest(t.db);
    await expect(call(handlers, 'importApply', { jobId, allowRemovals: true })).rejects.toThrow('This dataset has errors and cannot be applied.');
    expect(dbDigest(t.db)).toBe(before);
  });

  it('the Sync screen: apply answers the counts for a version that removes more than half, and applies it once confirmed', async () => {
    const t = desk();
    const f = await feed(starterTables());
    const handlers = createHandlers(t.db, t.path);
    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: f.server.manifestUrl, pin: f.coord.pin });
    await call<SyncCheckView>(handlers, 'syncCheck', { id });
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 1 })).toMatchObject({ status: 'applied', added: STARTER_SERVICES, removed: 0 });
    f.coord.publish(syntheticDirectory(2));
    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'update', version: 2 });
    const before = dbDigest(t.db);
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 2 })).toEqual({
      status: 'confirm-removals',
      version: 2,
      removed: STARTER_SERVICES,
      installed: STARTER_SERVICES,
      message: `Version 2 was not applied. This would remove ${STARTER_SERVICES} of the ${STARTER_SERVICES} services it replaces, more than half of them, so it needs an explicit yes: confirm it to apply anyway. Nothing was changed.`,
    });
    expect(dbDigest(t.db)).toBe(before);
    // Still verified and staged: applied without a new check once the person says yes.
    expect(await call<SyncApplyView>(handlers, 'syncApply', { id, version: 2, allowRemovals: true })).toEqual({ status: 'applied', version: 2, added: 2, changed: 0, removed: STARTER_SERVICES });
    expect(t.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'bundled'").pluck().get()).toBe(STARTER_SERVICES);
  });

  it('sync refuses without --allow-removals, giving the counts; half or fewer needs no yes; an empty feed is refused', async () => {
    const t = desk();
    t.db.close();
    const half = Math.floor(STARTER_SERVICES / 2);
    const f = await feed(starterTables());
    const run = (...flags: string[]) => cli('sync', f.server.manifestUrl, '--pin', f.coord.pin, '--json', '--db', t.path, ...flags);
    expect(JSON.parse((await run()).stdout)).toMatchObject({ ok: true, to_version: 1, added: STARTER_SERVICES, removed: 0 });
    f.coord.publish(starterWithout(half + 1));
    const refused = await run();
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      from_version: 1,
      to_version: null,
      added: 0,
      changed: 0,
      removed: 0,
      error: `Version 2 was not applied. This would remove ${half + 1} of the ${STARTER_SERVICES} services it replaces, more than half of them, so it needs an explicit yes: run the sync again with --allow-removals if that is what you mean. Nothing was changed.`,
    });
    f.coord.publish(starterWithout(half));
    expect(JSON.parse((await run()).stdout)).toMatchObject({ ok: true, to_version: 3, removed: half });
    f.coord.publish(starterWithout(half + 1));
    expect(JSON.parse((await run('--allow-removals')).stdout)).toMatchObject({ ok: true, to_version: 4, removed: 1 });

    f.coord.publish(starterWithout(STARTER_SERVICES));
    const r = await run('--allow-removals');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/^Version 5 is signed by the coordinator but its directory has \d+ error\(s\), so it was not applied\. First: v5: has no services/) });
  });
});

const starterJson = (): unknown[] => JSON.parse(readFileSync(STARTER_PATH, 'utf8')) as unknown[];
