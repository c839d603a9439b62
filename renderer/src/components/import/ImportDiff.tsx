import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/import-types';
import { fieldLabel } from './field-label';

const SHOWN = 100;

export function ImportDiff({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const d = report.diff;
  if (!d) return null;
  const more = (n: number) => (n > SHOWN ? <li className="muted">{t('importMoreProblems', { count: n - SHOWN })}</li> : null);
  return (
    <section className="import-diff" aria-label={t('importDiffTitle')}>
      <h3>{t('importDiffTitle')}</h3>
      {report.notesOnRemoved.length > 0 ? (
        <div className="alert">
          <p>{t('importNotesOnRemoved')}</p>
          <ul className="plain">
            {report.notesOnRemoved.map((n) => (
              <li key={n.serviceId}>
                <strong>{n.serviceName}</strong>: {n.note}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="import-diff-columns">
        {d.added.length > 0 ? (
          <div>
            <h4>{t('importAdded')}</h4>
            <ul className="plain diff-added">
              {d.added.slice(0, SHOWN).map((s) => <li key={s.id}>+ {s.name}</li>)}
              {more(d.added.length)}
            </ul>
          </div>
        ) : null}
        {d.removed.length > 0 ? (
          <div>
            <h4>{t('importRemoved')}</h4>
            <ul className="plain diff-removed">
              {d.removed.slice(0, SHOWN).map((s) => <li key={s.id}>− {s.name}</li>)}
              {more(d.removed.length)}
            </ul>
          </div>
        ) : null}
      </div>
      {d.changed.length > 0 ? (
        <div>
          <h4>{t('importChanged')}</h4>
          <ul className="plain diff-changed">
            {d.changed.slice(0, SHOWN).map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>
                <ul className="plain">
                  {s.fields.map((f) => (
                    <li key={f.field}>
                      <span className="diff-field">{fieldLabel(f, t)}</span>: <del>{f.old ?? t('importEmpty')}</del> → <ins>{f.new ?? t('importEmpty')}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {more(d.changed.length)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
