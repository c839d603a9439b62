import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { offlineTables } from '../geo/offline-tables';
import type { Handlers } from '../handler-types';
import { createSearchEngine } from './engine';
import { createIndexPreparation } from './build/index-preparation';

/**
 * The search, geocode and area outline channels. The gazetteer (2 MB) and the area table (0.7 MB) load
 * on first use, not at start. A stale search
 * index is rebuilt on a writer connection while search answers how far that has got; without one (the
 * bench) the first search rebuilds it in place.
 */
export function createSearchHandlers(
  db: Db,
  reader: ServiceReader,
  dataDir?: string,
  openWriter?: () => Db,
): Pick<Handlers, 'search' | 'geocode' | 'serviceAreaOutline'> {
  const { gazetteer: places, areas } = offlineTables(dataDir);
  const engine = createSearchEngine(db, reader, places, areas);
  const preparation = openWriter ? createIndexPreparation(db, openWriter) : null;
  return {
    search: (q) => preparation?.pending() ?? engine.search(q),
    geocode: ({ text, limit }) => ({ matches: places().lookup(text, limit) }),
    // Nothing to draw while the index is being prepared: the outline comes with the next selection.
    serviceAreaOutline: ({ id }) => {
      if (preparation?.pending()) return null;
      const polygons = engine.areaOutline(id);
      return polygons ? { polygons } : null;
    },
  };
}
