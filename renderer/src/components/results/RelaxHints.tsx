import { useTranslation } from 'react-i18next';
import type { RelaxableFilter, Relaxation } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n/en';
import type { SearchFilters } from '../../search-filters';

const FILTER_LABEL: Record<RelaxableFilter, MessageKey> = {
  categories: 'facetCategory',
  languages: 'facetLanguage',
  populations: 'facetPopulation',
  sources: 'facetSource',
  openNow: 'openNow',
  open24x7: 'open24x7',
  verified: 'facetVerified',
  serves: 'servesLabel',
  age: 'ageLabel',
  free: 'facet_free',
  noIdNeeded: 'facet_noIdNeeded',
  wheelchair: 'facet_wheelchair',
};

/** The filters with the relaxation applied: the one filter dropped, or the radius widened (undefined: any distance). */
function relaxed(f: SearchFilters, r: Relaxation): SearchFilters {
  if ('radiusKm' in r) return { ...f, radiusKm: r.radiusKm ?? undefined };
  switch (r.drop) {
    case 'categories':
      return { ...f, categories: undefined };
    case 'languages':
      return { ...f, languages: undefined };
    case 'populations':
      return { ...f, populations: undefined, confirmedOnly: undefined };
    case 'sources':
      return { ...f, sources: undefined };
    case 'openNow':
      return { ...f, openNow: undefined };
    case 'open24x7':
      return { ...f, open24x7: undefined };
    case 'verified':
      return { ...f, verifiedWithinMonths: undefined };
    case 'serves':
      return { ...f, serves: undefined };
    case 'age':
      return { ...f, age: undefined };
    case 'free':
      return { ...f, free: undefined };
    case 'noIdNeeded':
      return { ...f, noIdNeeded: undefined };
    case 'wheelchair':
      return { ...f, wheelchair: undefined };
  }
}

/**
 * Under an empty result: what one change would give, each a button that makes it ("12 services if
 * “Open now” is dropped", "5 services within 100 km"). The counts come from main, next to the data.
 */
export function RelaxHints({ relaxations, filters, onFilters }: { relaxations: Relaxation[]; filters: SearchFilters; onFilters: (f: SearchFilters) => void }) {
  const { t } = useTranslation();
  if (relaxations.length === 0) return <p className="relax-none">{t('relaxNone')}</p>;
  return (
    <div className="relax">
      <p>{t('relaxIntro')}</p>
      <ul className="plain">
        {relaxations.map((r) => (
          <li key={'drop' in r ? r.drop : 'radius'}>
            <button type="button" className="relax-choice" onClick={() => onFilters(relaxed(filters, r))}>
              {'drop' in r
                ? t('relaxDrop', { count: r.count, filter: t(FILTER_LABEL[r.drop]) })
                : r.radiusKm === null
                  ? t('relaxAnyDistance', { count: r.count })
                  : t('relaxRadius', { count: r.count, radius: r.radiusKm })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
