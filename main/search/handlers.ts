import { join } from 'node:path';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { loadGazetteer, type Gazetteer } from '../geo/gazetteer';
import type { Handlers } from '../handler-types';
import { createSearchEngine } from './engine';
import { createIndexPreparation } from './build/index-preparation';

/**
 * The search and geocode channels. The gazetteer (2 MB) loads on first use, not at start. A stale search
 * index is rebuilt on a writer connection while search answers how far that has got; without one (the
 * bench) the first search rebuilds it in place.
 */
export function createSearchHandlers(db: Db, reader: ServiceReader, dataDir?: string, openWriter?: () => Db): Pick<Handlers, 'search' | 'geocode'> {
  let gazetteer: Gazetteer | null = null;
  // The default is right for the sources (tests); built and packaged entry points pass their data folder.
  const places = () => (gazetteer ??= loadGazetteer(join(dataDir ?? join(__dirname, '..', '..', 'data'), 'gazetteer.json')));
  const engine = createSearchEngine(db, reader, places);
  const preparation = openWriter ? createIndexPreparation(db, openWriter) : null;
  return {
    search: (q) => preparation?.pending() ?? engine.search(q),
    geocode: ({ text, limit }) => ({ matches: places().lookup(text, limit) }),
  };
}
