import i18next from 'i18next';
import type { DeskSettings, UiLanguageSetting } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import { atlas } from '../atlas';

function apply(lang: UiLanguageSetting): Promise<unknown> {
  document.documentElement.lang = lang;
  return i18next.changeLanguage(lang);
}

/** The screen language the desk chose last time (local_setting); English when none or unreadable. */
export async function loadDeskLanguage(): Promise<void> {
  const result = await atlas().settings(undefined);
  await apply(result.ok ? result.value.uiLanguage : 'en');
}

/** Switches the screen at once; the answer says whether the choice was kept for next time. */
export async function setDeskLanguage(lang: UiLanguageSetting): Promise<Result<DeskSettings>> {
  await apply(lang);
  return atlas().setUiLanguage({ uiLanguage: lang });
}
