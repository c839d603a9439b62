import { useTranslation } from 'react-i18next';
import type { SearchState } from '../useSearch';
import { ServiceCardView } from './ServiceCardView';

export function ResultList({ state, text, selectedId, onSelect }: {
  state: SearchState;
  text: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (state.status === 'error') {
    return (
      <div className="message error" role="alert">
        <strong>{t('errorTitle')}</strong>
        <p>{state.error}</p>
      </div>
    );
  }
  const response = state.response;
  if (!response) return <div className="message" aria-busy="true">{t('loading')}</div>;
  if (response.total === 0) {
    return (
      <div className="message" role="status">
        <strong>{t('noResults', { text })}</strong>
        <p>{t('noResultsHint')}</p>
      </div>
    );
  }
  return (
    <>
      <div className="result-count" role="status" aria-live="polite">
        {t('resultsCount', { count: response.total })}
      </div>
      <ul className="results" role="listbox" aria-label={t('searchLabel')} tabIndex={0}>
        {response.results.map((card) => (
          <ServiceCardView key={card.id} card={card} selected={card.id === selectedId} onSelect={() => onSelect(card.id)} />
        ))}
      </ul>
    </>
  );
}
