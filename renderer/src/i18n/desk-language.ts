import i18next from 'i18next';
import type { UiLanguageSetting } from '../../../shared/domain';
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

export async function setDeskLanguage(lang: UiLanguageSetting): Promise<void> {
  await apply(lang);
  await atlas().setUiLanguage({ uiLanguage: lang });
}
