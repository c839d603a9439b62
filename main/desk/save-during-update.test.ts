import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRecord, SearchResponse } from '../../shared/domain';
import type { ImportJobStatus, RollbackStarted } from '../../shared/import-types';
import { createHandlers } from '../handlers';
import { call } from '../test-support/call';
import { deskWithPrevious } from '../test-support/desk-with-previous';

const SERVICES = 3_000;
const SMALL = 5;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));


// The desk writes a note while the Import screen's rollback restores a large directory on the writer
// connection, holding the write lock until it commits.
describe('a note saved during a rollback', { timeout: 120_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('waits for the rollback to commit while searches answer, then is saved; two saves land in order', async () => {
    const t = deskWithPrevious(SERVICES, SMALL);
    cleanups.push(t.cleanup);
    const handlers = createHandlers(t.db, t.path);
    const serviceId = (t.db.prepare('SELECT id FROM service ORDER BY rowid LIMIT 1').get() as { id: string }).id;

    const { jobId } = await call<RollbackStarted>(handlers, 'importRollback');
    const status = () => call<ImportJobStatus>(handlers, 'importStatus', { jobId });
    expect((await status()).state).toBe('applying');

    const landed: string[] = [];
    const first = call<LocalRecord>(handlers, 'saveNote', { serviceId, body: 'Beds free after 8 pm' }).then((r) => (landed.push('first'), r));
    const second = call<LocalRecord>(handlers, 'saveNote', { serviceId, body: 'Beds free after 9 pm' }).then((r) => (landed.push('second'), r));

    let searchesAnswered = 0;
    while ((await status()).state === 'applying') {
      expect(landed).toEqual([]);
      expect((await call<SearchResponse>(handlers, 'search', { text: '', limit: 1 })).total).toBe(SMALL);
      searchesAnswered++;
      await nextTurn();
    }
    expect(await status()).toMatchObject({ state: 'applied', error: null });
    expect(searchesAnswered).toBeGreaterThan(3);

    expect((await first).note?.body).toBe('Beds free after 8 pm');
    expect((await second).note?.body).toBe('Beds free after 9 pm');
    expect(landed).toEqual(['first', 'second']);
    expect((await call<LocalRecord>(handlers, 'localRecord', { serviceId })).note?.body).toBe('Beds free after 9 pm');
    expect((await call<SearchResponse>(handlers, 'search', { text: '', limit: 1 })).total).toBe(SERVICES);
  });
});
