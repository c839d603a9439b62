import type { CallMark, CallMarkStatus, LocalRecord, LocalSummary } from '../../shared/domain';
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
    // One read for a page of cards: the ids as a JSON array, each with its note (if any) and newest mark.
    summaries: db.prepare(
      `SELECT ids.value AS serviceId, n.service_id IS NOT NULL AS hasNote, m.status, m.comment, m.marked_at AS markedAt
       FROM json_each(?) ids
       LEFT JOIN local_note n ON n.service_id = ids.value
       LEFT JOIN local_call_mark m ON m.id = (SELECT id FROM local_call_mark WHERE service_id = ids.value ORDER BY marked_at DESC, id DESC LIMIT 1)
       WHERE n.service_id IS NOT NULL OR m.id IS NOT NULL`,
    ),
  };

  const record = (serviceId: string): LocalRecord => ({
    note: (stmts.note.get(serviceId) as LocalRecord['note'] | undefined) ?? null,
    marks: stmts.marks.all(serviceId) as CallMark[],
  });

  return {
    record,
    summaries(serviceIds: readonly string[]): LocalSummary[] {
      const rows = stmts.summaries.all(JSON.stringify(serviceIds)) as { serviceId: string; hasNote: number; status: CallMarkStatus | null; comment: string | null; markedAt: string | null }[];
      return rows.map((r) => ({
        serviceId: r.serviceId,
        hasNote: r.hasNote === 1,
        lastMark: r.status && r.markedAt ? { status: r.status, comment: r.comment, markedAt: r.markedAt } : null,
      }));
    },
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
  };
}
