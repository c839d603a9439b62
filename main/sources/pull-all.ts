import type { Db } from '../db/open';
import { pullConfigs } from './pull-config';
import { isPaused } from './pull-status';
import { pullSource, type PullOptions, type PullSummary } from './pull-source';

/** What `source pull --all` prints: each pull, and the sources skipped because they are paused. */
export interface PullAllSummary {
  ok: boolean;
  pulls: PullSummary[];
  paused: string[];
}

/**
 * Pulls every source pulled from an address, one after another, except those paused. One failing does
 * not stop the others: each applies or not on its own, and `ok` says whether all of them worked.
 */
export async function pullAllSources(db: Db, options: PullOptions = {}): Promise<PullAllSummary> {
  const names = [...pullConfigs(db).keys()];
  const paused = names.filter((n) => isPaused(db, n));
  const pulls: PullSummary[] = [];
  for (const name of names.filter((n) => !paused.includes(n))) pulls.push(await pullSource(db, name, options));
  return { ok: pulls.every((p) => p.ok), pulls, paused };
}
