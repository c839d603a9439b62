import type { SourcePaused } from '../../shared/domain';
import type { Db } from '../db/open';
import { pullConfigs } from './pull-config';
import { writePaused } from './pull-status';
import { storedSource } from './source-target';

/**
 * Pauses or resumes a source pulled from an address: a paused one is skipped when every source is pulled
 * and refused when pulled by name, and its services stay as they are. Only pulled sources can be paused:
 * nothing pulls a file or the bundled directory, and a feed has its own checks on the Directory updates
 * screen. Pausing a paused source changes nothing.
 */
export function pauseSource(db: Db, name: string, paused: boolean): SourcePaused {
  if (!pullConfigs(db).has(name)) {
    const stored = storedSource(db, name);
    if (!stored) throw new Error(`There is no source named "${name}" (see \`source list\`). Nothing was changed.`);
    throw new Error(`"${name}" is a ${stored.kind} source, which nothing pulls from an address, so there is nothing to ${paused ? 'pause' : 'resume'}.${stored.kind === 'feed' ? ' A feed is checked from Directory updates (`sync`).' : ''} Nothing was changed.`);
  }
  writePaused(db, name, paused);
  return { source: name, paused };
}
