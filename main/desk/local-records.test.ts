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

  it('survives a new directory being installed over the old one', () => {
    const id = hotline();
    records.saveNote(id, 'Kept across updates');
    const { tables } = flattenHsdsJson([]);
    installDataset(t.db, tables, { datasetId: 'empty', version: '2', source: 'test' });
    expect(t.db.prepare('SELECT count(*) AS n FROM service').get()).toEqual({ n: 0 });
    expect(records.record(id).note?.body).toBe('Kept across updates');
    expect(records.record(id).marks).toHaveLength(2);
  });
});
