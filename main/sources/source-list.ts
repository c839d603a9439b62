import type { ReadDb } from '../db/open';
import { pullConfigs } from './pull-config';
import type { SourceSummary } from '../../shared/domain';

/** Every source, the bundled one first, then by name; those added and not pulled yet last. */
export function listSources(db: ReadDb): SourceSummary[] {
  const installed = db
    .prepare(
      `SELECT s.name, s.kind, s.origin AS url, s.updated_at AS lastPull,
              (SELECT count(*) FROM service WHERE atlas_source = s.name) AS services
       FROM source s ORDER BY s.kind <> 'bundled', s.name`,
    )
    .all() as SourceSummary[];
  const pending = [...pullConfigs(db)].filter(([name]) => !installed.some((s) => s.name === name));
  return [...installed, ...pending.map(([name, c]) => ({ name, kind: c.kind, url: c.url, services: 0, lastPull: null }))];
}
