import i18next from 'i18next';
import type { ServiceDetail } from '../../../shared/domain';
import { NATIONAL_HOTLINE_NUMBER } from '../../../shared/referral-sheet';
import { termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { dateText, scheduleText } from '../i18n/format';

/**
 * The printable sheet, in the language chosen for this sheet (not the screen's). Public facts only:
 * phones, hours, languages and an address when the location is not confidential. No desk notes, no
 * call marks, nothing about the client; a neutral title, and the national hotline always.
 */
export function ReferralSheetDocument({
  details,
  lang,
  onRemove,
  removeLabel,
  uiLang,
}: {
  details: ServiceDetail[];
  lang: UiLanguage;
  onRemove: (id: string) => void;
  /** The remove button is a screen control, in the screen's language. */
  removeLabel: string;
  uiLang: UiLanguage;
}) {
  const t = i18next.getFixedT(lang);
  return (
    <article className="sheet-doc" lang={lang} aria-labelledby="sheet-doc-title">
      <h3 id="sheet-doc-title" className="sheet-title">
        {t('sheetTitle')}
      </h3>
      <p className="sheet-date">{t('sheetPrepared', { date: dateText(new Date().toISOString().slice(0, 10), lang) })}</p>
      <ol className="sheet-services">
        {details.map((d) => (
          <li key={d.id} className="sheet-service">
            <div className="sheet-service-head">
              <h4>{d.name}</h4>
              <button type="button" className="no-print link-button" onClick={() => onRemove(d.id)} aria-label={`${removeLabel}: ${d.name}`} lang={uiLang}>
                {removeLabel}
              </button>
            </div>
            {d.organization !== d.name ? <div className="sheet-org">{d.organization}</div> : null}
            <dl>
              <dt>{t('sheetPhones')}</dt>
              <dd>
                {d.phones.length === 0
                  ? t('phoneUnknown')
                  : d.phones.map((p, i) => (
                      <div key={i}>
                        <strong>{p.number}</strong>
                        {p.extension ? ` ext. ${p.extension}` : ''}
                        {p.type ? ` (${t(`phoneType_${p.type}`, { defaultValue: p.type })})` : ''}
                        {p.description ? ` — ${p.description}` : ''}
                      </div>
                    ))}
              </dd>
              <dt>{t('sheetHours')}</dt>
              <dd>{d.schedules.length === 0 ? t('hoursNotStated') : d.schedules.map((s, i) => <div key={i}>{scheduleText(s, t, lang)}</div>)}</dd>
              <dt>{t('sheetLanguages')}</dt>
              <dd>{d.languages.length === 0 ? t('languagesNotStated') : d.languages.map((l) => termLabel(l, lang)).join(', ')}</dd>
              <dt>{t('sheetAddress')}</dt>
              <dd>{addressText(d, t)}</dd>
            </dl>
          </li>
        ))}
      </ol>
      <aside className="sheet-hotline" aria-label={t('sheetHotlineName')}>
        <strong>{t('sheetHotlineName')}</strong>
        <div className="sheet-hotline-number">{NATIONAL_HOTLINE_NUMBER}</div>
        <div>{t('sheetHotlineText')}</div>
      </aside>
    </article>
  );
}

function addressText(d: ServiceDetail, t: ReturnType<typeof i18next.getFixedT>): string {
  if (d.virtual) return t('sheetNoPublicAddress');
  const lines = d.locations.filter((l) => !l.confidential).map((l) => l.address ?? (l.city ? `${l.city} (${t('approximate')})` : null));
  const known = lines.filter((l): l is string => l != null);
  if (d.locations.some((l) => l.confidential)) known.push(t('sheetAddressConfidential'));
  return known.length > 0 ? known.join(' · ') : t('locationUnknown');
}
