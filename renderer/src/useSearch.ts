import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchCard, SearchPreparing, SearchQuery, SearchResponse } from '../../shared/domain';
import { atlas } from './atlas';

/** `text`: the words the response shown was asked with (not the box's, which may be ahead of it). */
export type SearchState =
  | { status: 'loading'; response: SearchResponse | null; text: string }
  | { status: 'done'; response: SearchResponse; text: string }
  // The index is being rebuilt after an update: how far it has got, asked again until it is ready.
  | { status: 'preparing'; progress: SearchPreparing['preparing']; response: null }
  | { status: 'error'; error: string };

/** How often a search waiting for the index to be prepared asks again. */
const PREPARING_POLL_MS = 400;

/** Cards asked for at a time: the first page, and each "show more". */
export const PAGE_SIZE = 50;

/** The cards of `more` not already in `shown`, after them. */
const appended = (shown: SearchCard[], more: SearchCard[]) => {
  const seen = new Set(shown.map((c) => c.id));
  return [...shown, ...more.filter((c) => !seen.has(c.id))];
};

/**
 * Runs the search as the user types or changes a filter. At most one search is in flight: a query made
 * meanwhile waits for it and then goes at once, so a keystroke on an idle desk is asked without delay and
 * fast typing never queues more than one answer behind another. Each request carries a sequence number
 * and only the newest one's answer is shown, so a slow reply to an older query never replaces a newer
 * result. A new dataVersion (an import or rollback) runs the same query again. `showMore` adds the next
 * page of cards (of the results and of the group listed apart) to the answer on screen; the facets and
 * the map's set already cover every result. `onAnswer` hears each answer shown as it arrives, before it is
 * drawn (the map asks for its points then). The facets are counted only while `countsWanted` (a facet
 * menu is open): an answer on screen without them is asked for again, with them, when it turns true.
 */
export function useSearch(
  query: SearchQuery,
  dataVersion = 0,
  onAnswer?: (response: SearchResponse) => void,
  countsWanted = false,
): { state: SearchState; showMore: () => void } {
  const [state, setState] = useState<SearchState>({ status: 'loading', response: null, text: '' });
  const heard = useRef(onAnswer);
  heard.current = onAnswer;
  const wanted = useRef(countsWanted);
  wanted.current = countsWanted;
  const [recount, setRecount] = useState(0);
  const lacking = countsWanted && state.status === 'done' && state.response.facets === null;
  useEffect(() => {
    if (lacking) setRecount((n) => n + 1);
  }, [lacking]);
  const seq = useRef(0);
  const asking = useRef(false);
  /** The search being answered, settled either way; null when none is. */
  const inFlight = useRef<Promise<void> | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    const mine = ++seq.current;
    asking.current = false;
    setState((prev) => {
      if (prev.status === 'loading') return prev;
      if (prev.status === 'done') return { ...prev, status: 'loading' };
      return { status: 'loading', response: null, text: '' };
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      // Overtaken by a newer query while waiting its turn: that one asks instead.
      if (mine !== seq.current) return;
      const asked = JSON.parse(key) as SearchQuery;
      const answered = atlas()
        .search({ limit: PAGE_SIZE, ...asked, facetCounts: wanted.current })
        .then((result) => {
          if (mine !== seq.current) return;
          if (!result.ok) return setState({ status: 'error', error: result.error });
          if ('preparing' in result.value) {
            setState({ status: 'preparing', progress: result.value.preparing, response: null });
            timer = setTimeout(ask, PREPARING_POLL_MS);
            return;
          }
          heard.current?.(result.value);
          setState({ status: 'done', response: result.value, text: asked.text ?? '' });
        });
      inFlight.current = answered;
      void answered.finally(() => {
        if (inFlight.current === answered) inFlight.current = null;
      });
    };
    if (inFlight.current) void inFlight.current.finally(ask);
    else ask();
    return () => {
      // A newer query or an unmount: this one's answers are ignored, so its polling stops too.
      seq.current++;
      clearTimeout(timer);
    };
  }, [key, dataVersion, recount]);

  // Read through a ref so showMore stays the same function while typing: the list it is given to is not
  // drawn again for each keystroke.
  const latest = useRef({ state, key });
  latest.current = { state, key };
  const showMore = useCallback(() => {
    const { state, key } = latest.current;
    if (state.status !== 'done' || asking.current) return;
    const shown = state.response;
    const offset = Math.max(shown.results.length, shown.virtual.results.length);
    if (offset >= Math.max(shown.total, shown.virtual.total)) return;
    const mine = seq.current;
    asking.current = true;
    void atlas()
      .search({ ...(JSON.parse(key) as SearchQuery), offset, limit: PAGE_SIZE, facetCounts: false })
      .then((result) => {
        if (mine !== seq.current) return;
        asking.current = false;
        if (!result.ok) return setState({ status: 'error', error: result.error });
        if ('preparing' in result.value) return;
        const page = result.value;
        setState({
          status: 'done',
          response: { ...shown, results: appended(shown.results, page.results), virtual: { ...shown.virtual, results: appended(shown.virtual.results, page.virtual.results) } },
          text: state.text,
        });
      });
  }, []);

  return { state, showMore };
}
