import { useEffect, useMemo, useRef, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { MapPoint } from '../../../shared/domain';
import type { MapMarker } from '../../../shared/map/map-clusters';
import { ClusterClient } from './cluster-client';
import { L } from './leaflet-global';
import { spiderPositions } from './spider';

const SPIDER_MAX = 60;

/** Every result point at one spot: services at the same address stay one marker and spiderfy on click. */
interface Place {
  lat: number;
  lon: number;
  points: MapPoint[];
  /** Every point here is approximate (a city centre, not an address). */
  approximate: boolean;
}

function clusterIcon(count: number, text: string): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
  return L.divIcon({ className: 'map-cluster', html: `<span>${text}</span>`, iconSize: [size, size] });
}

function placeIcon(place: Place, selected: boolean): L.DivIcon {
  const classes = ['map-pin', place.approximate ? 'approx' : 'exact', place.points.length > 1 ? 'stack' : '', selected ? 'selected' : ''];
  const size = place.approximate ? 22 : 18;
  const badge = place.points.length > 1 ? `<span>${place.points.length}</span>` : '';
  return L.divIcon({ className: classes.filter(Boolean).join(' '), html: badge, iconSize: [size, size] });
}

export interface ResultMarkersProps {
  points: readonly MapPoint[];
  /** Names of the services on the visible page of results, for marker titles. */
  names: ReadonlyMap<string, string>;
  selectedId: string | null;
  onSelect: (serviceId: string) => void;
  labels: { approximate: string; services: (count: number) => string; clusterOf: (count: number) => string; number: (count: number) => string };
}

/** The smallest box holding every point, or null for none. */
function pointBounds(points: readonly MapPoint[]): L.LatLngBounds | null {
  if (points.length === 0) return null;
  let south = 90;
  let north = -90;
  let west = 180;
  let east = -180;
  for (const p of points) {
    if (p.lat < south) south = p.lat;
    if (p.lat > north) north = p.lat;
    if (p.lon < west) west = p.lon;
    if (p.lon > east) east = p.lon;
  }
  return L.latLngBounds([south, west], [north, east]);
}

/** Whether two result sets put the same services at the same spots in the same order, so one's cluster index serves the other. */
function samePoints(a: readonly MapPoint[], b: readonly MapPoint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [p, q] = [a[i]!, b[i]!];
    if (p.serviceId !== q.serviceId || p.lat !== q.lat || p.lon !== q.lon || p.approximate !== q.approximate) return false;
  }
  return true;
}

/**
 * Draws the result set: one layer holding only the markers of the visible clusters and places, rebuilt
 * on every pan and zoom from the cluster worker's answer. Places holding several services spiderfy when
 * clicked.
 */
export function ResultMarkers({ points, names, selectedId, onSelect, labels }: ResultMarkersProps) {
  const map = useMap();
  // One worker per mounted map, made in an effect so a remount (React's strict mode) gets a live one.
  const [client, setClient] = useState<ClusterClient | null>(null);
  const layer = useMemo(() => L.layerGroup(), []);
  /** The points the worker's index was last built from. */
  const [indexed, setIndexed] = useState<readonly MapPoint[] | null>(null);
  const [spider, setSpider] = useState<Place | null>(null);
  const [viewVersion, setViewVersion] = useState(0);
  const selectedFromMap = useRef<string | null>(null);

  useEffect(() => {
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, layer]);
  useEffect(() => {
    const made = new ClusterClient();
    setClient(made);
    return () => made.dispose();
  }, []);

  useMapEvents({
    moveend: () => setViewVersion((v) => v + 1),
    zoomstart: () => setSpider(null),
  });

  /** The points a worker was last asked to index, and when its index of them is ready. */
  const loaded = useRef<{ client: ClusterClient; points: readonly MapPoint[]; ready: Promise<void> } | null>(null);

  // A new result set: index it, and show all of it unless it is already in view (refining a search keeps
  // the view). The same points again (a word typed further that finds the same services) keep the index:
  // packing, sending and clustering them again took about 0.2 s at 100,000 points.
  useEffect(() => {
    if (!client) return;
    let current = true;
    setSpider(null);
    if (loaded.current?.client !== client || !samePoints(loaded.current.points, points)) loaded.current = { client, points, ready: client.load(points) };
    void loaded.current.ready.then(() => current && setIndexed(points));
    const bounds = pointBounds(points);
    if (bounds && !map.getBounds().contains(bounds)) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 12, animate: false });
    return () => {
      current = false;
    };
  }, [client, points, map]);

  // Selected in the list: bring it into view. Selected on the map: it is already there.
  useEffect(() => {
    if (!selectedId || selectedFromMap.current === selectedId) return;
    const point = points.find((p) => p.serviceId === selectedId);
    if (point) map.panTo([point.lat, point.lon]);
  }, [selectedId, points, map]);

  useEffect(() => {
    if (!client || indexed !== points) return;
    let current = true;
    const select = (serviceId: string) => {
      selectedFromMap.current = serviceId;
      onSelect(serviceId);
    };
    const title = (place: Place) => {
      const named = place.points.map((p) => names.get(p.serviceId)).filter(Boolean);
      const base = place.points.length === 1 ? (named[0] ?? labels.services(1)) : labels.services(place.points.length);
      return place.approximate ? `${base} (${labels.approximate})` : base;
    };
    const isSpider = (place: Place) => !!spider && place.lat === spider.lat && place.lon === spider.lon;

    const draw = (markers: MapMarker[], b: L.LatLngBounds) => {
      layer.clearLayers();
      let selectedShown = false;
      for (const m of markers) {
        if (m.kind === 'cluster') {
          L.marker([m.lat, m.lon], { icon: clusterIcon(m.count, labels.number(m.count)), title: labels.clusterOf(m.count), keyboard: true })
            .on('click', () => void client.expansionZoom(m.id).then((zoom) => map.setView([m.lat, m.lon], zoom)))
            .addTo(layer);
          continue;
        }
        const place: Place = { lat: m.lat, lon: m.lon, approximate: m.approximate, points: m.members.map((i) => points[i]!) };
        if (isSpider(place)) continue;
        const selected = place.points.some((p) => p.serviceId === selectedId);
        selectedShown ||= selected;
        L.marker([place.lat, place.lon], { icon: placeIcon(place, selected), title: title(place), keyboard: true, zIndexOffset: selected ? 1000 : 0 })
          .on('click', () => (place.points.length === 1 ? select(place.points[0]!.serviceId) : setSpider(place)))
          .addTo(layer);
      }

      if (spider) {
        const centre = map.latLngToLayerPoint([spider.lat, spider.lon]);
        const legs = spider.points.slice(0, SPIDER_MAX);
        spiderPositions(legs.length).forEach(([dx, dy], i) => {
          const point = legs[i]!;
          const at = map.layerPointToLatLng(centre.add([dx, dy]));
          const selected = point.serviceId === selectedId;
          selectedShown ||= selected;
          L.polyline([[spider.lat, spider.lon], at], { className: 'map-spider-leg', interactive: false }).addTo(layer);
          const leaf: Place = { lat: at.lat, lon: at.lng, points: [point], approximate: point.approximate };
          L.marker(at, { icon: placeIcon(leaf, selected), title: title(leaf), keyboard: true, zIndexOffset: 500 })
            .on('click', () => select(point.serviceId))
            .addTo(layer);
        });
      }

      // The selected service sits inside a cluster: mark where it is, above the cluster.
      if (selectedId && !selectedShown) {
        for (const p of points) {
          if (p.serviceId !== selectedId || !b.contains([p.lat, p.lon])) continue;
          const place: Place = { lat: p.lat, lon: p.lon, points: [p], approximate: p.approximate };
          L.marker([p.lat, p.lon], { icon: placeIcon(place, true), title: title(place), keyboard: true, zIndexOffset: 1000 }).addTo(layer);
        }
      }
      selectedFromMap.current = null;
      // Counted on the map's element (data-draws) for the ui bench, which waits for a
      // given set of markers to be on screen rather than guessing with a delay.
      const container = map.getContainer();
      container.setAttribute('data-draws', String(Number(container.getAttribute('data-draws') ?? 0) + 1));
    };

    const b = map.getBounds();
    void client.markers([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom()).then((markers) => current && draw(markers, b));
    return () => {
      current = false;
    };
    // viewVersion: redraw after every pan and zoom.
  }, [indexed, points, viewVersion, spider, selectedId, names, labels, map, layer, client, onSelect]);

  return null;
}
