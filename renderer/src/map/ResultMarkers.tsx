import { useEffect, useMemo, useRef, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { MapPoints } from '../../../shared/domain';
import type { MapMarker } from '../../../shared/map/map-clusters';
import { atlas } from '../atlas';
import { ClusterClient } from './clusters/cluster-client';
import type { MapView } from './clusters/cluster-messages';
import { KeptMarkers } from './kept-markers';
import { useMapPoints, type MapPointsCache } from './map-points';
import { L } from './leaflet-global';
import { MapServices } from './map-services';
import { spiderPositions } from './spider';

const SPIDER_MAX = 60;

/** Every result point at one spot: services at the same address stay one marker and spiderfy on click. */
interface Place {
  lat: number;
  lon: number;
  /** Indexes into the loaded points. */
  members: number[];
  /** Every point here is approximate (a city centre, not an address). */
  approximate: boolean;
}

function clusterIcon(count: number, text: string): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50;
  return L.divIcon({ className: 'map-cluster', html: `<span>${text}</span>`, iconSize: [size, size] });
}

function placeIcon(place: Place, selected: boolean): L.DivIcon {
  const classes = ['map-pin', place.approximate ? 'approx' : 'exact', place.members.length > 1 ? 'stack' : '', selected ? 'selected' : ''];
  const size = place.approximate ? 22 : 18;
  const badge = place.members.length > 1 ? `<span>${place.members.length}</span>` : '';
  return L.divIcon({ className: classes.filter(Boolean).join(' '), html: badge, iconSize: [size, size] });
}

export interface ResultMarkersProps {
  /** Where the answers' points are made and kept; each set's are clustered as soon as they are made. */
  pointsCache: MapPointsCache;
  /** The result set of the answer on screen, and the answer itself: each answer is drawn once its points are in. */
  set: string | null;
  answer: object | null;
  selectedId: string | null;
  onSelect: (serviceId: string) => void;
  labels: { approximate: string; services: (count: number) => string; clusterOf: (count: number) => string; number: (count: number) => string };
  /** Called when the cluster worker fails: no marker will come, so the map must say why it shows none. */
  onFailed: () => void;
}

/** The smallest box holding every point, or null for none. A function of its own so V8 keeps its loop optimized. */
function pointBounds({ lat, lon }: MapPoints): L.LatLngBounds | null {
  if (lat.length === 0) return null;
  let south = 90;
  let north = -90;
  let west = 180;
  let east = -180;
  for (let i = 0; i < lat.length; i++) {
    if (lat[i]! < south) south = lat[i]!;
    if (lat[i]! > north) north = lat[i]!;
    if (lon[i]! < west) west = lon[i]!;
    if (lon[i]! > east) east = lon[i]!;
  }
  return L.latLngBounds([south, west], [north, east]);
}

function retitle(marker: L.Marker, title: string): void {
  marker.options.title = title;
  marker.getElement()?.setAttribute('title', title);
}

/** A request the cluster worker did not answer draws nothing; a worker that failed is told to the map by onFailed. */
const noMarkers = () => undefined;

/** The map's view as the cluster worker takes it. */
function viewOf(map: L.Map): MapView {
  const b = map.getBounds();
  return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() };
}

const sameView = (a: MapView, b: MapView) => a.zoom === b.zoom && a.bbox.every((edge, k) => edge === b.bbox[k]);

/** The points of one service. */
function pointsOf(points: MapPoints, ref: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < points.service.length; i++) if (points.service[i] === ref) found.push(i);
  return found;
}

/**
 * Draws the result set: one layer holding only the markers of the visible clusters and places, drawn
 * again on every pan and zoom from the cluster worker's answer, keeping the markers that look the same
 * (kept-markers.ts). Places holding several services spiderfy when clicked. Points carry service numbers,
 * not ids: the services of the pins in view are learnt after each draw (their titles are filled in then),
 * a selection's number when it is made.
 */
export function ResultMarkers({ pointsCache, set, answer, selectedId, onSelect, labels, onFailed }: ResultMarkersProps) {
  const map = useMap();
  /** The points last made for a result set; drawn once they are the answer's own (`set`). */
  const points = useMapPoints(set, pointsCache);
  // One worker per mounted map, made in an effect so a remount (React's strict mode) gets a live one.
  const [client, setClient] = useState<ClusterClient | null>(null);
  const layer = useMemo(() => L.layerGroup(), []);
  const kept = useMemo(() => new KeptMarkers(layer), [layer]);
  /** The points the worker's index was last built from, and the markers of the view it was built at. */
  const [loaded, setLoaded] = useState<{ points: MapPoints; view: MapView; markers: MapMarker[] } | null>(null);
  /** The load whose markers have been drawn. */
  const drawnLoad = useRef<typeof loaded>(null);
  const [spider, setSpider] = useState<Place | null>(null);
  const [viewVersion, setViewVersion] = useState(0);
  const selectedFromMap = useRef<string | null>(null);
  /** The services learnt for the index the points belong to. */
  const index = points?.index ?? null;
  const services = useMemo(
    // Unanswered (a refusal, an index changed meanwhile): the pins keep their plain titles.
    () => new MapServices(async (which) => (index === null ? [] : await atlas().mapServices({ index, ...which }).then((r) => (r.ok ? r.value : [])))),
    [index],
  );
  /** The selected service's number, once known: undefined while asked, null when it has no point. */
  const [selectedRef, setSelectedRef] = useState<number | null | undefined>(null);

  useEffect(() => {
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, layer]);
  useEffect(() => {
    // Markers drawn before the worker failed would stay, wrong after the next search or pan: they go with it.
    const made = new ClusterClient(() => {
      kept.clear();
      onFailed();
    });
    setClient(made);
    return () => made.dispose();
  }, [onFailed, kept]);
  // A set's points are clustered as soon as they are made, not once the page has rendered them: the load
  // below then finds the set's index built, or being built.
  useEffect(() => {
    if (!client) return;
    return pointsCache.onMade((made) => client.indexAhead(made));
  }, [client, pointsCache]);

  useMapEvents({
    moveend: () => setViewVersion((v) => v + 1),
    zoomstart: () => setSpider(null),
  });

  // A new set of points: show all of it unless it is already in view (refining a search keeps the
  // view), and index it, its markers for that view coming back with it. The same set again is not
  // fetched again (map-points.ts), so the index is kept.
  useEffect(() => {
    if (!client || !points) return;
    let current = true;
    setSpider(null);
    const bounds = pointBounds(points);
    if (bounds && !map.getBounds().contains(bounds)) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 12, animate: false });
    const view = viewOf(map);
    client.load(points, view).then((markers) => current && setLoaded({ points, view, markers }), noMarkers);
    return () => {
      current = false;
    };
  }, [client, points, map]);

  // The selection's number, from the list or the map.
  useEffect(() => {
    if (!selectedId) return setSelectedRef(null);
    const known = services.refOf(selectedId);
    if (known !== undefined) return setSelectedRef(known);
    let current = true;
    setSelectedRef(undefined);
    void services.find(selectedId).then((ref) => current && setSelectedRef(ref ?? null));
    return () => {
      current = false;
    };
  }, [selectedId, services]);

  // Selected in the list: bring it into view. Selected on the map: it is already there.
  useEffect(() => {
    if (!selectedId || selectedRef == null || !points || selectedFromMap.current === selectedId) return;
    const [first] = pointsOf(points, selectedRef);
    if (first !== undefined) map.panTo([points.lat[first]!, points.lon[first]!]);
  }, [selectedId, selectedRef, points, map]);

  useEffect(() => {
    // Drawn only once the worker holds the answer's own set: the old set's markers are not this answer's.
    if (!client || !loaded || loaded.points !== points || loaded.points.set !== set || selectedRef === undefined) return;
    const indexed = loaded.points;
    let current = true;
    const select = (serviceId: string) => {
      selectedFromMap.current = serviceId;
      onSelect(serviceId);
    };
    const selectPoint = (i: number) => {
      const ref = indexed.service[i]!;
      const known = services.get(ref);
      if (known) return select(known.serviceId);
      void services.learn([ref]).then(() => {
        const learnt = services.get(ref);
        if (learnt) select(learnt.serviceId);
      });
    };
    const title = (place: Place) => {
      const base = place.members.length === 1 ? (services.get(indexed.service[place.members[0]!]!)?.name ?? labels.services(1)) : labels.services(place.members.length);
      return place.approximate ? `${base} (${labels.approximate})` : base;
    };
    const isSelected = (i: number) => indexed.service[i] === selectedRef;
    const isSpider = (place: Place) => !!spider && place.lat === spider.lat && place.lon === spider.lon;
    /** Single-service markers drawn, to title once their services are learnt. */
    const pins: [L.Marker, Place][] = [];
    const pin = (place: Place, at: L.LatLng, selected: boolean, zIndexOffset: number) => {
      const named = title(place);
      const look = `pin ${at.lat} ${at.lng} ${place.approximate} ${place.members.length} ${selected} ${zIndexOffset}`;
      const marker = kept.keep(look, () => L.marker(at, { icon: placeIcon(place, selected), title: named, keyboard: true, zIndexOffset }));
      if (marker.options.title !== named) retitle(marker, named);
      if (place.members.length === 1) pins.push([marker, place]);
      return marker;
    };

    const draw = (markers: MapMarker[], b: L.LatLngBounds) => {
      kept.begin(labels);
      let selectedShown = false;
      for (const m of markers) {
        if (m.kind === 'cluster') {
          kept
            .keep(`cluster ${m.lat} ${m.lon} ${m.count}`, () => L.marker([m.lat, m.lon], { icon: clusterIcon(m.count, labels.number(m.count)), title: labels.clusterOf(m.count), keyboard: true }))
            .on('click', () => void client.expansionZoom(m.id).then((zoom) => map.setView([m.lat, m.lon], zoom), noMarkers));
          continue;
        }
        const place: Place = { lat: m.lat, lon: m.lon, approximate: m.approximate, members: m.members };
        if (isSpider(place)) continue;
        const selected = place.members.some(isSelected);
        selectedShown ||= selected;
        pin(place, L.latLng(place.lat, place.lon), selected, selected ? 1000 : 0).on('click', () => (place.members.length === 1 ? selectPoint(place.members[0]!) : setSpider(place)));
      }

      if (spider) {
        const centre = map.latLngToLayerPoint([spider.lat, spider.lon]);
        const legs = spider.members.slice(0, SPIDER_MAX);
        spiderPositions(legs.length).forEach(([dx, dy], n) => {
          const i = legs[n]!;
          const at = map.layerPointToLatLng(centre.add([dx, dy]));
          const selected = isSelected(i);
          selectedShown ||= selected;
          kept.keep(`leg ${spider.lat} ${spider.lon} ${at.lat} ${at.lng}`, () => L.polyline([[spider.lat, spider.lon], at], { className: 'map-spider-leg', interactive: false }));
          const leaf: Place = { lat: at.lat, lon: at.lng, members: [i], approximate: indexed.approximate[i] === 1 };
          pin(leaf, at, selected, 500).on('click', () => selectPoint(i));
        });
      }

      // The selected service sits inside a cluster: mark where it is, above the cluster.
      if (selectedRef !== null && !selectedShown) {
        for (const i of pointsOf(indexed, selectedRef)) {
          const [lat, lon] = [indexed.lat[i]!, indexed.lon[i]!];
          if (!b.contains([lat, lon])) continue;
          pin({ lat, lon, members: [i], approximate: indexed.approximate[i] === 1 }, L.latLng(lat, lon), true, 1000);
        }
      }
      kept.end();
      selectedFromMap.current = null;
      // Counted on the map's element (data-draws) for the ui bench, which waits for a
      // given set of markers to be on screen rather than guessing with a delay.
      const container = map.getContainer();
      container.setAttribute('data-draws', String(Number(container.getAttribute('data-draws') ?? 0) + 1));

      // The pins' services, learnt now: their titles name them.
      void services.learn(pins.map(([, place]) => indexed.service[place.members[0]!]!)).then((learnt) => {
        if (!current || !learnt) return;
        for (const [marker, place] of pins) retitle(marker, title(place));
      });
    };

    const b = map.getBounds();
    const view = viewOf(map);
    // A set's first draw, at the view it was loaded for, has its markers already. Later redraws (another
    // answer of the same set, a selection) ask the worker as before, so drawing the markers is not added
    // to the effects of the commit that shows the list's answer.
    if (drawnLoad.current !== loaded && sameView(view, loaded.view)) {
      drawnLoad.current = loaded;
      draw(loaded.markers, b);
    } else client.markers(view).then((markers) => current && draw(markers, b), noMarkers);
    return () => {
      current = false;
    };
    // viewVersion: redraw after every pan and zoom; answer: once for every answer.
  }, [loaded, points, set, answer, viewVersion, spider, selectedRef, services, labels, map, kept, client, onSelect]);

  return null;
}
