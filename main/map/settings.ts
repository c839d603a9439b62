import { DEFAULT_TILE_URL, mapSettingsInput, type MapSettings, type MapSettingsView } from '../../shared/map-contract';
import type { Db, ReadDb } from '../db/open';
import { readStoredSetting, writeSetting, type LocalSetting } from '../db/local-settings';

/** The desk's map settings. A damaged or outdated value falls back to the safe default: online tiles off. */
const MAP_SETTINGS: LocalSetting<MapSettings> = {
  key: 'map.settings',
  schema: mapSettingsInput,
  fallback: { onlineTiles: false, tileUrl: DEFAULT_TILE_URL },
};

/**
 * A stored value that no longer passes the rules the setting is saved under (a hand edit, an older file)
 * turns online tiles off and says so, rather than reaching the code that builds the page's policy.
 */
export function readMapSettings(db: ReadDb): MapSettingsView {
  const { value, damaged } = readStoredSetting(db, MAP_SETTINGS);
  return damaged ? { ...value, storedTileUrlUnusable: true } : value;
}

export function writeMapSettings(db: Db, settings: MapSettings): MapSettings {
  writeSetting(db, MAP_SETTINGS, settings);
  return settings;
}
