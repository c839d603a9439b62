import { useTranslation } from 'react-i18next';
import type { DatasetProblem } from '../../../../shared/import-types';

/** Enough rows to act on; the CLI (`referral-atlas validate PATH`) lists the first 1,000. */
const SHOWN = 200;

/** `total` counts them all: the report lists only the first 1,000. */
export function ImportProblems({ problems, total, kind }: { problems: DatasetProblem[]; total: number; kind: 'errors' | 'warnings' }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <section className={`import-problems ${kind}`} aria-label={kind === 'errors' ? t('importErrors', { count: total }) : t('importWarnings', { count: total })}>
      <h3 role={kind === 'errors' ? 'alert' : undefined}>
        {kind === 'errors' ? t('importErrors', { count: total }) : t('importWarnings', { count: total })}
      </h3>
      <table>
        <thead>
          <tr>
            <th>{t('importProblemFile')}</th>
            <th>{t('importProblemRow')}</th>
            <th>{t('importProblemField')}</th>
            <th>{t('importProblemMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, SHOWN).map((p, i) => (
            <tr key={i}>
              <td>{p.file}</td>
              <td>{p.row ?? ''}</td>
              <td className="import-field">{p.field ?? ''}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > SHOWN ? <p className="muted">{t('importMoreProblems', { count: total - SHOWN })}</p> : null}
    </section>
  );
}
