import i18next from 'i18next';
import type { ServiceDetail } from '../../../shared/domain';
import { isVerifiedWithinMonths, STALE_AFTER_MONTHS } from '../../../shared/freshness';
import { localDateStamp } from '../../../shared/local-date';
import { NATIONAL_HOTLINE_NUMBER, sheetCodeTarget } from '../../../shared/referral-sheet';
import { termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { agesText, dateText, placeText } from '../i18n/format';
import { hoursText } from '../i18n/hours-text';
import { QrCode } from './QrCode';

/** Typed on the sheet screen for one sheet, printed, never stored. */
export interface SheetContact {
  name: string;
  phone: string;
}

type SheetT = ReturnType<typeof i18next.getFixedT>;

/**
 * The printable sheet, in the language chosen for this sheet (not the screen's). Public facts only:
 * phones, hours, languages, who is served, and an address when the location is not confidential. No
 * desk notes, no call marks, nothing about the client; a neutral title, and the national hotline always.
 */
export function ReferralSheetDocument({
  details,
  lang,
  contact,
  onRemove,
  removeLabel,
  uiLang,
}: {
  details: ServiceDetail[];
  lang: UiLanguage;
  contact: SheetContact;
  onRemove: (id: string) => void;
  /** The remove button is a screen control, in the screen's language. */
  removeLabel: string;
  uiLang: UiLanguage;
}) {
  const t = i18next.getFixedT(lang);
  const now = new Date();
  const name = contact.name.trim();
  const phone = contact.phone.trim();
  return (
    <article className="sheet-doc" lang={lang} aria-labelledby="sheet-doc-title">
      <h3 id="sheet-doc-title" className="sheet-title">
        {t('sheetTitle')}
      </h3>
      <p className="sheet-date">{t('sheetPrepared', { date: dateText(localDateStamp(now), lang) })}</p>
      {name || phone ? (
        <p className="sheet-contact">
          {[name ? t('sheetContactName', { name }) : null, phone ? t('sheetContactPhone', { phone }) : null].filter(Boolean).join(' · ')}
        </p>
      ) : null}
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
            {isVerifiedWithinMonths(d.assuredDate, STALE_AFTER_MONTHS, now) ? null : <p className="sheet-call-first">{t('sheetCallFirst')}</p>}
            <div className="sheet-service-body">
              <ServiceFacts d={d} t={t} lang={lang} />
              <ServiceCode d={d} t={t} />
            </div>
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

function ServiceFacts({ d, t, lang }: { d: ServiceDetail; t: SheetT; lang: UiLanguage }) {
  const hours = hoursText(d.schedules, t, lang);
  const serves = d.populations.filter((p) => p.state === 'serves').map((p) => termLabel(p.id, lang));
  const ages = agesText(d.minimumAge, d.maximumAge, t);
  return (
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
      <dd>
        {hours.lines.length > 0
          ? hours.lines.map((line, i) => <div key={i}>{line}</div>)
          : hours.providerWords.length > 0
            ? hours.providerWords.map((words, i) => (
                <div key={i}>
                  “{words}” <span className="sheet-provider-words">{t('sheetProviderWords')}</span>
                </div>
              ))
            : t('hoursNotStated')}
      </dd>
      <dt>{t('sheetLanguages')}</dt>
      <dd>{d.languages.length === 0 ? t('languagesNotStated') : d.languages.map((l) => termLabel(l, lang)).join(', ')}</dd>
      {serves.length > 0 ? (
        <>
          <dt>{t('sheetServes')}</dt>
          <dd>{serves.join(', ')}</dd>
        </>
      ) : null}
      {ages ? (
        <>
          <dt>{t('sheetAges')}</dt>
          <dd>{ages}</dd>
        </>
      ) : null}
      <dt>{t('sheetAddress')}</dt>
      <dd>{addressText(d, t)}</dd>
    </dl>
  );
}

/** The service's QR code: its phone to call, or its address to find. */
function ServiceCode({ d, t }: { d: ServiceDetail; t: SheetT }) {
  const target = sheetCodeTarget(d.phones, d.locations);
  if (!target) return null;
  const caption = t(target.kind === 'phone' ? 'sheetCodePhone' : 'sheetCodeAddress');
  return (
    <figure className="sheet-code">
      <QrCode text={target.uri} label={`${caption}: ${d.name}`} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function addressText(d: ServiceDetail, t: SheetT): string {
  if (d.virtual) return t('sheetNoPublicAddress');
  const known = d.locations.filter((l) => !l.confidential).flatMap((l) => placeText(l, t) ?? []);
  if (d.locations.some((l) => l.confidential)) known.push(t('sheetAddressConfidential'));
  return known.length > 0 ? known.join(' · ') : t('locationUnknown');
}
