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

    // Saved once the rollback has reported its first step, so holds the write lock: each save notes how many
    // services the directory holds as it lands, which must be the restored directory's. The commit is on the
    // rollback's own thread, a moment before its status says so.
    while ((await status()).total === 0) await nextTurn();
    const landed: [string, number][] = [];
    const services = () => t.db.prepare('SELECT count(*) FROM service').pluck().get() as number;
    const first = call<LocalRecord>(handlers, 'saveNote', { serviceId, body: 'Beds free after 8 pm' }).then((r) => (landed.push(['first', services()]), r));
    const second = call<LocalRecord>(handlers, 'saveNote', { serviceId, body: 'Beds free after 9 pm' }).then((r) => (landed.push(['second', services()]), r));

    const answered: number[] = [];
    while ((await status()).state === 'applying') {
      answered.push((await call<SearchResponse>(handlers, 'search', { text: '', limit: 1 })).total);
      await nextTurn();
    }
    expect(await status()).toMatchObject({ state: 'applied', error: null });
    // Searches answered meanwhile from the directory as it was, then only from the restored one.
    expect(answered.filter((total) => total === SMALL).length).toBeGreaterThan(3);
    expect(answered.every((total) => total === SMALL || total === SERVICES)).toBe(true);
    expect(answered).toEqual([...answered].sort((a, b) => a - b));

    expect((await first).note?.body).toBe('Beds free after 8 pm');
    expect((await second).note?.body).toBe('Beds free after 9 pm');
    expect(landed).toEqual([['first', SERVICES], ['second', SERVICES]]);
    expect((await call<LocalRecord>(handlers, 'localRecord', { serviceId })).note?.body).toBe('Beds free after 9 pm');
    expect((await call<SearchResponse>(handlers, 'search', { text: '', limit: 1 })).total).toBe(SERVICES);
  });
});
