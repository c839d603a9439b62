import { useTranslation } from 'react-i18next';
import type { DatasetDiff, DiffCounts } from '../../../../shared/import-types';
import { fieldLabel } from '../import/field-label';

const SHOWN = 30;

/** Added, changed (with which fields) and removed services, the first few of each by name (`diff` holds the first of each, `counts` how many in all). */
export function DiffList({ diff, counts }: { diff: DatasetDiff; counts: DiffCounts }) {
  const { t } = useTranslation();
  const groups = [
    { key: 'added', title: t('syncAdded', { count: counts.added }), total: counts.added, items: diff.added.map((s) => ({ id: s.id, text: s.name })) },
    { key: 'changed', title: t('syncChanged', { count: counts.changed }), total: counts.changed, items: diff.changed.map((s) => ({ id: s.id, text: `${s.name}: ${[...new Set(s.fields.map((f) => fieldLabel(f, t)))].join(', ')}` })) },
    { key: 'removed', title: t('syncRemoved', { count: counts.removed }), total: counts.removed, items: diff.removed.map((s) => ({ id: s.id, text: s.name })) },
  ];
  return (
    <div className="sync-diff">
      {groups.map((g) => (
        <section key={g.key} className={`sync-diff-${g.key}`}>
          <h5>{g.title}</h5>
          {g.items.length > 0 ? (
            <ul className="plain">
              {g.items.slice(0, SHOWN).map((item) => (
                <li key={item.id}>{item.text}</li>
              ))}
              {g.total > SHOWN ? <li className="muted">{t('syncMore', { count: g.total - Math.min(SHOWN, g.items.length) })}</li> : null}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
