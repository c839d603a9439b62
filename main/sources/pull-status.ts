import type { PullResult } from '../../shared/domain';
import type { Db, ReadDb } from '../db/open';

/**
 * The desk's record of each source in `source_status` (migration 009), which installs, removals and
 * rollbacks never touch: whether the person paused it, and when it was last pulled and how that went.
 * `lastPull` is the start of the last attempt, failed or not (its result says which): the Settings screen
 * and `source list` answer "did the last pull work?", and the rows' own install time is kept apart.
 */
export interface SourceStatus {
  paused: boolean;
  lastPull: string | null;
  lastResult: PullResult | null;
}

/** What a pull's summary is recorded as: its counts, and its first error as a sentence. */
export interface PullOutcome {
  ok: boolean;
  added: number;
  changed: number;
  removed: number;
  quarantined: unknown[];
  errors: string[];
}

export function recordPull(db: Db, name: string, at: string, r: PullOutcome): void {
  const result: PullResult = { ok: r.ok, added: r.added, changed: r.changed, removed: r.removed, quarantined: r.quarantined.length, error: r.errors[0] ?? null };
  db.prepare('INSERT INTO source_status (name, last_pull, last_result) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_pull = excluded.last_pull, last_result = excluded.last_result').run(name, at, JSON.stringify(result));
}

export function writePaused(db: Db, name: string, paused: boolean): void {
  db.prepare('INSERT INTO source_status (name, paused) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET paused = excluded.paused').run(name, paused ? 1 : 0);
}

export const isPaused = (db: ReadDb, name: string): boolean => db.prepare('SELECT paused FROM source_status WHERE name = ?').pluck().get(name) === 1;

/** A name added again starts afresh: not paused, never pulled. Removal keeps the record, so a rollback finds the source as it was. */
export const forgetStatus = (db: Db, name: string): void => void db.prepare('DELETE FROM source_status WHERE name = ?').run(name);

export function sourceStatuses(db: ReadDb): Map<string, SourceStatus> {
  const rows = db.prepare('SELECT name, paused, last_pull AS lastPull, last_result AS lastResult FROM source_status').all() as { name: string; paused: number; lastPull: string | null; lastResult: string | null }[];
  return new Map(rows.map((r) => [r.name, { paused: r.paused === 1, lastPull: r.lastPull, lastResult: r.lastResult ? (JSON.parse(r.lastResult) as PullResult) : null }]));
}
