import { areasCoverage, COVERS, UNCLEAR, type Area, type Whereabouts } from '../../geo/area-cover';
import { HOME_STATE, type AreaTable } from '../../geo/area-table';
import { extentPolygons, type Polygons } from '../../geo/extent';
import { derived } from '../per-index';

/** One HSDS service_area row as search keeps it: its name, and its extent when that is GeoJSON polygons. */
export interface AreaFact {
  name: string | null;
  extent: string | null;
}

/** The service areas of every item: item i's are areaKeys[areaOf[areaStart[i] .. areaStart[i + 1] - 1]]. */
export interface AreaColumns {
  areaStart: Int32Array;
  areaOf: Int32Array;
  /** Each distinct area once, as the JSON of [name, extent]: a directory names a few hundred areas for 100,000 services. */
  areaKeys: string[];
}

export function areaColumns(items: readonly { areas: readonly AreaFact[] }[]): AreaColumns {
  const areaStart = new Int32Array(items.length + 1);
  const of: number[] = [];
  const keys = new Map<string, number>();
  const areaKeys: string[] = [];
  for (let i = 0; i < items.length; i++) {
    areaStart[i] = of.length;
    for (const a of items[i]!.areas) {
      // A cheap key to look up; the JSON is made once per distinct area.
      const key = a.extent === null ? (a.name ?? '') : `${a.name ?? ''}\u0000${a.extent}`;
      let k = keys.get(key);
      if (k === undefined) {
        keys.set(key, (k = areaKeys.length));
        areaKeys.push(JSON.stringify([a.name, a.extent]));
      }
      if (of.length === areaStart[i] || !of.includes(k, areaStart[i])) of.push(k);
    }
  }
  areaStart[items.length] = of.length;
  return { areaStart, areaOf: Int32Array.from(of), areaKeys };
}

/** Each distinct area as its name and polygons (parsed once per index). */
const parsedAreas = (ix: AreaColumns) =>
  derived(ix, 'areaParsed', () =>
    ix.areaKeys.map((k) => {
      const [name, extent] = JSON.parse(k) as [string | null, string | null];
      return [name, extentPolygons(extent, 'geojson')] as const;
    }),
  );

/** The names of item i's service areas, as its publisher wrote them (an extent without a name has none). */
export function areaNames(ix: AreaColumns, item: number): string[] {
  const parsed = parsedAreas(ix);
  const names: string[] = [];
  for (let a = ix.areaStart[item]!; a < ix.areaStart[item + 1]!; a++) {
    const name = parsed[ix.areaOf[a]!]![0];
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The polygons item i's areas draw on a map: its extents, and the outlines of the counties it names. */
export function areaOutlines(ix: AreaColumns, table: AreaTable, item: number): Polygons {
  const resolved = resolvedAreas(ix, table);
  const out: Polygons = [];
  for (let a = ix.areaStart[item]!; a < ix.areaStart[item + 1]!; a++) {
    for (const area of resolved[ix.areaOf[a]!] ?? []) {
      if (area.kind === 'shape') out.push(...area.polygons);
      else if (area.kind === 'county') out.push(...(table.countyOutline(area.county) ?? []));
    }
  }
  return out;
}

/** What each distinct area stands for (null: a name the table does not know), worked out once per index. */
const resolvedAreas = (ix: AreaColumns, table: AreaTable): (Area[] | null)[] =>
  derived(ix, 'areaResolved', () => parsedAreas(ix).map(([name, polygons]) => (polygons ? [{ kind: 'shape', polygons }] : name ? table.resolveName(name) : null)));

/**
 * Whether each item's areas cover the place, by item: 2 covers, 1 not stated or unclear, 0 does not.
 * Kept for the last place asked about: a desk asks about one place many times over.
 */
export function areaCoverageByItem(ix: AreaColumns & { size: number }, table: AreaTable, at: Whereabouts): Uint8Array {
  const last = derived(ix, 'areaCoverage', () => ({ label: '', states: new Uint8Array(0) }));
  if (last.label === at.label && last.states.length === ix.size) return last.states;
  const byKey = Uint8Array.from(resolvedAreas(ix, table), (areas) => areasCoverage([areas], at));
  const states = new Uint8Array(ix.size);
  for (let i = 0; i < ix.size; i++) {
    const from = ix.areaStart[i]!;
    const to = ix.areaStart[i + 1]!;
    let best = from === to ? UNCLEAR : 0;
    for (let a = from; a < to; a++) best = Math.max(best, byKey[ix.areaOf[a]!]!);
    states[i] = best;
  }
  last.label = at.label;
  last.states = states;
  return states;
}

/**
 * Whether each item's areas take in the whole home state (the nation or the state itself), by item: COVERS
 * or NOT_COVERED (smaller, or not stated), as areaCoverageByItem answers for one place. Worked out once
 * per index.
 */
export function wholeStateByItem(ix: AreaColumns & { size: number }, table: AreaTable): Uint8Array {
  return derived(ix, 'areaWholeState', () => {
    const byKey = resolvedAreas(ix, table).map((areas) => (areas ?? []).some((a) => a.kind === 'nation' || (a.kind === 'state' && a.state === HOME_STATE)));
    const states = new Uint8Array(ix.size);
    for (let i = 0; i < ix.size; i++) {
      for (let a = ix.areaStart[i]!; a < ix.areaStart[i + 1]!; a++) if (byKey[ix.areaOf[a]!]) states[i] = COVERS;
    }
    return states;
  });
}
