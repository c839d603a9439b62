import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIFF_SHOWN } from '../../../shared/import-types';
import { openDatabase } from '../../db/open';
import { offlineTables } from '../../geo/offline-tables';
import { ImportCancelled } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import { writeDatapackage } from '../export/export-datapackage';
import { directoryDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { openImportSession } from './open-session';
import { localImportSession, NOT_APPLICABLE } from './session';

// The app's import runs on a worker thread (on-worker.ts): it must check and install exactly as the same
// session on this thread does, stop when cancelled, and let go of the database when closed.
describe('an import session on a worker thread', { timeout: 120_000 }, () => {
  const desk = tempDbsEachTest({ starter: true });
  const packageIn = (dir: string, services: number) => {
    const path = join(dir, 'county');
    writeDatapackage(syntheticDirectory(services), path, { name: 'county', version: '1' });
    return path;
  };

  it('has its worker script once built', () => {
    expect(workerScript('import-session-worker.js'), 'run `npm run build` first: the app runs the built out/main/import-session-worker.js').not.toBeNull();
  });

  it('reports and installs what the same session on this thread does', async () => {
    const [here, there] = [desk(), desk()];
    const path = packageIn(here.dir, 300);
    const local = localImportSession(here.db, path, () => openDatabase(here.path), offlineTables().knownArea);
    const onWorker = openImportSession(there.db, path, { openWriter: () => openDatabase(there.path) });
    try {
      const steps: string[] = [];
      const report = await onWorker.check(undefined, { onProgress: (p) => steps.push(p.step) });
      expect(report).toEqual(await local.check(undefined, {}));
      expect(report).toMatchObject({ ok: true, services: 300 });
      // The screen is handed the first of each list and the counts; the apply still installs every service.
      expect(report.diffCounts).toEqual({ added: 300, changed: 0, removed: 0 });
      expect(report.diff?.added).toHaveLength(DIFF_SHOWN);
      expect(steps).toContain('reading');
      expect(await onWorker.choose({ markConfidential: [], allowRemovals: false })).toBeNull();
      expect(await local.choose({ markConfidential: [], allowRemovals: false })).toBeNull();
      let committed = false;
      await onWorker.apply({ onCommitted: () => (committed = true) });
      await local.apply({});
      expect(committed).toBe(true);
      expect(there.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county'").pluck().get()).toBe(300);
      expect(directoryDigest(there.db)).toBe(directoryDigest(here.db));
    } finally {
      onWorker.close();
    }
  });

  it('stops a check when cancelled, refuses to apply it, and once closed answers no more', async () => {
    const t = desk();
    const path = packageIn(t.dir, 2_000);
    const session = openImportSession(t.db, path, { openWriter: () => openDatabase(t.path) });
    let steps = 0;
    await expect(session.check(undefined, { onProgress: () => void steps++, isCancelled: () => steps >= 2 })).rejects.toBeInstanceOf(ImportCancelled);
    await expect(session.choose({ markConfidential: [], allowRemovals: true })).rejects.toThrow(NOT_APPLICABLE);
    expect(t.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county'").pluck().get()).toBe(0);
    session.close();
    await expect(session.check(undefined, {})).rejects.toThrow('This work was closed.');
  });
});
