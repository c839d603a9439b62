import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { offlineTables } from '../geo/offline-tables';
import type { Handlers } from '../handler-types';
import { createSearchEngine, SearchIndexNotLoaded, SearchIndexUnreadable } from './engine';
import { createIndexPreparation } from './build/index-preparation';

/**
 * The search, geocode and area outline channels. The gazetteer (2 MB) and the area table (0.7 MB) load
 * on first use, not at start. A stale search
 * index, or one that cannot be read, is rebuilt on a writer connection, and a large one read off this
 * thread, while search answers how far that has got; without a writer (the CLI, the bench) the first search
 * reads, or rebuilds, it in place.
 */
export function createSearchHandlers(
  db: Db,
  reader: ServiceReader,
  dataDir?: string,
  openWriter?: () => Db,
): Pick<Handlers, 'search' | 'mapItems' | 'mapTable' | 'mapServices' | 'geocode' | 'serviceAreaOutline'> {
  const { gazetteer: places, areas } = offlineTables(dataDir);
  const engine = createSearchEngine(db, reader, places, areas, { inBackground: !!openWriter });
  const preparation = openWriter ? createIndexPreparation(db, openWriter, () => engine.prepare()) : null;
  /** `use`'s answer, or how far the preparation has got when the stored index turns out unreadable or not yet read. */
  const orRebuild = <T>(use: () => T) => {
    try {
      return use();
    } catch (err) {
      if (err instanceof SearchIndexUnreadable && preparation) return preparation.rebuild();
      if (err instanceof SearchIndexNotLoaded && preparation) return preparation.read();
      throw err;
    }
  };
  /** `use`'s answer, or `none` while the index is being prepared (the map asks again with the next answer). */
  const orNone = <T>(use: () => T, none: T): T => {
    if (preparation?.pending()) return none;
    const answer = orRebuild(use);
    return answer !== null && typeof answer === 'object' && 'preparing' in answer ? none : answer;
  };
  return {
    search: (q) => preparation?.pending() ?? orRebuild(() => engine.search(q)),
    // While the index is being prepared there is no set to draw, and no number to resolve.
    mapItems: ({ set }) => orNone(() => engine.mapItems(set), null),
    mapTable: ({ index }) => orNone(() => engine.mapTable(index), null),
    mapServices: ({ index, ...which }) => orNone(() => engine.mapServices(index, which), []),
    geocode: ({ text, limit }) => ({ matches: places().lookup(text, limit) }),
    // Nothing to draw while the index is being prepared: the outline comes with the next selection.
    serviceAreaOutline: ({ id }) => {
      if (preparation?.pending()) return null;
      const polygons = orRebuild(() => engine.areaOutline(id));
      return polygons && !('preparing' in polygons) ? { polygons } : null;
    },
  };
}
