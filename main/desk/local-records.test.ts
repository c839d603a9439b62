import { afterAll, describe, expect, it } from 'vitest';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { tempDb } from '../test-support/temp-db';
import { createLocalRecords } from './local-records';

describe('local notes and call marks', () => {
  const t = tempDb({ starter: true });
  afterAll(() => t.cleanup());
  const hotline = () =>
    (t.db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string }).id;
  let clock = new Date('2026-11-23T10:00:00Z');
  const records = createLocalRecords(t.db, () => clock);

  it('keeps one note per service, replaced on save and removed when emptied', () => {
    const id = hotline();
    expect(records.record(id)).toEqual({ note: null, marks: [] });
    records.saveNote(id, '  Ask for the Spanish line  ');
    expect(records.record(id).note).toEqual({ body: 'Ask for the Spanish line', updatedAt: '2026-11-23T10:00:00.000Z' });
    records.saveNote(id, 'Interpreter came on in 2 minutes');
    expect(records.record(id).note?.body).toBe('Interpreter came on in 2 minutes');
    records.saveNote(id, '   ');
    expect(records.record(id).note).toBeNull();
  });

  it('lists call marks newest first with their dates', () => {
    const id = hotline();
    records.markCall(id, 'still_valid');
    clock = new Date('2026-11-24T09:00:00Z');
    const after = records.markCall(id, 'changed', 'New extension 3');
    expect(after.marks).toEqual([
      { status: 'changed', comment: 'New extension 3', markedAt: '2026-11-24T09:00:00.000Z' },
      { status: 'still_valid', comment: null, markedAt: '2026-11-23T10:00:00.000Z' },
    ]);
  });

  it('takes back the newest mark once, and no older one', () => {
    const id = hotline();
    clock = new Date('2026-11-25T05:04:00Z');
    records.markCall(id, 'closed');
    const undone = records.unmarkCall(id, '2026-11-25T05:04:00.000Z');
    expect(undone.marks.map((m) => m.status)).toEqual(['changed', 'still_valid']);
    // Undo pressed twice for the same mark, or for a mark that is no longer the newest: nothing more goes.
    expect(records.unmarkCall(id, '2026-11-25T05:04:00.000Z').marks).toHaveLength(2);
    expect(records.unmarkCall(id, '2026-11-23T10:00:00.000Z').marks).toHaveLength(2);
  });

  it('sums up, for a page of cards, which have a note and the newest call mark', () => {
    const id = hotline();
    const other = (t.db.prepare('SELECT id FROM service WHERE id <> ? ORDER BY id LIMIT 1').get(id) as { id: string }).id;
    expect(records.summaries([id, other, 'no-such-service'])).toEqual([
      { serviceId: id, hasNote: false, lastMark: { status: 'changed', comment: 'New extension 3', markedAt: '2026-11-24T09:00:00.000Z' } },
    ]);
    records.saveNote(other, 'Only a note');
    expect(records.summaries([id, other, 'no-such-service'])).toEqual([
      { serviceId: id, hasNote: false, lastMark: { status: 'changed', comment: 'New extension 3', markedAt: '2026-11-24T09:00:00.000Z' } },
      { serviceId: other, hasNote: true, lastMark: null },
    ]);
    records.saveNote(other, '');
  });

  it('survives a new directory being installed over the old one', () => {
    const id = hotline();
    records.saveNote(id, 'Kept across updates');
    const { tables } = flattenHsdsJson([]);
    // Into the bundled source, whose services the note's is one of.
    installDataset(t.db, tables, { datasetId: 'empty', version: '2', source: 'starter' });
    expect(t.db.prepare('SELECT count(*) AS n FROM service').get()).toEqual({ n: 0 });
    expect(records.record(id).note?.body).toBe('Kept across updates');
    expect(records.record(id).marks).toHaveLength(2);
  });
});
