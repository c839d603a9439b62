import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../shared/domain';
import { atlas } from './atlas';
import { DetailPane } from './components/DetailPane';
import { ImportScreen } from './components/import/ImportScreen';
import { ResultList } from './components/ResultList';
import { SyncEntry } from './components/sync/SyncEntry';
import { MapPane } from './map/MapPane';
import { useSearch } from './useSearch';
import { HeaderActions } from './workflow/HeaderActions';
import { WorkflowPanels } from './workflow/WorkflowPanels';

export function App() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [importing, setImporting] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const search = useSearch(text, undefined, dataVersion);

  useEffect(() => {
    void atlas()
      .info(undefined)
      .then((r) => r.ok && setInfo(r.value));
  }, [dataVersion]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appName')}</h1>
        {info ? <span className="dataset">{t('datasetSummary', { count: info.services, version: info.version ?? '—' })}</span> : null}
        <SyncEntry onDataChanged={() => setDataVersion((v) => v + 1)} />
        {importing ? null : (
          <button type="button" className="topbar-action" onClick={() => setImporting(true)}>
            {t('importOpen')}
          </button>
        )}
        <HeaderActions />
      </header>
      {importing ? <ImportScreen onClose={() => setImporting(false)} onDataChanged={() => setDataVersion((v) => v + 1)} /> : null}
      <main className="panes" hidden={importing}>
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
        <MapPane response={search.status === 'error' ? null : search.response} selectedId={selectedId} onSelect={setSelectedId} />
        <section className="detail-pane" aria-live="polite">
          <DetailPane serviceId={selectedId} />
        </section>
      </main>
      <WorkflowPanels />
    </div>
  );
}
