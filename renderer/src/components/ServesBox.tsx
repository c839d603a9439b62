import type { SearchFilters } from '../search-filters';
import { PlacePicker } from './PlacePicker';
import { placeQuery, usePlaceLookup } from './usePlaceLookup';
import { useSharedTranslation } from '../i18n/shared-translation';

/**
 * "Serves": where the client lives, a ZIP code or California place. Keeps the services whose service
 * area covers it (county, polygon, state, nation or ZIP), wherever their office is; those that state no
 * area stay, marked, unless "confirmed only".
 */
export function ServesBox({ filters, onChange }: { filters: SearchFilters; onChange: (f: SearchFilters) => void }) {
  const { t } = useSharedTranslation();
  const { text, type, lookup, notFound, settle, choose, clear } = usePlaceLookup(
    (m) => onChange({ ...filters, serves: placeQuery(m) }),
    () => onChange({ ...filters, serves: undefined }),
  );

  return (
    <div className="near serves">
      <div className="near-row">
        <label className="near-input" title={t('servesNote')}>
          <span>{t('servesLabel')}</span>
          <input
            type="text"
            value={text}
            placeholder={t('servesPlaceholder')}
            aria-invalid={notFound}
            onChange={(e) => type(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && settle()}
          />
        </label>
        {filters.serves ? (
          <button type="button" className="link-button" onClick={clear} aria-label={t('clearServes')}>
            ×
          </button>
        ) : null}
      </div>
      <PlacePicker lookup={lookup} notFound={notFound} text={text} onChoose={choose} />
    </div>
  );
}
