import { useTranslation } from 'react-i18next';
import type { DatasetProblem } from '../../../../shared/import-types';

/** Enough rows to act on; the CLI (`referral-atlas validate PATH`) lists every one. */
const SHOWN = 200;

export function ImportProblems({ problems, kind }: { problems: DatasetProblem[]; kind: 'errors' | 'warnings' }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <section className={`import-problems ${kind}`} aria-label={kind === 'errors' ? t('importErrors', { count: problems.length }) : t('importWarnings', { count: problems.length })}>
      <h3 role={kind === 'errors' ? 'alert' : undefined}>
        {kind === 'errors' ? t('importErrors', { count: problems.length }) : t('importWarnings', { count: problems.length })}
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
      {problems.length > SHOWN ? <p className="muted">{t('importMoreProblems', { count: problems.length - SHOWN })}</p> : null}
    </section>
  );
}
