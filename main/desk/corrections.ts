import type { CallMark } from '../../shared/domain';
import type { ReadDb } from '../db/open';
import type { ServiceReader } from '../db/service-read';

export interface CorrectionEntry {
  serviceId: string;
  /** False when the service has left the installed directory since the note was written. */
  inDirectory: boolean;
  name: string | null;
  organization: string | null;
  /** The phones the directory lists now, so the reviewer sees what the desk was calling. */
  listedPhones: string[];
  note: string | null;
  noteUpdatedAt: string | null;
  /** Newest first. */
  callMarks: CallMark[];
}

export interface CorrectionsFile {
  format: 'referral-atlas-corrections';
  formatVersion: 1;
  exportedAt: string;
  dataset: { id: string | null; version: string | null };
  services: CorrectionEntry[];
}

/**
 * Everything the desk has noted or marked, per service, for a coordinator to review and fold into the
 * next directory. Nothing about clients is stored, so nothing about clients can be exported.
 */
export function buildCorrections(db: ReadDb, reader: ServiceReader, now: Date = new Date()): CorrectionsFile {
  const ids = (
    db
      .prepare('SELECT service_id FROM local_note UNION SELECT service_id FROM local_call_mark ORDER BY service_id')
      .all() as { service_id: string }[]
  ).map((r) => r.service_id);
  const note = db.prepare('SELECT body, updated_at FROM local_note WHERE service_id = ?');
  const marks = db.prepare(
    'SELECT status, comment, marked_at AS markedAt FROM local_call_mark WHERE service_id = ? ORDER BY marked_at DESC, id DESC',
  );
  const install = db.prepare('SELECT dataset_id, version FROM dataset_install ORDER BY id DESC LIMIT 1').get() as
    | { dataset_id: string; version: string | null }
    | undefined;
  return {
    format: 'referral-atlas-corrections',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    dataset: { id: install?.dataset_id ?? null, version: install?.version ?? null },
    services: ids.map((serviceId) => {
      const card = reader.card(serviceId);
      const n = note.get(serviceId) as { body: string; updated_at: string } | undefined;
      return {
        serviceId,
        inDirectory: card != null,
        name: card?.name ?? null,
        organization: card?.organization ?? null,
        listedPhones: card?.phones.map((p) => p.number + (p.extension ? ` ext. ${p.extension}` : '')) ?? [],
        note: n?.body ?? null,
        noteUpdatedAt: n?.updated_at ?? null,
        callMarks: marks.all(serviceId) as CallMark[],
      };
    }),
  };
}
