import { memo, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDetail } from '../../../shared/domain';
import { isVerifiedWithinMonths, STALE_AFTER_MONTHS } from '../../../shared/freshness';
import { openStateAt } from '../../../shared/schedule-open';
import { termLabel } from '../../../shared/vocabulary';
import { atlas } from '../atlas';
import type { UiLanguage } from '../i18n';
import { agesText, dateText, placeText } from '../i18n/format';
import { hoursText } from '../i18n/hours-text';
import { LocalNotes } from '../desk/LocalNotes';
import { useLocalRecord } from '../desk/useLocalRecord';
import { VerificationNotice } from '../desk/VerificationNotice';
import { useReferralList } from '../sheet/referral-list';
import { useNow } from '../desk/useNow';
import { isTyping } from '../desk/DeskRoot';
import { sourceLabel } from '../source-label';
import { ExternalLink } from './ExternalLink';
import { PhoneLink } from './PhoneLink';

type DetailState = { status: 'loading' } | { status: 'done'; detail: ServiceDetail | null } | { status: 'error'; error: string };

/** Memoized: a keystroke or an answer changes nothing here until another service is selected. */
export const DetailPane = memo(ServiceDetailPane);

function ServiceDetailPane({ serviceId }: { serviceId: string | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  useEffect(() => {
    if (!serviceId) return;
    let current = true;
    setState({ status: 'loading' });
    void atlas()
      .serviceDetail({ id: serviceId })
      .then((r) => {
        if (current) setState(r.ok ? { status: 'done', detail: r.value } : { status: 'error', error: r.error });
      });
    return () => {
      current = false;
    };
  }, [serviceId]);

  // One short line is said when a service is shown (the pane itself is not live: the whole detail would be
  // read out at each selection, and again at each minute's "open now"); it stays mounted so it is heard.
  const said = serviceId && state.status === 'done' && state.detail ? t('detailShowing', { name: state.detail.name }) : '';
  return (
    <>
      <div className="visually-hidden detail-said" aria-live="polite">
        {said}
      </div>
      <DetailBody serviceId={serviceId} state={state} />
    </>
  );
}

function DetailBody({ serviceId, state }: { serviceId: string | null; state: DetailState }) {
  const { t } = useTranslation();
  if (!serviceId) return <div className="message muted">{t('selectPrompt')}</div>;
  if (state.status === 'loading') return <div className="message" aria-busy="true">{t('loading')}</div>;
  if (state.status === 'error' || !state.detail) {
    return (
      <div className="message error" role="alert">
        <strong>{t('errorTitle')}</strong>
        <p>{state.status === 'error' ? state.error : serviceId}</p>
      </div>
    );
  }
  return <Detail key={state.detail.id} d={state.detail} />;
}

/** Answers, at a glance: can they take this person, tonight, and how do I reach them. */
function Detail({ d }: { d: ServiceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const now = useNow();
  const list = useReferralList();
  const local = useLocalRecord(d.id);
  const onSheet = list.has(d.id);
  const toggleSheet = () => (onSheet ? list.remove(d.id) : list.add(d.id));

  // "a" adds the service on screen to the sheet (or takes it off), wherever focus is: in the results too.
  // A layout effect, so the key works from the moment the detail is on screen.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'a' || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      toggleSheet();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const recent = isVerifiedWithinMonths(d.assuredDate, STALE_AFTER_MONTHS, now);
  const open = openStateAt(d.schedules, now);
  const hours = hoursText(d.schedules, t, lang);
  const ages = agesText(d.minimumAge, d.maximumAge, t);
  // HSDS units are free text; the common one is shown in the screen language.
  const unitText = (unit: string) => (/^beds?$/i.test(unit.trim()) ? t('unit_beds') : unit);
  const serves = d.populations.filter((p) => p.state === 'serves');
  const excludes = d.populations.filter((p) => p.state === 'excludes');

  return (
    <article className="detail" aria-labelledby="detail-title">
      {d.alert ? (
        <div className="alert" role="note">
          {d.alert}
        </div>
      ) : null}
      <div className="detail-head">
        <div>
          <h2 id="detail-title">{d.name}</h2>
          {d.organization !== d.name ? <div className="detail-org">{d.organization}</div> : null}
        </div>
        <button type="button" className={onSheet ? 'on-sheet' : 'primary'} aria-pressed={onSheet} aria-keyshortcuts="A" onClick={toggleSheet}>
          {onSheet ? `✓ ${t('onSheet')}` : t('addToSheet')}
        </button>
      </div>
      <VerificationNotice verifiedRecently={recent} assuredDate={d.assuredDate} newestMark={local.record?.marks[0] ?? null} />
      {d.description ? <p className="description">{d.description}</p> : null}

      <Section title={t('phones')}>
        {d.phones.length === 0 ? (
          <span className="unknown">{t('phoneUnknown')}</span>
        ) : (
          <ul className="plain phones">
            {d.phones.map((p, i) => (
              <li key={i}>
                <PhoneLink phone={p} />
                {p.languages.length > 0 ? <span className="muted"> {t('phoneLanguages', { languages: p.languages.map((l) => termLabel(l, lang)).join(', ') })}</span> : null}
                {p.description ? <span className="muted"> — {p.description}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('hours')}>
        {d.schedules.length === 0 ? (
          <span className="unknown">{t('hoursNotStated')}</span>
        ) : (
          <>
            <span className={`open-state open-${open}`}>{t(open === 'open' ? 'openNow' : open === 'closed' ? 'closedNow' : 'openUnknown')}</span>
            <ul className="plain">
              {hours.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            {hours.providerWords.length > 0 ? (
              <div className="provider-words">
                <span className="muted">{t('hoursProviderWords')}</span>{' '}
                {hours.providerWords.map((words, i) => (
                  <q key={i}>{words}</q>
                ))}
              </div>
            ) : null}
          </>
        )}
      </Section>

      {d.capacity.length > 0 ? (
        <Section title={t('capacity')}>
          <ul className="plain">
            {d.capacity.map((c, i) => (
              <li key={i}>
                <strong>
                  {c.maximum != null
                    ? t('capacityOf', { available: c.available, maximum: c.maximum, unit: unitText(c.unit) })
                    : t('capacityAvailable', { available: c.available, unit: unitText(c.unit) })}
                </strong>
                <span className="muted"> · {t('capacityUpdated', { when: dateText(c.updated, lang, true) })}</span>
                {c.description ? <div className="muted">{c.description}</div> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title={t('languages')}>
        {d.languages.length === 0 ? (
          <span className="unknown">{t('languagesNotStated')}</span>
        ) : (
          d.languages.map((l) => termLabel(l, lang)).join(', ')
        )}
        {d.languageNotes.map((n, i) => (
          <div key={i} className="language-note">
            {termLabel(n.code, lang)}: {n.note}
          </div>
        ))}
        {d.interpretationServices ? (
          <div>
            {t('interpretation')}: {d.interpretationServices}
          </div>
        ) : null}
      </Section>

      <Section title={t('populations')}>
        <ul className="plain">
          {serves.map((p) => (
            <li key={p.id} className="pop-serves">
              ✓ {t('serves')}: {termLabel(p.id, lang)}
            </li>
          ))}
          {excludes.map((p) => (
            <li key={p.id} className="pop-excludes">
              ✗ {t('excludes')}: {termLabel(p.id, lang)}
            </li>
          ))}
          <li className="unknown">? {d.populations.length === 0 ? t('populationsNotStated') : t('populationsOthersUnknown')}</li>
        </ul>
      </Section>

      <dl className="facts">
        <Fact term={t('serviceArea')} value={d.serviceAreas.length > 0 ? d.serviceAreas.join('; ') : null} />
        <Fact term={t('eligibility')} value={d.eligibility} />
        <Fact term={t('ages')} value={ages} />
        <Fact term={t('requiredDocuments')} value={d.requiredDocuments.length > 0 ? d.requiredDocuments.join(', ') : null} />
        <Fact term={t('fees')} value={d.fees} />
      </dl>

      <Section title={t('locations')}>
        {d.virtual ? (
          t('phoneAndOnline')
        ) : d.locations.length === 0 ? (
          <span className="unknown">{t('locationUnknown')}</span>
        ) : (
          <ul className="plain">
            {d.locations.map((l) => (
              <li key={l.id}>
                {l.confidential ? (
                  <span className="confidential">{t('confidentialLocation')}</span>
                ) : (
                  (placeText(l, t) ?? <span className="unknown">{t('locationUnknown')}</span>)
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {d.categories.length > 0 ? (
        <Section title={t('categories')}>{d.categories.map((c) => termLabel(c, lang)).join(', ')}</Section>
      ) : null}

      <LocalNotes key={d.id} serviceId={d.id} record={local.record} onRecord={local.setRecord} loadError={local.loadError} />

      <footer className="provenance">
        {d.source ? (
          <div className="directory-source">
            {t('directorySource')}: {sourceLabel(d.source, t)}
          </div>
        ) : null}
        <div>
          {t('verifiedOn')}: {d.assuredDate ? dateText(d.assuredDate, lang) : <span className="unknown">{t('notVerified')}</span>}
        </div>
        {d.lastModified ? (
          <div>
            {t('lastModified')}: {dateText(d.lastModified, lang)}
          </div>
        ) : null}
        {d.sources.length > 0 ? (
          <div className="sources">
            {t('sources')}:
            <ul>
              {d.sources.map((s, i) => (
                <li key={i}>
                  {s.url ? <ExternalLink href={s.url}>{s.url}</ExternalLink> : null}
                  {s.fields ? <span className="muted"> — {t('sourceFields', { fields: s.fields.split(',').join(', ') })}</span> : null}
                  {s.date ? <span className="muted"> · {t('sourceRead', { date: dateText(s.date, lang) })}</span> : null}
                  {s.note ? <div className="muted">{s.note}</div> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </footer>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3>{title}</h3>
      <div>{children}</div>
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value ?? <span className="unknown">{t('notStated')}</span>}</dd>
    </div>
  );
}
