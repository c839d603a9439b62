import type { CallMark, CallMarkStatus, LocalRecord } from '../../shared/domain';
import type { Db } from '../db/open';
import { createDirectoryIds } from './directory-ids';

/**
 * The call marks kept per service: the newest ones, which say whether the listing still holds. Older
 * ones make way, so one service's history (or a page marking in a loop) cannot grow without end.
 */
export const MAX_MARKS_PER_SERVICE = 50;

/** Notes and call marks the desk keeps on a service, in the local_* tables no import or sync touches. */
export function createLocalRecords(db: Db, now: () => Date = () => new Date()) {
  const directory = createDirectoryIds(db);
  const stmts = {
    note: db.prepare('SELECT body, updated_at AS updatedAt FROM local_note WHERE service_id = ?'),
    upsertNote: db.prepare(
      `INSERT INTO local_note (service_id, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(service_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    ),
    deleteNote: db.prepare('DELETE FROM local_note WHERE service_id = ?'),
    marks: db.prepare(
      `SELECT status, comment, marked_at AS markedAt FROM local_call_mark WHERE service_id = ? ORDER BY marked_at DESC, id DESC LIMIT ${MAX_MARKS_PER_SERVICE}`,
    ),
    addMark: db.prepare('INSERT INTO local_call_mark (service_id, status, comment, marked_at) VALUES (?, ?, ?, ?)'),
    dropOldMarks: db.prepare(
      `DELETE FROM local_call_mark WHERE service_id = ? AND id NOT IN
       (SELECT id FROM local_call_mark WHERE service_id = ? ORDER BY marked_at DESC, id DESC LIMIT ${MAX_MARKS_PER_SERVICE})`,
    ),
  };

  const record = (serviceId: string): LocalRecord => ({
    note: (stmts.note.get(serviceId) as LocalRecord['note'] | undefined) ?? null,
    marks: stmts.marks.all(serviceId) as CallMark[],
  });

  return {
    record,
    /**
     * An empty note removes the note rather than keeping a blank one. A note kept on a service an update
     * has since removed can still be edited or cleared; a new one needs a service the directory lists.
     */
    saveNote(serviceId: string, body: string): LocalRecord {
      if (!directory.has(serviceId) && !stmts.note.get(serviceId)) throw new Error('That service is not in the directory, so no note was kept.');
      const text = body.trim();
      if (text) stmts.upsertNote.run(serviceId, text, now().toISOString());
      else stmts.deleteNote.run(serviceId);
      return record(serviceId);
    },
    markCall(serviceId: string, status: CallMarkStatus, comment?: string): LocalRecord {
      if (!directory.has(serviceId)) throw new Error('That service is not in the directory, so the call was not marked.');
      stmts.addMark.run(serviceId, status, comment?.trim() || null, now().toISOString());
      stmts.dropOldMarks.run(serviceId, serviceId);
      return record(serviceId);
    },
  };
}
