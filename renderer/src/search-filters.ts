import type { SearchQuery } from '../../shared/domain';

/** The facets of a search, everything but its text: what the facet bar and the place box edit. */
export type SearchFilters = Omit<SearchQuery, 'text' | 'limit' | 'offset' | 'now'>;

/** The list with the value added, or removed if it was there. */
export function toggled(list: readonly string[] | undefined, value: string): string[] {
  return list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
}
