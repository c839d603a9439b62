import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../shared/domain';
import { atlas } from './atlas';
import { DetailPane } from './components/DetailPane';
import { ResultList } from './components/ResultList';
import { SyncEntry } from './components/sync/SyncEntry';
import { useSearch } from './useSearch';
import { HeaderActions } from './workflow/HeaderActions';
import { WorkflowPanels } from './workflow/WorkflowPanels';

export function App() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const search = useSearch(text);

  useEffect(() => {
    void atlas()
      .info(undefined)
      .then((r) => r.ok && setInfo(r.value));
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appName')}</h1>
        {info ? <span className="dataset">{t('datasetSummary', { count: info.services, version: info.version ?? '—' })}</span> : null}
        <SyncEntry />
        <HeaderActions />
      </header>
      <main className="panes">
        <section className="results-pane" aria-label={t('searchLabel')}>
          <label className="search">
            <span className="visually-hidden">{t('searchLabel')}</span>
            <input
              type="search"
              value={text}
              placeholder={t('searchPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              autoFocus
            />
          </label>
          <ResultList state={search} text={text} selectedId={selectedId} onSelect={setSelectedId} />
        </section>
        <section className="detail-pane" aria-live="polite">
          <DetailPane serviceId={selectedId} />
        </section>
      </main>
      <WorkflowPanels />
    </div>
  );
}
