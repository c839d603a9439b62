import { useTranslation } from 'react-i18next';
import type { DatasetDiff } from '../../../../shared/import-types';
import { fieldLabel } from '../import/field-label';

const SHOWN = 30;

/** Added, changed (with which fields) and removed services, the first few of each by name. */
export function DiffList({ diff }: { diff: DatasetDiff }) {
  const { t } = useTranslation();
  const groups = [
    { key: 'added', title: t('syncAdded', { count: diff.added.length }), items: diff.added.map((s) => ({ id: s.id, text: s.name })) },
    { key: 'changed', title: t('syncChanged', { count: diff.changed.length }), items: diff.changed.map((s) => ({ id: s.id, text: `${s.name}: ${[...new Set(s.fields.map((f) => fieldLabel(f, t)))].join(', ')}` })) },
    { key: 'removed', title: t('syncRemoved', { count: diff.removed.length }), items: diff.removed.map((s) => ({ id: s.id, text: s.name })) },
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
              {g.items.length > SHOWN ? <li className="muted">{t('syncMore', { count: g.items.length - SHOWN })}</li> : null}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
