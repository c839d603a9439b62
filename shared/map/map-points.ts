import type { MapPoints, MapSetItems, MapTable } from '../domain';

/**
 * The points of a set's services as columns, in the services' order, each point with its service's
 * number: what the map clusters and draws. `table` is the index the items belong to.
 */
export function pointsOfItems(table: MapTable, { set, index, items, points }: MapSetItems): MapPoints {
  const columns: MapPoints = {
    set,
    index,
    lat: new Float64Array(points),
    lon: new Float64Array(points),
    approximate: new Uint8Array(points),
    service: new Int32Array(points),
  };
  fillColumns(table, items, columns);
  return columns;
}

/** A function of its own so V8 keeps its loop optimized. */
function fillColumns(table: MapTable, items: Int32Array, out: MapPoints): void {
  let n = 0;
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    for (let p = table.pointStart[i]!; p < table.pointStart[i + 1]!; p++, n++) {
      out.lat[n] = table.lat[p]!;
      out.lon[n] = table.lon[p]!;
      out.approximate[n] = table.approximate[p]!;
      out.service[n] = i;
    }
  }
}
