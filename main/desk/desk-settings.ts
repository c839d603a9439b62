import type { DeskSettings, UiLanguageSetting } from '../../shared/domain';
import type { Db } from '../db/open';

const UI_LANGUAGE = 'ui_language';
const REFERRAL_LIST = 'saved_referral_list';

/**
 * The desk's preferences and the one referral list a worker chose to keep, in local_setting. Only
 * service ids are kept: nothing about the client, and nothing unless the worker saves it.
 */
export function createDeskSettings(db: Db) {
  const get = db.prepare('SELECT value FROM local_setting WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const read = (key: string): string | null => (get.get(key) as { value: string } | undefined)?.value ?? null;

  const settings = (): DeskSettings => ({ uiLanguage: read(UI_LANGUAGE) === 'es' ? 'es' : 'en' });

  return {
    settings,
    setUiLanguage(uiLanguage: UiLanguageSetting): DeskSettings {
      set.run(UI_LANGUAGE, uiLanguage);
      return settings();
    },
    saveReferralList(serviceIds: string[]): null {
      set.run(REFERRAL_LIST, JSON.stringify([...new Set(serviceIds)]));
      return null;
    },
    savedReferralList(): string[] {
      const raw = read(REFERRAL_LIST);
      if (!raw) return [];
      try {
        const ids: unknown = JSON.parse(raw);
        return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return [];
      }
    },
  };
}
