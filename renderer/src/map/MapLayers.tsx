import { PMTiles } from 'pmtiles';
import { leafletLayer, type LeafletLayerOptions } from 'protomaps-leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { tileTemplateAddress, type MapSettings, type StreetMapFile } from '../../../shared/map/map-contract';
import { AtlasSource } from './atlas-source';
import { MAP_MAX_ZOOM } from '../../../shared/map/map-clusters';
import { L } from './leaflet-global';
import { BASEMAP_FAILED, WorkerBasemapLayer } from './basemap/worker-basemap-layer';

const BASEMAP_ATTRIBUTION = 'Natural Earth · US Census Bureau · GeoNames (CC BY 4.0)';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

/**
 * A PMTiles archive (read through window.atlas) as a layer url. protomaps-leaflet types `url` with the older pmtiles
 * it bundles; it only calls getZxy, which this version has with the same signature.
 */
const asLayerUrl = (archive: PMTiles) => archive as unknown as LeafletLayerOptions['url'];

/**
 * The bundled offline basemap; its bytes come from the main process, its tiles are painted in a worker.
 * `onFailed` is called when that worker fails, so the map can say why it is blank.
 */
export function BasemapLayer({ onFailed }: { onFailed: () => void }) {
  const map = useMap();
  useEffect(() => {
    const layer = new WorkerBasemapLayer({ maxZoom: MAP_MAX_ZOOM, attribution: BASEMAP_ATTRIBUTION });
    layer.on(BASEMAP_FAILED, onFailed);
    layer.addTo(map);
    return () => {
      layer.off(BASEMAP_FAILED, onFailed);
      layer.remove();
    };
  }, [map, onFailed]);
  return null;
}

/**
 * A street-level Protomaps file the user loaded, drawn by the same renderer with the Protomaps style, and
 * only inside the area the file covers: elsewhere the offline basemap still shows.
 */
export function StreetFileLayer({ file }: { file: StreetMapFile }) {
  const map = useMap();
  useEffect(() => {
    let layer: L.Layer | null = null;
    let current = true;
    const pmtiles = new PMTiles(new AtlasSource('streetMapBytes', `street:${file.name}:${file.bytes}`));
    void pmtiles.getHeader().then((h) => {
      if (!current) return;
      layer = leafletLayer({
        url: asLayerUrl(pmtiles),
        flavor: 'light',
        lang: 'en',
        maxDataZoom: h.maxZoom,
        maxZoom: MAP_MAX_ZOOM,
        bounds: [
          [h.minLat, h.minLon],
          [h.maxLat, h.maxLon],
        ],
        attribution: `${OSM_ATTRIBUTION} · Protomaps`,
      }) as unknown as L.Layer;
      layer.addTo(map);
    });
    return () => {
      current = false;
      layer?.remove();
    };
  }, [map, file.name, file.bytes]);
  return null;
}

/** Online raster tiles, only when the user turned them on (the page's CSP allows only that host). */
export function OnlineTileLayer({ settings }: { settings: MapSettings }) {
  const map = useMap();
  useEffect(() => {
    const host = tileTemplateAddress(settings.tileUrl);
    const layer = L.tileLayer(settings.tileUrl, {
      maxZoom: MAP_MAX_ZOOM,
      attribution: host?.hostname.endsWith('openstreetmap.org') ? OSM_ATTRIBUTION : (host?.host ?? ''),
    });
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, settings.tileUrl]);
  return null;
}

/** The point a distance search measures from, and the radius it searched; the map shows the whole ring. */
export function DistanceRing({ reference, radiusKm }: { reference: { lat: number; lon: number; label: string }; radiusKm: number | null }) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    L.marker([reference.lat, reference.lon], { icon: L.divIcon({ className: 'map-reference', iconSize: [14, 14] }), interactive: false, keyboard: false })
      .bindTooltip(reference.label, { permanent: true, direction: 'top', offset: [0, -8], className: 'map-reference-label' })
      .addTo(group);
    if (radiusKm) {
      const ring = L.circle([reference.lat, reference.lon], { radius: radiusKm * 1000, className: 'map-ring', interactive: false }).addTo(group);
      map.fitBounds(ring.getBounds(), { padding: [16, 16], animate: false });
    } else map.panTo([reference.lat, reference.lon]);
    return () => {
      group.remove();
    };
  }, [map, reference.lat, reference.lon, reference.label, radiusKm]);
  return null;
}

/**
 * Keeps Leaflet in step with its element: the panes beside the map change width as details open, and
 * Leaflet does not notice on its own. Also exposes the zoom on the element (data-zoom) for tests.
 */
export function MapUpkeep() {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    const setZoom = () => container.setAttribute('data-zoom', String(map.getZoom()));
    setZoom();
    map.on('zoomend', setZoom);
    const resize = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    resize.observe(container);
    return () => {
      map.off('zoomend', setZoom);
      resize.disconnect();
    };
  }, [map]);
  return null;
}
