import type { Db } from '../db/open';
import type { AppliedVersionView } from '../../shared/sync-types';

export interface Subscription {
  /** null until the first successful sync stores it (the CLI subscribes and applies in one step). */
  id: number | null;
  url: string;
  pin: string;
  datasetId: string | null;
  /** Highest version ever applied from this feed. */
  version: number | null;
  manifestSha256: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface AppliedMark {
  version: number;
  manifestSha256: string;
}

interface SubscriptionRow {
  id: number;
  url: string;
  pin: string;
  dataset_id: string | null;
  version: number | null;
  manifest_sha256: string | null;
  etag: string | null;
  last_modified: string | null;
}

const fromRow = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  url: r.url,
  pin: r.pin,
  datasetId: r.dataset_id,
  version: r.version,
  manifestSha256: r.manifest_sha256,
  etag: r.etag,
  lastModified: r.last_modified,
});

export function createSubscriptionStore(db: Db) {
  return {
    list: (): Subscription[] => (db.prepare('SELECT * FROM feed_subscription ORDER BY id').all() as SubscriptionRow[]).map(fromRow),
    byId: (id: number): Subscription | null => {
      const row = db.prepare('SELECT * FROM feed_subscription WHERE id = ?').get(id) as SubscriptionRow | undefined;
      return row ? fromRow(row) : null;
    },
    byUrl: (url: string): Subscription | null => {
      const row = db.prepare('SELECT * FROM feed_subscription WHERE url = ?').get(url) as SubscriptionRow | undefined;
      return row ? fromRow(row) : null;
    },
    /** Inserts or updates; returns the stored id. */
    save: (s: Subscription): number => {
      if (s.id === null) {
        return Number(
          db
            .prepare('INSERT INTO feed_subscription (url, pin, dataset_id, version, manifest_sha256, etag, last_modified, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(s.url, s.pin, s.datasetId, s.version, s.manifestSha256, s.etag, s.lastModified, new Date().toISOString()).lastInsertRowid,
        );
      }
      db.prepare('UPDATE feed_subscription SET dataset_id = ?, version = ?, manifest_sha256 = ?, etag = ?, last_modified = ? WHERE id = ?').run(
        s.datasetId,
        s.version,
        s.manifestSha256,
        s.etag,
        s.lastModified,
        s.id,
      );
      return s.id;
    },
    remove: (id: number): void => {
      db.prepare('DELETE FROM feed_subscription WHERE id = ?').run(id);
    },
    recordApplied: (subscriptionId: number, entry: AppliedVersionView & { manifestSha256: string }): void => {
      db.prepare('INSERT INTO feed_applied (subscription_id, version, manifest_sha256, applied_at, kind, added, changed, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        subscriptionId,
        entry.version,
        entry.manifestSha256,
        entry.appliedAt,
        entry.kind,
        entry.added,
        entry.changed,
        entry.removed,
      );
    },
    /**
     * The highest version of a publisher's dataset applied through any address: what "never go backwards"
     * is measured against, since the same feed can be reached by more than one URL.
     */
    highestApplied: (pin: string, datasetId: string): AppliedMark | null =>
      (db.prepare('SELECT version, manifest_sha256 AS manifestSha256 FROM feed_high_water WHERE pin = ? AND dataset_id = ?').get(pin, datasetId) as AppliedMark | undefined) ?? null,
    raiseHighest: (pin: string, datasetId: string, mark: AppliedMark): void => {
      db.prepare(
        `INSERT INTO feed_high_water (pin, dataset_id, version, manifest_sha256) VALUES (?, ?, ?, ?)
         ON CONFLICT (pin, dataset_id) DO UPDATE SET version = excluded.version, manifest_sha256 = excluded.manifest_sha256 WHERE excluded.version > version`,
      ).run(pin, datasetId, mark.version, mark.manifestSha256);
    },
    history: (subscriptionId: number): AppliedVersionView[] =>
      db
        .prepare('SELECT version, applied_at AS appliedAt, kind, added, changed, removed FROM feed_applied WHERE subscription_id = ? ORDER BY id DESC')
        .all(subscriptionId) as AppliedVersionView[],
  };
}
