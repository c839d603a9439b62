import { describe, expect, it } from 'vitest';
import { ImportCancelled, type Steps } from '../jobs/steps';
import { tempDbsEachTest } from '../test-support/temp-db';
import { openDatabase } from './open';
import { writeStepsAsync } from './write-transaction';

/** Writes a note in two steps (a long install's rows, in miniature). */
function* noteSteps(db: ReturnType<typeof openDatabase>, text: string): Steps<void> {
  yield { step: 'applying', done: 0, total: 1 };
  db.prepare('INSERT INTO local_note (service_id, body, updated_at) VALUES (?, ?, ?)').run('svc-x', text, new Date().toISOString());
  yield { step: 'applying', done: 1, total: 1 };
}

const notes = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT body FROM local_note').pluck().all();

// What an install makes beside its write (the file's copy for recovery) must be done before the write
// commits: until then the desk sees the directory as it was, and if it fails nothing is written.
describe('a write that waits before its commit', () => {
  const desk = tempDbsEachTest();

  it('commits only once what it waits for is done, the desk seeing nothing before', async () => {
    const { db, path } = desk();
    const writer = openDatabase(path);
    let release!: () => void;
    const copied = new Promise<void>((resolve) => (release = resolve));
    let waiting = false;
    const writing = writeStepsAsync(writer, noteSteps(writer, 'call back at 9'), {}, () => ((waiting = true), copied));
    while (!waiting) await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(notes(db)).toEqual([]);
    release();
    await writing;
    expect(notes(db)).toEqual(['call back at 9']);
    writer.close();
  });

  it('writes nothing when what it waits for fails, or when a cancel is asked for meanwhile', async () => {
    const { db, path } = desk();
    const writer = openDatabase(path);
    await expect(writeStepsAsync(writer, noteSteps(writer, 'lost'), {}, () => Promise.reject(new Error('the copy failed')))).rejects.toThrow('the copy failed');
    let cancelled = false;
    const listener = { isCancelled: () => cancelled };
    await expect(writeStepsAsync(writer, noteSteps(writer, 'cancelled'), listener, async () => void (cancelled = true))).rejects.toBeInstanceOf(ImportCancelled);
    expect(notes(db)).toEqual([]);
    expect(writer.inTransaction).toBe(false);
    // The connection writes as usual afterwards.
    await writeStepsAsync(writer, noteSteps(writer, 'kept'), {}, async () => {});
    expect(notes(db)).toEqual(['kept']);
    writer.close();
  });
});
