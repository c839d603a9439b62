import { join } from 'node:path';
import { loadAreaTable, type AreaTable } from './area-table';
import { loadGazetteer, type Gazetteer } from './gazetteer';

export interface OfflineTables {
  /** data/gazetteer.json (2 MB): ZIP codes and California places to points. */
  gazetteer: () => Gazetteer;
  /** data/areas.json (0.7 MB) with the gazetteer: service area names and the places they cover. */
  areas: () => AreaTable;
  /** Whether the area table knows a service area name (import warns about those it does not). */
  knownArea: (name: string) => boolean;
}

const loaded = new Map<string, { gazetteer?: Gazetteer; areas?: AreaTable }>();

/** The data folder as the sources see it (tests); built and packaged entry points pass theirs. */
export const sourceDataDir = (): string => join(__dirname, '..', '..', 'data');

/** The offline place tables of a data folder, each loaded on first use and then shared by search and import. */
export function offlineTables(dataDir: string = sourceDataDir()): OfflineTables {
  let tables = loaded.get(dataDir);
  if (!tables) loaded.set(dataDir, (tables = {}));
  const gazetteer = () => (tables.gazetteer ??= loadGazetteer(join(dataDir, 'gazetteer.json')));
  const areas = () => (tables.areas ??= loadAreaTable(join(dataDir, 'areas.json'), gazetteer()));
  return { gazetteer, areas, knownArea: (name) => areas().resolveName(name) !== null };
}
