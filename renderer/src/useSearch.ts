import { useEffect, useRef, useState } from 'react';
import type { SearchQuery, SearchResponse } from '../../shared/domain';
import { atlas } from './atlas';

export type SearchState =
  | { status: 'loading'; response: SearchResponse | null }
  | { status: 'done'; response: SearchResponse }
  | { status: 'error'; error: string };

/**
 * Runs the search as the user types or changes a filter. Each request carries a sequence number and only
 * the newest one's answer is shown, so a slow reply to an older query never replaces a newer result. A new
 * dataVersion (an import or rollback) runs the same query again.
 */
export function useSearch(query: SearchQuery, delayMs = 120, dataVersion = 0): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'loading', response: null });
  const seq = useRef(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    const mine = ++seq.current;
    setState((prev) => ({ status: 'loading', response: prev.status === 'error' ? null : prev.response }));
    const timer = setTimeout(() => {
      void atlas()
        .search({ limit: 50, ...(JSON.parse(key) as SearchQuery) })
        .then((result) => {
          if (mine !== seq.current) return;
          setState(result.ok ? { status: 'done', response: result.value } : { status: 'error', error: result.error });
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs, dataVersion]);
  return state;
}
