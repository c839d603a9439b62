import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DatasetProblem, RowsLikeIt } from '../../../../shared/import-types';

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
              <td className="import-field">{p.like ? columnText(p.like.column, t) : (p.field ?? '')}</td>
              <td>{p.like ? rowsLikeItText(p.like, t) : p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > SHOWN ? <p className="muted">{t('importMoreProblems', { count: total - SHOWN })}</p> : null}
    </section>
  );
}

const columnText = (column: string, t: TFunction) => t(`fieldColumn_${column}`, { defaultValue: column.replace(/_/g, ' ') });

/** "289,313 category links have ids that are not UUIDs; imported as they are": rows counted, named, and what was done. */
function rowsLikeItText(like: RowsLikeIt, t: TFunction): string {
  const things = t(`rowsOf_${like.table}`, { count: like.rows, defaultValue: t('rowsOfTable', { count: like.rows, table: like.table }) });
  const key = like.rule === 'uuid' && like.column === 'id' ? 'importLike_uuid_id' : `importLike_${like.rule}`;
  return t(key, { count: like.rows, things, column: columnText(like.column, t) });
}
