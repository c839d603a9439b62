import type { ReadDb } from '../db/open';
import type { SourceKind } from './source-target';

/** A source as `source list` and the app show it. */
export interface SourceSummary {
  name: string;
  kind: SourceKind;
  /** Where it comes from: a file path, a URL, or "starter" for the bundled directory. */
  url: string;
  services: number;
  /** When its services were last installed (an import, a pull, a sync). */
  lastPull: string;
}

/** Every source, the bundled one first, then by name. */
export function listSources(db: ReadDb): SourceSummary[] {
  return db
    .prepare(
      `SELECT s.name, s.kind, s.origin AS url, s.updated_at AS lastPull,
              (SELECT count(*) FROM service WHERE atlas_source = s.name) AS services
       FROM source s ORDER BY s.kind <> 'bundled', s.name`,
    )
    .all() as SourceSummary[];
}
