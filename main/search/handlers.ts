import { join } from 'node:path';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { loadGazetteer, type Gazetteer } from '../geo/gazetteer';
import type { Handlers } from '../handlers';
import { createSearchEngine } from './engine';

/** The search and geocode channels. The gazetteer (2 MB) loads on first use, not at start. */
export function createSearchHandlers(db: Db, reader: ServiceReader, dataDir?: string): Pick<Handlers, 'search' | 'geocode'> {
  let gazetteer: Gazetteer | null = null;
  // The default is right for the sources (tests); built and packaged entry points pass their data folder.
  const places = () => (gazetteer ??= loadGazetteer(join(dataDir ?? join(__dirname, '..', '..', 'data'), 'gazetteer.json')));
  const engine = createSearchEngine(db, reader, places);
  return {
    search: (q) => engine.search(q),
    geocode: ({ text, limit }) => ({ matches: places().lookup(text, limit) }),
  };
}
