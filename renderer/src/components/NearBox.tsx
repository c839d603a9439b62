import { useTranslation } from 'react-i18next';
import type { SearchFilters } from '../search-filters';
import { PlacePicker } from './PlacePicker';
import { placeQuery, usePlaceLookup } from './usePlaceLookup';

const RADII = [5, 10, 25, 50, 100];

/**
 * "Near": a ZIP code or California place, geocoded offline. One match is used at once; a name that
 * fits several places (two Chinatowns, a name still being typed) opens a picker; none is said plainly.
 */
export function NearBox({ filters, onChange }: { filters: SearchFilters; onChange: (f: SearchFilters) => void }) {
  const { t } = useTranslation();
  const { text, type, lookup, choose, clear } = usePlaceLookup(
    (m) => onChange({ ...filters, near: placeQuery(m), radiusKm: filters.radiusKm ?? 25, sort: filters.sort ?? 'distance' }),
    () => onChange({ ...filters, near: undefined, radiusKm: undefined, sort: undefined }),
  );

  return (
    <div className="near">
      <div className="near-row">
        <label className="near-input">
          <span>{t('nearLabel')}</span>
          <input type="text" value={text} title={text} placeholder={t('nearPlaceholder')} aria-invalid={lookup.status === 'none'} onChange={(e) => type(e.target.value)} />
        </label>
        {filters.near ? (
          <>
            <select aria-label={t('radiusLabel')} value={filters.radiusKm ?? ''} onChange={(e) => onChange({ ...filters, radiusKm: e.target.value ? Number(e.target.value) : undefined })}>
              {RADII.map((r) => (
                <option key={r} value={r}>
                  {t('withinKm', { count: r })}
                </option>
              ))}
              <option value="">{t('anyDistance')}</option>
            </select>
            <select aria-label={t('sortLabel')} value={filters.sort ?? 'relevance'} onChange={(e) => onChange({ ...filters, sort: e.target.value as 'relevance' | 'distance' })}>
              <option value="relevance">{t('sortRelevance')}</option>
              <option value="distance">{t('sortDistance')}</option>
            </select>
            <button type="button" className="link-button" onClick={clear} aria-label={t('clearNear')}>
              ×
            </button>
          </>
        ) : null}
      </div>
      <PlacePicker lookup={lookup} text={text} onChoose={choose} />
    </div>
  );
}
