import { useTranslation } from 'react-i18next';
import { DIFF_SHOWN, type ImportReport } from '../../../../shared/import-types';
import { fieldLabel } from './field-label';

export function ImportDiff({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const d = report.diff;
  const counts = report.diffCounts;
  if (!d || !counts) return null;
  const more = (n: number) => (n > DIFF_SHOWN ? <li className="muted">{t('importMoreProblems', { count: n - DIFF_SHOWN })}</li> : null);
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
              {d.added.slice(0, DIFF_SHOWN).map((s) => <li key={s.id}>+ {s.name}</li>)}
              {more(counts.added)}
            </ul>
          </div>
        ) : null}
        {d.removed.length > 0 ? (
          <div>
            <h4>{t('importRemoved')}</h4>
            <ul className="plain diff-removed">
              {d.removed.slice(0, DIFF_SHOWN).map((s) => <li key={s.id}>− {s.name}</li>)}
              {more(counts.removed)}
            </ul>
          </div>
        ) : null}
      </div>
      {d.changed.length > 0 ? (
        <div>
          <h4>{t('importChanged')}</h4>
          <ul className="plain diff-changed">
            {d.changed.slice(0, DIFF_SHOWN).map((s) => (
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
            {more(counts.changed)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
