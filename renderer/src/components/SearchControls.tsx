import { useTranslation } from 'react-i18next';
import type { FacetCounts } from '../../../shared/domain';
import type { SearchFilters } from '../search-filters';
import { FacetBar } from './FacetBar';
import { AgeBox } from './AgeBox';
import { NearBox } from './NearBox';
import { ServesBox } from './ServesBox';

/** The query box, the place boxes (near, serves) and the age box, and the facet bar. Arrow Down moves from the query box into the results. */
export function SearchControls({ text, onText, filters, onFilters, facets }: {
  text: string;
  onText: (text: string) => void;
  filters: SearchFilters;
  onFilters: (f: SearchFilters) => void;
  facets: FacetCounts | null;
}) {
  const { t } = useTranslation();
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
        <NearBox filters={filters} onChange={onFilters} />
        <ServesBox filters={filters} onChange={onFilters} />
        <AgeBox filters={filters} onChange={onFilters} />
      </div>
      <FacetBar filters={filters} facets={facets} onChange={onFilters} />
    </div>
  );
}
