import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { atlas } from '../atlas';
import type { UiLanguage } from '../i18n';
import { ReferralSheetDocument } from './ReferralSheetDocument';
import { useReferralList } from './referral-list';
import { usePendingSave } from '../desk/usePendingSave';
import { useServiceDetails } from './useServiceDetails';

/** Prepares, prints and saves the referral sheet; takes the place of the search panes while open. */
export function ReferralSheetScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const list = useReferralList();
  const [sheetLang, setSheetLang] = useState<UiLanguage>(i18n.language === 'es' ? 'es' : 'en');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const { details, loading, error } = useServiceDetails(list.ids);
  const heading = useRef<HTMLHeadingElement>(null);
  const { waiting, track } = usePendingSave();

  useEffect(() => {
    heading.current?.focus();
    return () => document.getElementById('open-referral-sheet')?.focus();
  }, []);

  const report = (result: { ok: true; value: unknown } | { ok: false; error: string }, text: (value: unknown) => string) =>
    setStatus(result.ok ? { text: text(result.value), error: false } : { text: result.error, error: true });

  const savePdf = async () => {
    const date = new Date().toISOString().slice(0, 10);
    report(await atlas().saveReferralSheetPdf({ fileName: `referral-sheet-${date}.pdf` }), (v) => {
      const path = (v as { path: string | null }).path;
      return path ? t('savedTo', { path }) : t('saveCancelled');
    });
  };
  const keepList = async () => report(await track(atlas().saveReferralList({ serviceIds: [...list.ids] })), () => t('listSaved'));
  const openKept = async () => {
    const result = await atlas().savedReferralList(undefined);
    if (result.ok) list.replace(result.value);
    report(result, (ids) => ((ids as string[]).length === 0 ? t('noSavedList') : ''));
  };

  const empty = list.ids.length === 0;
  return (
    <section className="sheet-screen" aria-labelledby="sheet-screen-title">
      <div className="sheet-controls">
        <h2 id="sheet-screen-title" ref={heading} tabIndex={-1}>
          {t('referralSheet')}
        </h2>
        <label className="inline-field">
          {t('sheetLanguage')}
          <select value={sheetLang} onChange={(e) => setSheetLang(e.target.value as UiLanguage)}>
            <option value="en" lang="en">English</option>
            <option value="es" lang="es">Español</option>
          </select>
        </label>
        <button type="button" onClick={() => window.print()} disabled={empty}>
          {t('printSheet')}
        </button>
        <button type="button" onClick={() => void savePdf()} disabled={empty}>
          {t('savePdf')}
        </button>
        <button type="button" onClick={() => void keepList()} disabled={empty}>
          {t('saveList')}
        </button>
        <button type="button" onClick={() => void openKept()}>
          {t('openSavedList')}
        </button>
        <button type="button" onClick={list.clear} disabled={empty}>
          {t('clearList')}
        </button>
        <button type="button" onClick={onClose}>
          {t('backToSearch')}
        </button>
      </div>
      <p className="sheet-privacy muted">{t('sheetPrivacy')}</p>
      <div role="status" className={`sheet-status${status?.error || error ? ' error' : ''}`}>
        {error ?? (waiting ? t('savingWaiting') : status?.text)}
      </div>
      {empty ? (
        <p className="message">{t('sheetEmpty')}</p>
      ) : loading && details.length === 0 ? (
        <p className="message" aria-busy="true">
          {t('loading')}
        </p>
      ) : (
        <ReferralSheetDocument details={details} lang={sheetLang} onRemove={list.remove} removeLabel={t('remove')} uiLang={i18n.language as UiLanguage} />
      )}
    </section>
  );
}
