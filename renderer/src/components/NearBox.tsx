import { SEARCH_RADII_KM } from '../../../shared/domain';
import type { SearchFilters } from '../search-filters';
import { PlacePicker } from './PlacePicker';
import { placeQuery, usePlaceLookup } from './usePlaceLookup';
import { useSharedTranslation } from '../i18n/shared-translation';

/**
 * "Near": a ZIP code or California place, geocoded offline (usePlaceLookup). Choosing a place keeps the
 * order: best match when there are words, nearest when there are none. The radius and order take a row
 * of their own under the box, so the box keeps the width a place name needs.
 */
export function NearBox({ filters, onChange, hasText }: { filters: SearchFilters; onChange: (f: SearchFilters) => void; hasText: boolean }) {
  const { t } = useSharedTranslation();
  const { text, type, lookup, notFound, settle, choose, clear } = usePlaceLookup(
    (m) => onChange({ ...filters, near: placeQuery(m), radiusKm: filters.radiusKm ?? 25 }),
    () => onChange({ ...filters, near: undefined, radiusKm: undefined, sort: undefined }),
  );

  return (
    <div className="near near-place">
      <div className="near-row">
        <label className="near-input">
          <span>{t('nearLabel')}</span>
          <input
            type="text"
            value={text}
            title={text}
            placeholder={t('nearPlaceholder')}
            aria-invalid={notFound}
            onChange={(e) => type(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && settle()}
          />
        </label>
      </div>
      {filters.near ? (
        <div className="near-row near-options">
          <select aria-label={t('radiusLabel')} value={filters.radiusKm ?? ''} onChange={(e) => onChange({ ...filters, radiusKm: e.target.value ? Number(e.target.value) : undefined })}>
            {SEARCH_RADII_KM.map((r) => (
              <option key={r} value={r}>
                {t('withinKm', { count: r })}
              </option>
            ))}
            <option value="">{t('anyDistance')}</option>
          </select>
          <select
            aria-label={t('sortLabel')}
            value={filters.sort ?? (hasText ? 'relevance' : 'distance')}
            onChange={(e) => onChange({ ...filters, sort: e.target.value as 'relevance' | 'distance' })}
          >
            <option value="relevance">{t('sortRelevance')}</option>
            <option value="distance">{t('sortDistance')}</option>
          </select>
          <button type="button" className="link-button" onClick={clear} aria-label={t('clearNear')}>
            ×
          </button>
        </div>
      ) : null}
      <PlacePicker lookup={lookup} notFound={notFound} text={text} onChoose={choose} />
    </div>
  );
}
