import { z } from 'zod';
import type { DeskSettings, UiLanguageSetting } from '../../shared/domain';
import type { Db } from '../db/open';
import { readSetting, writeSetting, type LocalSetting } from '../db/local-settings';
import { createDirectoryIds } from './directory-ids';

const UI_LANGUAGE: LocalSetting<UiLanguageSetting> = { key: 'ui_language', schema: z.enum(['en', 'es']), fallback: 'en', text: true };
// Ids that are not text are dropped, not the whole list.
const REFERRAL_LIST: LocalSetting<string[]> = {
  key: 'saved_referral_list',
  schema: z.array(z.unknown()).transform((ids) => ids.filter((x): x is string => typeof x === 'string')),
  fallback: [],
};

/**
 * The desk's preferences and the one referral list a worker chose to keep, in local_setting. Only
 * ids of services the directory lists are kept: nothing about the client, and nothing unless the worker
 * saves it.
 */
export function createDeskSettings(db: Db) {
  const directory = createDirectoryIds(db);
  const settings = (): DeskSettings => ({ uiLanguage: readSetting(db, UI_LANGUAGE) });

  return {
    settings,
    setUiLanguage(uiLanguage: UiLanguageSetting): DeskSettings {
      writeSetting(db, UI_LANGUAGE, uiLanguage);
      return settings();
    },
    saveReferralList(serviceIds: string[]): null {
      writeSetting(db, REFERRAL_LIST, directory.listed([...new Set(serviceIds)]));
      return null;
    },
    savedReferralList: (): string[] => readSetting(db, REFERRAL_LIST),
  };
}
