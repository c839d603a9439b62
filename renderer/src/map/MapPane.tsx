import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { AttributionControl, MapContainer } from 'react-leaflet';
import type { SearchResponse } from '../../../shared/domain';
import type { MapSettingsView, StreetMapFile } from '../../../shared/map/map-contract';
import { atlas } from '../atlas';
import { useSharedTranslation } from '../i18n/shared-translation';
import { countText } from '../i18n/count-text';
import { LicencesDialog } from '../licences/LicencesDialog';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM } from '../../../shared/map/map-clusters';
import { BasemapLayer, DistanceRing, OnlineTileLayer, StreetFileLayer, MapUpkeep } from './MapLayers';
import { AreaOutline } from './AreaOutline';
import { MapSourceControls } from './MapSourceControls';
import { ResultMarkers } from './ResultMarkers';
import type { MapPointsCache } from './map-points';

/** The basemap covers California and its neighbours; the map does not wander past it. */
const MAX_BOUNDS: [[number, number], [number, number]] = [
  [30.5, -127.5],
  [44, -111.5],
];
const CALIFORNIA_CENTRE: [number, number] = [37.2, -119.4];

/** What the map says when a worker drawing it failed: one message, naming what is missing. */
function failedKey(basemap: boolean, markers: boolean) {
  if (basemap && markers) return 'mapBasemapAndMarkersFailed';
  if (basemap) return 'mapBasemapFailed';
  if (markers) return 'mapMarkersFailed';
  return null;
}

/** Memoized: a keystroke changes nothing on the map until its answer comes. */
export const MapPane = memo(ResultsMap);

function ResultsMap({ response, points: pointsCache, selectedId, onSelect }: {
  response: SearchResponse | null;
  /** Where the answers' points are asked for and kept. */
  points: MapPointsCache;
  selectedId: string | null;
  onSelect: (serviceId: string) => void;
}) {
  const { t, lang } = useSharedTranslation();
  const [settings, setSettings] = useState<MapSettingsView | null>(null);
  const [streetFile, setStreetFile] = useState<StreetMapFile | null>(null);
  const [showStreetFile, setShowStreetFile] = useState(true);
  const [licencesOpen, setLicencesOpen] = useState(false);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const onBasemapFailed = useCallback(() => setBasemapFailed(true), []);
  const [markersFailed, setMarkersFailed] = useState(false);
  const onMarkersFailed = useCallback(() => setMarkersFailed(true), []);
  const failedMessage = failedKey(basemapFailed, markersFailed);

  useEffect(() => {
    void atlas()
      .mapSettings(undefined)
      .then((r) => r.ok && setSettings(r.value));
    void atlas()
      .streetMapCurrent(undefined)
      .then((r) => r.ok && setStreetFile(r.value));
  }, []);

  const labels = useMemo(
    () => ({
      approximate: t('mapApproximate'),
      services: (count: number) => t('mapServicesHere', { count }),
      clusterOf: (count: number) => t('mapCluster', { count }),
      number: (count: number) => countText(count, lang),
    }),
    [t, lang],
  );

  return (
    <section className="map-pane" aria-label={t('mapLabel')}>
      <MapSourceControls
        settings={settings}
        onSettings={setSettings}
        streetFile={streetFile}
        onStreetFile={(file) => {
          setStreetFile(file);
          setShowStreetFile(true);
        }}
        showStreetFile={showStreetFile}
        onShowStreetFile={setShowStreetFile}
        onLicences={() => setLicencesOpen(true)}
      />
      <div className="map-frame">
        <MapContainer
          center={CALIFORNIA_CENTRE}
          zoom={6}
          minZoom={MAP_MIN_ZOOM}
          maxZoom={MAP_MAX_ZOOM}
          maxBounds={MAX_BOUNDS}
          maxBoundsViscosity={0.8}
          fadeAnimation={false}
          attributionControl={false}
          className="map"
        >
          <AttributionControl prefix="Leaflet" position="bottomright" />
          <MapUpkeep />
          <BasemapLayer onFailed={onBasemapFailed} />
          {streetFile && showStreetFile ? <StreetFileLayer file={streetFile} /> : null}
          {settings?.onlineTiles ? <OnlineTileLayer settings={settings} /> : null}
          {response?.reference ? <DistanceRing reference={response.reference} radiusKm={response.radiusKm} /> : null}
          {selectedId ? <AreaOutline serviceId={selectedId} /> : null}
          <ResultMarkers pointsCache={pointsCache} set={response?.map.set ?? null} answer={response} selectedId={selectedId} onSelect={onSelect} labels={labels} onFailed={onMarkersFailed} />
        </MapContainer>
        {failedMessage ? (
          <p className="map-failed" role="alert">
            {t(failedMessage)}
          </p>
        ) : null}
        {/* "N of M on the map" would be untrue with the markers missing: the message above says why. */}
        {response && !markersFailed ? (
          <div className="map-status" aria-live="polite">
            {t('mapShown', { mapped: response.map.services, total: response.total })}
            <span className="map-legend">
              <span className="map-pin exact" aria-hidden="true" /> {t('mapLegendExact')}
              <span className="map-pin approx" aria-hidden="true" /> {t('mapLegendApproximate')}
            </span>
          </div>
        ) : null}
      </div>
      {licencesOpen ? <LicencesDialog onClose={() => setLicencesOpen(false)} /> : null}
    </section>
  );
}
