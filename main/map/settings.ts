import { DEFAULT_TILE_URL, mapSettingsInput, type MapSettings } from '../../shared/map-contract';
import type { Db, ReadDb } from '../db/open';
import { readSetting, writeSetting, type LocalSetting } from '../db/local-settings';

/** The desk's map settings. A damaged or outdated value falls back to the safe default: online tiles off. */
const MAP_SETTINGS: LocalSetting<MapSettings> = {
  key: 'map.settings',
  schema: mapSettingsInput,
  fallback: { onlineTiles: false, tileUrl: DEFAULT_TILE_URL },
};

export function readMapSettings(db: ReadDb): MapSettings {
  return readSetting(db, MAP_SETTINGS);
}

export function writeMapSettings(db: Db, settings: MapSettings): MapSettings {
  writeSetting(db, MAP_SETTINGS, settings);
  return settings;
}
