import { join } from 'node:path';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { loadGazetteer, type Gazetteer } from '../geo/gazetteer';
import type { Handlers } from '../handlers';
import { createSearchEngine } from './engine';

/** The search and geocode channels. The gazetteer (2 MB) loads on first use, not at start. */
export function createSearchHandlers(db: Db, reader: ServiceReader, dataDir?: string): Pick<Handlers, 'search' | 'geocode'> {
  let gazetteer: Gazetteer | null = null;
  // data/ sits two levels up from both main/search (tests) and out/main (builds); packaged apps pass resources/data.
  const places = () => (gazetteer ??= loadGazetteer(join(dataDir ?? join(__dirname, '..', '..', 'data'), 'gazetteer.json')));
  const engine = createSearchEngine(db, reader, places);
  return {
    search: (q) => engine.search(q),
    geocode: ({ text, limit }) => ({ matches: places().lookup(text, limit) }),
  };
}
