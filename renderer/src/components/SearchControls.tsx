import type { FacetCounts } from '../../../shared/domain';
import type { SearchFilters } from '../search-filters';
import { FacetBar, type FacetPlace } from './FacetBar';
import { AgeBox } from './AgeBox';
import { NearBox } from './NearBox';
import { ServesBox } from './ServesBox';
import { useSharedTranslation } from '../i18n/shared-translation';

/** The query box, the place boxes (near, serves) and the age box, and the facet bar. Arrow Down moves from the query box into the results. */
export function SearchControls({ text, onText, filters, onFilters, facets, place, facetMenu, onFacetMenu, severalSources }: {
  text: string;
  onText: (text: string) => void;
  filters: SearchFilters;
  onFilters: (f: SearchFilters) => void;
  facets: FacetCounts | null;
  /** The place the facet counts are measured from, when there is one. */
  place: FacetPlace | null;
  /** The facet menu open: the search counts the facets only while one is. */
  facetMenu: string | null;
  onFacetMenu: (menu: string | null) => void;
  severalSources: boolean;
}) {
  const { t } = useSharedTranslation();
  return (
    <div className="search-controls">
      <label className="search">
        <span className="visually-hidden">{t('searchLabel')}</span>
        <input
          type="search"
          value={text}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => onText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown') return;
            e.preventDefault();
            document.querySelector<HTMLElement>('.results')?.focus();
          }}
          autoFocus
        />
      </label>
      <div className="place-boxes">
        <NearBox filters={filters} onChange={onFilters} hasText={text.trim() !== ''} />
        <ServesBox filters={filters} onChange={onFilters} />
        <AgeBox filters={filters} onChange={onFilters} />
      </div>
      <FacetBar filters={filters} facets={facets} place={place} open={facetMenu} onOpen={onFacetMenu} severalSources={severalSources} onChange={onFilters} />
    </div>
  );
}
