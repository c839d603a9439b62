import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiLanguageSetting } from '../../../shared/domain';
import { atlas } from '../atlas';
import { setDeskLanguage } from '../i18n/desk-language';
import { Dialog } from '../components/Dialog';
import { SourcesSection } from '../components/sources/SourcesSection';
import { usePendingSave } from './usePendingSave';

/** `onDataChanged`: a source was removed, so the search and the header's count must be read again. */
export function SettingsPanel({ onClose, onDataChanged }: { onClose: () => void; onDataChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [exported, setExported] = useState<{ text: string; error: boolean } | null>(null);
  const [languageError, setLanguageError] = useState<string | null>(null);
  const { waiting, track } = usePendingSave();
  const chooseLanguage = async (lang: UiLanguageSetting) => {
    const result = await track(setDeskLanguage(lang));
    setLanguageError(result.ok ? null : t('notSaved', { error: result.error }));
  };
  const exportCorrections = async () => {
    const result = await atlas().exportCorrections(undefined);
    if (!result.ok) setExported({ text: result.error, error: true });
    else setExported({ text: result.value.path ? t('savedTo', { path: result.value.path }) : t('saveCancelled'), error: false });
  };
  return (
    <Dialog title={t('settings')} onClose={onClose} wide>
      <fieldset className="field">
        <legend>{t('uiLanguage')}</legend>
        {(['en', 'es'] as UiLanguageSetting[]).map((lang) => (
          <label key={lang} className="radio" lang={lang}>
            <input
              type="radio"
              name="ui-language"
              value={lang}
              checked={i18n.language === lang}
              onChange={() => void chooseLanguage(lang)}
            />
            {t(lang === 'en' ? 'languageEnglish' : 'languageSpanish')}
          </label>
        ))}
        {waiting ? (
          <p className="muted" role="status">
            {t('savingWaiting')}
          </p>
        ) : null}
        {languageError ? (
          <p className="error" role="alert">
            {languageError}
          </p>
        ) : null}
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
      <SourcesSection onDataChanged={onDataChanged} />
    </Dialog>
  );
}
