import { DEFAULT_TILE_URL, mapSettingsInput, type MapSettings, type MapSettingsView } from '../../shared/map-contract';
import type { Db } from '../db/open';

const KEY = 'map.settings';
const DEFAULTS: MapSettings = { onlineTiles: false, tileUrl: DEFAULT_TILE_URL };

/**
 * The desk's map settings, kept in local_setting so no import or sync touches them. Online tiles start
 * off. A stored value that no longer passes the rules the setting is saved under (a hand edit, an older
 * file) turns online tiles off and says so, rather than reaching the code that builds the page's policy.
 */
export function readMapSettings(db: Db): MapSettingsView {
  const row = db.prepare('SELECT value FROM local_setting WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULTS;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return { ...DEFAULTS, storedTileUrlUnusable: true };
  }
  const parsed = mapSettingsInput.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULTS, storedTileUrlUnusable: true };
}

export function writeMapSettings(db: Db, settings: MapSettings): MapSettings {
  db.prepare('INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(settings));
  return settings;
}
