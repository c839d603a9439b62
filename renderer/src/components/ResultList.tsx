import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchCard } from '../../../shared/domain';
import type { SearchState } from '../useSearch';
import { ImportProgress } from './import/ImportProgress';
import { ServiceCardView, type AskedQuestions } from './ServiceCardView';

export function ResultList({ state, text, selectedId, onSelect, populations, showHours, asked }: {
  state: SearchState;
  text: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Populations the user filters on: each card says whether it serves them or has not said. */
  populations?: string[];
  showHours?: boolean;
  /** Age and eligibility questions the user asks: each card answers them. */
  asked?: AskedQuestions;
}) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  const response = state.status === 'error' ? null : state.response;
  const cards: SearchCard[] = response ? [...response.results, ...(response.reference ? response.virtual.results : [])] : [];

  useEffect(() => {
    if (selectedId) list.current?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
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
        <ImportProgress status={{ step: 'indexing', ...state.progress }} labelKey="searchPreparing" />
      </div>
    );
  }
  if (!response) return <div className="message" aria-busy="true">{t('loading')}</div>;
  if (cards.length === 0) {
    return (
      <div className="message" role="status">
        <strong>{text.trim() ? t('noResults', { text }) : t('noResultsFiltered')}</strong>
        <p>{t('noResultsHint')}</p>
      </div>
    );
  }

  // Up and Down move the selection (and the detail pane with it); Up from the first result returns to the query box.
  const onKeyDown = (e: KeyboardEvent) => {
    const at = cards.findIndex((c) => c.id === selectedId);
    const moves: Record<string, number> = { ArrowDown: Math.min(cards.length - 1, at + 1), ArrowUp: at - 1, Home: 0, End: cards.length - 1 };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    if (next < 0) document.querySelector<HTMLInputElement>('.search input')?.focus();
    else onSelect(cards[next]!.id);
  };
  const card = (c: SearchCard) => (
    <ServiceCardView
      key={c.id}
      card={c}
      selected={c.id === selectedId}
      onSelect={() => onSelect(c.id)}
      populations={populations}
      showHours={showHours}
      asked={asked}
      servesPlace={response.serves?.label ?? null}
    />
  );

  return (
    <>
      <div className="result-count" role="status" aria-live="polite">
        {response.serves && !response.reference
          ? t('resultsServe', { count: response.total, place: response.serves.label })
          : !response.reference
          ? t('resultsCount', { count: response.total })
          : response.radiusKm
            ? t('resultsNear', { count: response.total, place: response.reference.label, radius: response.radiusKm })
            : t('resultsNearAny', { count: response.total, place: response.reference.label })}
      </div>
      <ul
        className="results"
        role="listbox"
        tabIndex={0}
        ref={list}
        aria-label={t('searchLabel')}
        aria-activedescendant={selectedId ? `card-${selectedId}` : undefined}
        aria-busy={state.status === 'loading'}
        onKeyDown={onKeyDown}
        onFocus={() => !selectedId && onSelect(cards[0]!.id)}
      >
        {response.results.map(card)}
        {response.reference && response.virtual.total > 0 ? (
          <li className="group-heading" role="presentation">
            {t('virtualGroup', { count: response.virtual.total })}
          </li>
        ) : null}
        {response.reference ? response.virtual.results.map(card) : null}
      </ul>
    </>
  );
}
