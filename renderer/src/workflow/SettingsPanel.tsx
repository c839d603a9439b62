import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiLanguageSetting } from '../../../shared/domain';
import { atlas } from '../atlas';
import { setDeskLanguage } from '../i18n/desk-language';
import { Dialog } from './Dialog';

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [exported, setExported] = useState<{ text: string; error: boolean } | null>(null);
  const exportCorrections = async () => {
    const result = await atlas().exportCorrections(undefined);
    if (!result.ok) setExported({ text: result.error, error: true });
    else setExported({ text: result.value.path ? t('savedTo', { path: result.value.path }) : t('saveCancelled'), error: false });
  };
  return (
    <Dialog title={t('settings')} onClose={onClose}>
      <fieldset className="field">
        <legend>{t('uiLanguage')}</legend>
        {(['en', 'es'] as UiLanguageSetting[]).map((lang) => (
          <label key={lang} className="radio" lang={lang}>
            <input
              type="radio"
              name="ui-language"
              value={lang}
              checked={i18n.language === lang}
              onChange={() => void setDeskLanguage(lang)}
            />
            {t(lang === 'en' ? 'languageEnglish' : 'languageSpanish')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <button type="button" onClick={() => void exportCorrections()}>
          {t('exportCorrections')}
        </button>
        <p className="muted">{t('exportCorrectionsHint')}</p>
        {exported ? (
          <p role="status" className={exported.error ? 'error' : undefined}>
            {exported.text}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
