import { useTranslation } from 'react-i18next';
import type { UnflaggedShelter } from '../../../../shared/import-types';

/**
 * The shelter sites an import would show with their address: each ticked one is installed flagged
 * confidential. All start ticked, since a safe house's address shown is the harm that cannot be undone;
 * the coordinator unticks a site whose address is public.
 */
export function ImportShelters({ shelters, marked, onChange, disabled }: { shelters: UnflaggedShelter[]; marked: ReadonlySet<string>; onChange: (marked: Set<string>) => void; disabled: boolean }) {
  const { t } = useTranslation();
  if (shelters.length === 0) return null;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(marked);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <section className="import-shelters" aria-labelledby="import-shelters-title">
      <h3 id="import-shelters-title">{t('importSheltersTitle', { count: shelters.length })}</h3>
      <p>{t('importSheltersHint')}</p>
      <div className="import-shelters-actions">
        <button type="button" className="secondary" onClick={() => onChange(new Set(shelters.map((s) => s.locationId)))} disabled={disabled}>
          {t('importSheltersAll')}
        </button>
        <button type="button" className="secondary" onClick={() => onChange(new Set())} disabled={disabled}>
          {t('importSheltersNone')}
        </button>
      </div>
      <ul className="plain">
        {shelters.map((s) => (
          <li key={s.locationId}>
            <label>
              <input type="checkbox" checked={marked.has(s.locationId)} onChange={(e) => toggle(s.locationId, e.target.checked)} disabled={disabled} />{' '}
              <strong>{s.services.join('; ')}</strong> <span className="muted">{s.place}</span>
            </label>
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {t('importSheltersMarked', { count: shelters.filter((s) => marked.has(s.locationId)).length })}
      </p>
    </section>
  );
}
