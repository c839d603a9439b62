import { useEffect, useRef, useState } from 'react';
import type { SearchPreparing, SearchQuery, SearchResponse } from '../../shared/domain';
import { atlas } from './atlas';

export type SearchState =
  | { status: 'loading'; response: SearchResponse | null }
  | { status: 'done'; response: SearchResponse }
  // The index is being rebuilt after an update: how far it has got, asked again until it is ready.
  | { status: 'preparing'; progress: SearchPreparing['preparing']; response: null }
  | { status: 'error'; error: string };

/** How often a search waiting for the index to be prepared asks again. */
const PREPARING_POLL_MS = 400;

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
    let timer: ReturnType<typeof setTimeout>;
    const ask = () => {
      void atlas()
        .search({ limit: 50, ...(JSON.parse(key) as SearchQuery) })
        .then((result) => {
          if (mine !== seq.current) return;
          if (!result.ok) return setState({ status: 'error', error: result.error });
          if ('preparing' in result.value) {
            setState({ status: 'preparing', progress: result.value.preparing, response: null });
            timer = setTimeout(ask, PREPARING_POLL_MS);
            return;
          }
          setState({ status: 'done', response: result.value });
        });
    };
    timer = setTimeout(ask, delayMs);
    return () => {
      // A newer query or an unmount: this one's answers are ignored, so its polling stops too.
      seq.current++;
      clearTimeout(timer);
    };
  }, [key, delayMs, dataVersion]);
  return state;
}
