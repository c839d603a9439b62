import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { atlas } from '../atlas';
import { L } from './leaflet-global';

/**
 * The selected service's area on the map: the counties it names and the polygons it gives. A state or
 * nation is not drawn (it would cover the whole map), nor an area the table does not know.
 */
export function AreaOutline({ serviceId }: { serviceId: string }) {
  const map = useMap();
  useEffect(() => {
    let layer: L.Polygon | null = null;
    let gone = false;
    void atlas()
      .serviceAreaOutline({ id: serviceId })
      .then((r) => {
        if (gone || !r.ok || !r.value) return;
        const latLngs = r.value.polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]) => [lat, lon] as [number, number])));
        layer = L.polygon(latLngs, { className: 'map-area', interactive: false }).addTo(map);
      });
    return () => {
      gone = true;
      layer?.remove();
    };
  }, [map, serviceId]);
  return null;
}
