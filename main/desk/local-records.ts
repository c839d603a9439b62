import type { CallMark, CallMarkStatus, LocalRecord } from '../../shared/domain';
import type { Db } from '../db/open';

/** Notes and call marks the desk keeps on a service, in the local_* tables no import or sync touches. */
export function createLocalRecords(db: Db, now: () => Date = () => new Date()) {
  const stmts = {
    note: db.prepare('SELECT body, updated_at AS updatedAt FROM local_note WHERE service_id = ?'),
    upsertNote: db.prepare(
      `INSERT INTO local_note (service_id, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(service_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    ),
    deleteNote: db.prepare('DELETE FROM local_note WHERE service_id = ?'),
    marks: db.prepare(
      'SELECT status, comment, marked_at AS markedAt FROM local_call_mark WHERE service_id = ? ORDER BY marked_at DESC, id DESC',
    ),
    addMark: db.prepare('INSERT INTO local_call_mark (service_id, status, comment, marked_at) VALUES (?, ?, ?, ?)'),
    removeNewestMark: db.prepare(
      `DELETE FROM local_call_mark WHERE id = (SELECT id FROM local_call_mark WHERE service_id = ? ORDER BY marked_at DESC, id DESC LIMIT 1)
       AND marked_at = ?`,
    ),
  };

  const record = (serviceId: string): LocalRecord => ({
    note: (stmts.note.get(serviceId) as LocalRecord['note'] | undefined) ?? null,
    marks: stmts.marks.all(serviceId) as CallMark[],
  });

  return {
    record,
    /** An empty note removes the note rather than keeping a blank one. */
    saveNote(serviceId: string, body: string): LocalRecord {
      const text = body.trim();
      if (text) stmts.upsertNote.run(serviceId, text, now().toISOString());
      else stmts.deleteNote.run(serviceId);
      return record(serviceId);
    },
    markCall(serviceId: string, status: CallMarkStatus, comment?: string): LocalRecord {
      stmts.addMark.run(serviceId, status, comment?.trim() || null, now().toISOString());
      return record(serviceId);
    },
    /** Undo: only the newest mark, and only while it is the one the worker saw (made at `markedAt`). */
    unmarkCall(serviceId: string, markedAt: string): LocalRecord {
      stmts.removeNewestMark.run(serviceId, markedAt);
      return record(serviceId);
    },
  };
}
