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
    expect(seen.at(-1)).toEqual({ done: SERVICES, total: SERVICES, reading: false });

    expect(answer.results.map((c) => c.name)).toContain('SYNTHETIC Service 7777');
    expect(searchIndexIsCurrent(db)).toBe(true);
    expect((await handlers.localRecord({ serviceId })).note?.body).toBe('Called during the update');
  });

  it('a rebuild that cannot be stored is reported once, leaves the old index as it was, and is tried again', async () => {
    const { db, handlers, writers } = staleDesk((path) => new Database(path, { readonly: true }));
    const before = db.prepare('SELECT synonyms, built_at FROM search_index_state').get();
    expect(search(handlers, 'shelter')).toEqual({ preparing: { done: 0, total: SERVICES, reading: false } });
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
    expect(search(handlers, 'shelter')).toEqual({ preparing: { done: 0, total: SERVICES, reading: false } });
    expect(writers.opened).toBe(2);
  });

  /** A desk whose stored index is current, large enough to be read off the window's thread, and what a search of it in one go answers. */
  const currentDesk = () => {
    const { db, path, cleanup } = tempDb();
    cleanups.push(cleanup);
    installDataset(db, syntheticDirectory(SERVICES), { datasetId: 'synthetic', version: '1', source: 'test' });
    const { gazetteer, areas } = offlineTables();
    const atOnce = createSearchEngine(db, createServiceReader(db), gazetteer, areas).search(QUERY);
    const writers = { opened: 0 };
    const handlers = () =>
      createHandlers(db, path, {
        ...noSystemActions,
        ...noDeskShell,
        openWriter: () => {
          writers.opened++;
          return openDatabase(path);
        },
      });
    return { db, atOnce, writers, handlers };
  };
  const QUERY = { text: 'shelter', limit: 20 };
  /** Searches until one answers, a turn of the event loop apart, and the progress seen meanwhile. */
  const untilAnswered = async (h: Handlers) => {
    const seen: SearchPreparing['preparing'][] = [];
    for (;;) {
      const answer = h.search(QUERY) as SearchResponse | SearchPreparing;
      if (!('preparing' in answer)) return { answer, seen };
      seen.push(answer.preparing);
      await nextTurn();
    }
  };

  it('reads a large stored index off the window\'s thread, answering that search is being prepared meanwhile, then as a read in one go would', async () => {
    const { db, atOnce, writers, handlers } = currentDesk();
    const desk = handlers();
    const { answer, seen } = await untilAnswered(desk);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.done === SERVICES && p.total === SERVICES && p.reading)).toBe(true);
    expect(answer).toEqual(atOnce);
    expect(writers.opened).toBe(0);
    // Nothing left to read: the stored BLOBs could go and the search would not notice.
    db.prepare('DELETE FROM search_blob').run();
    const again = desk.search(QUERY) as SearchResponse;
    expect([again.total, again.results]).toEqual([atOnce.total, atOnce.results]);
  });

  it('finds a large stored index damaged without reading it on the window\'s thread, rebuilds it while answering how far it has got, then answers as before', async () => {
    const { db, atOnce, writers, handlers } = currentDesk();
    db.prepare("UPDATE search_blob SET data = x'ff' WHERE name = 'postings'").run();
    const { answer, seen } = await untilAnswered(handlers());
    // The read found it damaged; the rebuild counted up from nothing to every service.
    expect(seen[0]).toEqual({ done: SERVICES, total: SERVICES, reading: true });
    expect(seen.some((p) => p.done < SERVICES && !p.reading)).toBe(true);
    expect(answer).toEqual(atOnce);
    expect(writers.opened).toBe(1);
    expect(searchIndexIsCurrent(db)).toBe(true);
    expect((db.prepare("SELECT length(data) FROM search_blob WHERE name = 'postings'").pluck().get() as number) > 1).toBe(true);
  });
});
