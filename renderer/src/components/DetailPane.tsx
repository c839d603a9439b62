import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleView, ServiceDetail } from '../../../shared/domain';
import { termLabel } from '../../../shared/vocabulary';
import { atlas } from '../atlas';
import type { UiLanguage } from '../i18n';
import { PhoneLink } from './PhoneLink';

type DetailState = { status: 'loading' } | { status: 'done'; detail: ServiceDetail | null } | { status: 'error'; error: string };

export function DetailPane({ serviceId }: { serviceId: string | null }) {
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
  return <Detail d={state.detail} />;
}

function Detail({ d }: { d: ServiceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  return (
    <article className="detail" aria-labelledby="detail-title">
      {d.alert ? <div className="alert" role="note">{d.alert}</div> : null}
      <h2 id="detail-title">{d.name}</h2>
      <div className="detail-org">{d.organization}</div>
      {d.description ? <p className="description">{d.description}</p> : null}

      <Section title={t('phones')}>
        {d.phones.length === 0 ? (
          <span className="unknown">{t('phoneUnknown')}</span>
        ) : (
          <ul className="plain">
            {d.phones.map((p, i) => (
              <li key={i}>
                <PhoneLink phone={p} />
                {p.description ? <span className="muted"> — {p.description}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('hours')}>
        {d.schedules.length === 0 ? <span className="unknown">{t('hoursNotStated')}</span> : <Hours schedules={d.schedules} />}
      </Section>

      <Section title={t('languages')}>
        {d.languages.length === 0 ? (
          <span className="unknown">{t('languagesNotStated')}</span>
        ) : (
          d.languages.map((l) => termLabel(l, lang)).join(', ')
        )}
        {d.interpretationServices ? (
          <div>
            {t('interpretation')}: {d.interpretationServices}
          </div>
        ) : null}
      </Section>

      <Section title={t('populations')}>
        {d.populations.length === 0 ? (
          <span className="unknown">{t('populationsNotStated')}</span>
        ) : (
          <ul className="plain">
            {d.populations.map((p) => (
              <li key={p.id} className={`pop-${p.state}`}>
                {p.state === 'serves' ? '✓ ' : '✗ '}
                {t(p.state === 'serves' ? 'serves' : 'excludes')}: {termLabel(p.id, lang)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {d.categories.length > 0 ? (
        <Section title={t('categories')}>{d.categories.map((c) => termLabel(c, lang)).join(', ')}</Section>
      ) : null}

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
                  <>
                    {l.address ?? l.city ?? l.name}
                    {l.approximate ? <span className="muted"> ({t('approximate')})</span> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {d.eligibility ? <Section title={t('eligibility')}>{d.eligibility}</Section> : null}
      {d.minimumAge != null || d.maximumAge != null ? (
        <Section title={t('ages')}>
          {d.minimumAge ?? '?'}–{d.maximumAge ?? '?'}
        </Section>
      ) : null}
      {d.fees ? <Section title={t('fees')}>{d.fees}</Section> : null}
      {d.requiredDocuments.length > 0 ? <Section title={t('requiredDocuments')}>{d.requiredDocuments.join(', ')}</Section> : null}

      <footer className="provenance">
        <div>
          {t('verifiedOn')}: {d.assuredDate ?? <span className="unknown">{t('notVerified')}</span>}
        </div>
        {d.lastModified ? (
          <div>
            {t('lastModified')}: {d.lastModified.slice(0, 10)}
          </div>
        ) : null}
        {d.sources.map((s, i) => (
          <div key={i}>
            {t('sources')}: {s}
          </div>
        ))}
      </footer>
    </article>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <h3>{title}</h3>
      <div>{children}</div>
    </section>
  );
}

function Hours({ schedules }: { schedules: ScheduleView[] }) {
  return (
    <ul className="plain">
      {schedules.map((s, i) => (
        <li key={i}>{s.description ?? [s.byday, s.opensAt && s.closesAt ? `${s.opensAt}–${s.closesAt}` : null].filter(Boolean).join(' ')}</li>
      ))}
    </ul>
  );
}
