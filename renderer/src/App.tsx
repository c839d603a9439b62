import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DatasetInfo, SearchResponse } from '../../shared/domain';
import { atlas } from './atlas';
import { DetailPane } from './components/DetailPane';
import { ImportScreen } from './components/import/ImportScreen';
import { ResultList } from './components/ResultList';
import { CopySaid } from './components/results/CopySaid';
import { SearchControls } from './components/SearchControls';
import type { SearchFilters } from './search-filters';
import { SyncEntry } from './components/sync/SyncEntry';
import { MapPane } from './map/MapPane';
import { MapPointsCache } from './map/map-points';
import { useSearch } from './useSearch';
import { HeaderActions } from './desk/HeaderActions';
import { DeskPanels } from './desk/DeskPanels';
import type { UiLanguage } from './i18n';
import { dateText } from './i18n/format';
import { useSharedTranslation } from './i18n/shared-translation';

export function App() {
  const { t, lang } = useSharedTranslation();
  const [text, setText] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [filters, setFilters] = useState<SearchFilters>({});
  const [facetMenu, setFacetMenu] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  // Each answer's map points are asked for as it arrives: main reads them while the list is drawn.
  const [mapPoints] = useState(() => new MapPointsCache());
  const prefetchPoints = useCallback((r: SearchResponse) => mapPoints.prefetch(r.map.set), [mapPoints]);
  const { state: search, showMore } = useSearch({ text, ...filters }, dataVersion, prefetchPoints, facetMenu !== null);
  const response = search.status === 'error' ? null : search.response;
  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const reference = response?.reference?.label ?? null;
  const radiusKm = response?.radiusKm ?? null;
  const place = useMemo(() => (reference === null ? null : { label: reference, radiusKm }), [reference, radiusKm]);
  const dataset = useMemo(() => (info ? datasetText(info, t, lang) : null), [info, t, lang]);

  useEffect(() => {
    void atlas()
      .info(undefined)
      .then((r) => r.ok && setInfo(r.value));
  }, [dataVersion]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('appName')}</h1>
        {dataset ? <span className="dataset">{dataset}</span> : null}
        <SyncEntry onDataChanged={dataChanged} />
        {importing ? null : (
          <button type="button" className="topbar-action" onClick={() => setImporting(true)}>
            {t('importOpen')}
          </button>
        )}
        <HeaderActions />
      </header>
      {importing ? <ImportScreen onClose={() => setImporting(false)} onDataChanged={dataChanged} /> : null}
      <main className="panes" hidden={importing}>
        <section className="results-pane" aria-label={t('searchLabel')}>
          <SearchControls
            text={text}
            onText={setText}
            filters={filters}
            onFilters={setFilters}
            facets={response?.facets ?? null}
            place={place}
            facetMenu={facetMenu}
            onFacetMenu={setFacetMenu}
            severalSources={(info?.sources ?? 0) > 1}
          />
          <CopySaid>
            <ResultList
              state={search}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onShowMore={showMore}
              filters={filters}
              onFilters={setFilters}
              populations={filters.populations}
              showHours={filters.openNow || filters.open24x7}
              asked={filters}
            />
          </CopySaid>
        </section>
        <MapPane response={response} points={mapPoints} selectedId={selectedId} onSelect={setSelectedId} />
        <section className="detail-pane" aria-label={t('detailLabel')}>
          <DetailPane serviceId={selectedId} />
        </section>
      </main>
      <DeskPanels onDataChanged={dataChanged} />
    </div>
  );
}

/**
 * Sources side by side are counted, since no one install names them all; a lone one is named by its version,
 * or, when it gave none, by its name and when it was installed.
 */
function datasetText(info: DatasetInfo, t: TFunction, lang: UiLanguage): string {
  if (info.sources > 1) return t('datasetSummarySources', { count: info.services, sources: info.sources });
  if (info.version) return t('datasetSummary', { count: info.services, version: info.version });
  if (info.datasetId && info.importedAt) return t('datasetSummaryInstalled', { count: info.services, name: info.datasetId, when: dateText(info.importedAt, lang, true) });
  return t('datasetSummaryNone', { count: info.services });
}
