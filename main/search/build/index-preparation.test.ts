import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchPreparing, SearchResponse } from '../../../shared/domain';
import { openDatabase, type Db } from '../../db/open';
import type { Handlers } from '../../handler-types';
import { createHandlers } from '../../handlers';
import { installDataset } from '../../hsds/install/install-dataset';
import { noDeskShell } from '../../desk/desk-shell';
import { noSystemActions } from '../../system-actions';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { searchIndexIsCurrent } from './text-index';
import { createServiceReader } from '../../db/service-read';
import { offlineTables } from '../../geo/offline-tables';
import { createSearchEngine } from '../engine';

const SERVICES = 12_000;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// The first start after an update that changed how the search index is built: the window keeps answering.
describe('preparing a stale search index', { timeout: 120_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  /** A desk whose stored index was built by an older build, with handlers whose writer connections are counted. */
  const staleDesk = (openWriter?: (path: string) => Db) => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    installDataset(t.db, syntheticDirectory(SERVICES), { datasetId: 'synthetic', version: '1', source: 'test' });
    t.db.prepare("UPDATE search_index_state SET synonyms = 'old'").run();
    const writers = { opened: 0 };
    const handlers = createHandlers(t.db, t.path, {
      ...noSystemActions,
      ...noDeskShell,
      openWriter: () => {
        writers.opened++;
        return (openWriter ?? openDatabase)(t.path);
      },
    });
    return { ...t, handlers, writers };
  };
  const search = (h: Handlers, text: string) => h.search({ text, limit: 10 }) as SearchResponse | SearchPreparing;

  it('answers with the progress in order while other channels answer, then searches the new index', async () => {
    const { db, handlers, writers } = staleDesk();
    const serviceId = (db.prepare('SELECT id FROM service ORDER BY rowid LIMIT 1').get() as { id: string }).id;
    const seen: SearchPreparing['preparing'][] = [];
    let answer = search(handlers, 'Service 7777');
    let answeredMeanwhile = false;
    while ('preparing' in answer) {
      seen.push(answer.preparing);
      // The desk keeps working: details, the dataset summary, and a note saved on the reading connection.
      expect((handlers.info(undefined) as { services: number }).services).toBe(SERVICES);
      expect((handlers.serviceDetail({ id: serviceId }) as { id: string } | null)?.id).toBe(serviceId);
      if (!answeredMeanwhile) {
        await handlers.saveNote({ serviceId, body: 'Called during the update' });
        answeredMeanwhile = true;
      }
      await nextTurn();
      answer = search(handlers, 'Service 7777');
    }
    expect(writers.opened).toBe(1); // every search during it joined the one rebuild
    const done = seen.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // Asked again and again while it ran (the words are scanned on a worker thread, so the count may jump to the end).
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ done: SERVICES, total: SERVICES });

    expect(answer.results.map((c) => c.name)).toContain('SYNTHETIC Service 7777');
    expect(searchIndexIsCurrent(db)).toBe(true);
    expect((await handlers.localRecord({ serviceId })).note?.body).toBe('Called during the update');
  });

  it('a rebuild that cannot be stored is reported once, leaves the old index as it was, and is tried again', async () => {
    const { db, handlers, writers } = staleDesk((path) => new Database(path, { readonly: true }));
    const before = db.prepare('SELECT synonyms, built_at FROM search_index_state').get();
    expect(search(handlers, 'shelter')).toEqual({ preparing: { done: 0, total: SERVICES } });
    let failure: unknown = null;
    while (!failure) {
      await nextTurn();
      try {
        expect(search(handlers, 'shelter')).toHaveProperty('preparing');
      } catch (err) {
        failure = err;
      }
    }
    expect(String(failure)).toMatch(/Search could not be prepared: .*readonly.*It will be tried again/);
    expect(db.prepare('SELECT synonyms, built_at FROM search_index_state').get()).toEqual(before);
    expect(search(handlers, 'shelter')).toEqual({ preparing: { done: 0, total: SERVICES } });
    expect(writers.opened).toBe(2);
  });

  it('reads the new index in a part at a time, so the search it then lets through answers from memory as one read in one go would', () => {
    const { db } = staleDesk();
    const { gazetteer, areas } = offlineTables();
    const query = { text: 'shelter', limit: 20 };
    const atOnce = createSearchEngine(db, createServiceReader(db), gazetteer, areas).search(query);
    const engine = createSearchEngine(db, createServiceReader(db), gazetteer, areas, { rebuildInPlace: false });
    let parts = 0;
    for (const _ of engine.prepareSteps()) parts++;
    expect(parts).toBeGreaterThan(5);
    // Nothing left to read: the stored BLOBs could go and the search would not notice.
    db.prepare('DELETE FROM search_blob').run();
    expect(engine.search(query)).toEqual(atOnce);
  });
});
