import type { z } from 'zod';
import type { Db, ReadDb } from './open';

/**
 * One of the desk's own settings in local_setting (never touched by an import or a sync): its key, the
 * schema a stored value must pass, and what a desk gets when none is stored or the stored one is damaged
 * or from an older build. `text` settings are stored as the bare text (as they always were), the rest as JSON.
 */
export interface LocalSetting<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  text?: boolean;
}

export function readSetting<T>(db: ReadDb, setting: LocalSetting<T>): T {
  return readStoredSetting(db, setting).value;
}

/** The setting and whether a stored value had to be set aside as damaged, for settings that must say so. */
export function readStoredSetting<T>(db: ReadDb, setting: LocalSetting<T>): { value: T; damaged: boolean } {
  const row = db.prepare('SELECT value FROM local_setting WHERE key = ?').get(setting.key) as { value: string } | undefined;
  if (!row) return { value: setting.fallback, damaged: false };
  let stored: unknown = row.value;
  if (!setting.text) {
    try {
      stored = JSON.parse(row.value);
    } catch {
      return { value: setting.fallback, damaged: true };
    }
  }
  const parsed = setting.schema.safeParse(stored);
  return parsed.success ? { value: parsed.data, damaged: false } : { value: setting.fallback, damaged: true };
}

export function writeSetting<T>(db: Db, setting: LocalSetting<T>, value: T): void {
  const stored = setting.text ? String(value) : JSON.stringify(value);
  db.prepare('INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(setting.key, stored);
}
