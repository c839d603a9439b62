import { DEFAULT_TILE_URL, mapSettingsInput, type MapSettings } from '../../shared/map-contract';
import type { Db } from '../db/open';

const KEY = 'map.settings';
const DEFAULTS: MapSettings = { onlineTiles: false, tileUrl: DEFAULT_TILE_URL };

/** The desk's map settings, kept in local_setting so no import or sync touches them. Online tiles start off. */
export function readMapSettings(db: Db): MapSettings {
  const row = db.prepare('SELECT value FROM local_setting WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULTS;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return DEFAULTS;
  }
  // A damaged or outdated value falls back to the safe default: online tiles off.
  const parsed = mapSettingsInput.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULTS;
}

export function writeMapSettings(db: Db, settings: MapSettings): MapSettings {
  db.prepare('INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(settings));
  return settings;
}
