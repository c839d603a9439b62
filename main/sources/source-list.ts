import type { ReadDb } from '../db/open';
import { pullConfigs } from './pull-config';
import { sourceStatuses } from './pull-status';
import type { SourceSummary } from '../../shared/domain';

/**
 * Every source, the bundled one first, then by name; those added and not pulled yet last. A pulled
 * source's last pull is its last attempt, with its result (pull-status.ts); another's is its last install.
 */
export function listSources(db: ReadDb): SourceSummary[] {
  const installed = db
    .prepare(
      `SELECT s.name, s.kind, s.origin AS url, s.updated_at AS lastPull,
              (SELECT count(*) FROM service WHERE atlas_source = s.name) AS services
       FROM source s ORDER BY s.kind <> 'bundled', s.name`,
    )
    .all() as Omit<SourceSummary, 'lastResult' | 'paused'>[];
  const pending = [...pullConfigs(db)].filter(([name]) => !installed.some((s) => s.name === name));
  const statuses = sourceStatuses(db);
  return [...installed, ...pending.map(([name, c]) => ({ name, kind: c.kind, url: c.url, services: 0, lastPull: null }))].map((s) => {
    const status = statuses.get(s.name);
    return { ...s, lastPull: status?.lastPull ?? s.lastPull, lastResult: status?.lastResult ?? null, paused: status?.paused ?? false };
  });
}
