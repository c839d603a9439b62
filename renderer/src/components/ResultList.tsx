import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import type { SearchResponse } from '../../../shared/domain';
import type { SearchFilters } from '../search-filters';
import { PAGE_SIZE, type SearchState } from '../useSearch';
import { useSharedTranslation } from '../i18n/shared-translation';
import { ImportProgress } from './import/ImportProgress';
import type { AskedQuestions } from './ServiceCardView';
import { ApartGroup } from './results/ApartGroup';
import { CardList } from './results/CardList';
import { RelaxHints } from './results/RelaxHints';
import { useLocalSummaries } from './results/useLocalSummaries';

/** The query box, where Up from the first result goes back to. */
const focusQuery = () => document.querySelector<HTMLInputElement>('.search input')?.focus();

/**
 * Memoized: a keystroke re-renders the app around the search box, and nothing the list shows has changed
 * until the search's state does.
 */
export const ResultList = memo(Results);

/**
 * The results: a page of cards, with how many of how many are shown and a button (or Down past the
 * last card) for more. Near a place, the services with no address to measure from are folded away in a
 * group of their own; an empty result says which one change would give some.
 */
function Results({ state, selectedId, onSelect, onShowMore, filters, onFilters, populations, showHours, asked }: {
  state: SearchState;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onShowMore: () => void;
  filters: SearchFilters;
  onFilters: (f: SearchFilters) => void;
  /** Populations the user filters on: each card says whether it serves them or has not said. */
  populations?: string[];
  showHours?: boolean;
  /** Age and eligibility questions the user asks: each card answers them. */
  asked?: AskedQuestions;
}) {
  const { t } = useSharedTranslation();
  const pane = useRef<HTMLDivElement>(null);
  const response = state.status === 'error' ? null : state.response;
  const apart = response?.reference ? response.virtual : null;
  const summaries = useLocalSummaries(response ? [...response.results, ...(apart?.results ?? [])].map((c) => c.id) : []);

  // Each answer shown is counted on the element (data-answers) before it is painted, so the ui bench can
  // wait for a given answer to be on screen instead of guessing with a delay.
  const answers = useRef(0);
  useLayoutEffect(() => {
    if (state.status === 'done') pane.current?.setAttribute('data-answers', String(++answers.current));
  }, [state]);

  useEffect(() => {
    if (selectedId) pane.current?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  if (state.status === 'error') {
    return (
      <div className="message error" role="alert">
        <strong>{t('errorTitle')}</strong>
        <p>{state.error}</p>
      </div>
    );
  }
  if (state.status === 'preparing') {
    return (
      <div className="message" aria-busy="true">
        <ImportProgress status={{ step: 'indexing', ...state.progress }} labelKey={state.progress.reading ? 'searchReading' : 'searchPreparing'} />
      </div>
    );
  }
  if (!response) return <div className="message" aria-busy="true">{t('loading')}</div>;

  const more = (shown: number, total: number) => (shown < total ? Math.min(PAGE_SIZE, total - shown) : 0);
  const showMore = () => {
    const coming = more(response.results.length, response.total) > 0 || (apart !== null && more(apart.results.length, apart.total) > 0);
    if (coming) onShowMore();
    return coming;
  };
  const lists = { selectedId, onSelect, populations, showHours, summaries, asked, servesPlace: response.serves?.label ?? null };
  const mainMore = more(response.results.length, response.total);

  return (
    <div className="result-scroll" ref={pane}>
      {response.total > 0 ? (
        <div className="result-count" role="status" aria-live="polite">
          {headline(response, t)}
          {response.results.length < response.total ? <span className="showing"> · {t('showingOf', { shown: response.results.length, total: response.total })}</span> : null}
        </div>
      ) : (
        // Nothing here: what is said instead of a count of none, and what one change would give.
        <div className="message empty-local" role="status">
          <strong>
            {response.reference
              ? response.radiusKm
                ? t('emptyNear', { radius: response.radiusKm, place: response.reference.label })
                : t('emptyNearAny', { place: response.reference.label })
              : state.text.trim()
                ? t('noResults', { text: state.text })
                : t('noResultsFiltered')}
          </strong>
          {response.relaxations.length > 0 || hasFilters(filters) ? (
            <RelaxHints relaxations={response.relaxations} filters={filters} onFilters={onFilters} />
          ) : (
            <p>{t('noResultsHint')}</p>
          )}
        </div>
      )}
      {response.results.length > 0 ? (
        <CardList
          cards={response.results}
          label={t('searchLabel')}
          busy={state.status === 'loading'}
          onPastEnd={showMore}
          onBeforeStart={focusQuery}
          {...lists}
        />
      ) : null}
      {mainMore > 0 ? (
        <button type="button" className="show-more" onClick={onShowMore}>
          {t('showMore', { count: mainMore })}
        </button>
      ) : null}
      {apart && apart.total > 0 ? (
        // Folded again for each new place.
        <ApartGroup key={response.reference!.label} place={response.reference!.label} count={apart.total}>
          <CardList
            cards={apart.results}
            label={t('apartHeading', { count: apart.total, place: response.reference!.label })}
            onPastEnd={showMore}
            onBeforeStart={() => document.querySelector<HTMLElement>('.apart-heading button')?.focus()}
            {...lists}
          />
          {more(apart.results.length, apart.total) > 0 ? (
            <button type="button" className="show-more" onClick={onShowMore}>
              {t('showMore', { count: more(apart.results.length, apart.total) })}
            </button>
          ) : null}
        </ApartGroup>
      ) : null}
    </div>
  );
}

function headline(r: SearchResponse, t: ReturnType<typeof useSharedTranslation>['t']): string {
  if (r.serves && !r.reference) return t('resultsServe', { count: r.total, place: r.serves.label });
  if (!r.reference) return t('resultsCount', { count: r.total });
  if (r.radiusKm) return t('resultsNear', { count: r.total, place: r.reference.label, radius: r.radiusKm });
  return t('resultsNearAny', { count: r.total, place: r.reference.label });
}

/** Whether any filter but the place is set: an empty result then has something to relax. */
function hasFilters(f: SearchFilters): boolean {
  return !!(
    f.categories?.length ||
    f.languages?.length ||
    f.populations?.length ||
    f.openNow ||
    f.open24x7 ||
    f.verifiedWithinMonths ||
    f.confirmedOnly ||
    f.serves ||
    f.age !== undefined ||
    f.free ||
    f.noIdNeeded ||
    f.wheelchair
  );
}
