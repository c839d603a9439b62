import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { tempDb } from '../test-support/temp-db';
import { openDatabase, type Db } from './open';
import { writeWhenFree } from './write-when-free';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Whether a promise has settled, without waiting for it. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false };
  promise.then(
    () => void (state.settled = true),
    () => void (state.settled = true),
  );
  return state;
}

// A note saved on the app's main connection while a long write holds the database's write lock on a
// writer connection (an import, a rollback, a sync apply): the window keeps answering, the note waits.
describe('desk writes while another connection holds the write lock', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

  const desk = () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const handlers = createHandlers(t.db, t.path);
    const serviceId = (t.db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string }).id;
    const noteOf = () => (t.db.prepare('SELECT body FROM local_note WHERE service_id = @serviceId').get({ serviceId }) as { body: string } | undefined)?.body ?? null;
    return { ...t, handlers, serviceId, noteOf };
  };
  /** A writer connection holding the write lock, as a long write does between two of its batches. */
  const lockedBy = (path: string): Db => {
    const writer = openDatabase(path);
    cleanups.push(() => writer.close());
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("INSERT INTO local_setting (key, value) VALUES ('long.write', 'running')").run();
    return writer;
  };

  it('keeps the event loop and other channels answering, and saves the note once the writer commits', async () => {
    const { db, path, handlers, serviceId, noteOf } = desk();
    const writer = lockedBy(path);

    const save = dispatch(handlers, 'saveNote', { serviceId, body: 'Intake by phone only after 6 pm' });
    const saving = watch(save);
    // A timer fires while the note waits (the save's own retries run meanwhile, each try a few ms at most).
    const timerFired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 100));
    expect(timerFired).toBe(true);
    expect(saving.settled).toBe(false);
    // Meanwhile the window is served: a search and the service's detail answer while the note waits.
    const search = await dispatch(handlers, 'search', { text: 'hotline', limit: 5 });
    expect(search.ok && (search.value as { total: number }).total).toBeGreaterThan(0);
    expect((await dispatch(handlers, 'localRecord', { serviceId })).ok).toBe(true);
    expect(saving.settled).toBe(false);
    expect(noteOf()).toBeNull();

    writer.exec('COMMIT');
    const saved = await save;
    expect(saved).toMatchObject({ ok: true, value: { note: { body: 'Intake by phone only after 6 pm' } } });
    expect(noteOf()).toBe('Intake by phone only after 6 pm');
    expect(db.prepare("SELECT value FROM local_setting WHERE key = 'long.write'").get()).toEqual({ value: 'running' });
  });

  it('lands saves made while busy in the order they were made, whichever channel made them', async () => {
    const { path, handlers, serviceId, noteOf } = desk();
    const writer = lockedBy(path);
    const order: string[] = [];
    const saves = [
      dispatch(handlers, 'saveNote', { serviceId, body: 'First draft' }).then(() => order.push('first note')),
      dispatch(handlers, 'markCall', { serviceId, status: 'changed', comment: 'New extension' }).then(() => order.push('mark')),
      dispatch(handlers, 'saveNote', { serviceId, body: 'Second draft' }).then(() => order.push('second note')),
      dispatch(handlers, 'setUiLanguage', { uiLanguage: 'es' }).then(() => order.push('language')),
    ];
    await nextTurn();
    writer.exec('COMMIT');
    await Promise.all(saves);
    expect(order).toEqual(['first note', 'mark', 'second note', 'language']);
    expect(noteOf()).toBe('Second draft');
    expect(await dispatch(handlers, 'settings', undefined)).toEqual({ ok: true, value: { uiLanguage: 'es' } });
  });

  it('saves at once when nothing else writes, as before', async () => {
    const { db, handlers, serviceId, noteOf } = desk();
    const save = handlers.saveNote({ serviceId, body: 'Saved straight away' });
    // Written before this call returned: nothing was left for a timer to do.
    expect(noteOf()).toBe('Saved straight away');
    const saving = watch(Promise.resolve(save));
    await nextTurn();
    expect(saving.settled).toBe(true);
    expect(await writeWhenFree(db, () => 'done')).toBe('done');
  });

  it('a write that fails is reported and the writes behind it still land', async () => {
    const { db, path, noteOf, serviceId } = desk();
    const writer = lockedBy(path);
    const failing = writeWhenFree(db, () => db.prepare('INSERT INTO no_such_table VALUES (1)').run());
    const after = writeWhenFree(db, () => db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (@serviceId, 'After the failure', 'now')").run({ serviceId }));
    await nextTurn();
    writer.exec('COMMIT');
    await expect(failing).rejects.toThrow(/no such table/);
    await after;
    expect(noteOf()).toBe('After the failure');
  });

  it('past its limit a waiting write is refused with a message, and nothing of it is written', async () => {
    const { db, path, serviceId, noteOf } = desk();
    lockedBy(path);
    const giveUpAtOnce = 0;
    const save = writeWhenFree(db, () => db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (@serviceId, 'Too late', 'now')").run({ serviceId }), giveUpAtOnce);
    await expect(save).rejects.toThrow('The database stayed busy with another write for too long; save again once the update has finished.');
    expect(noteOf()).toBeNull();
  });
});
