import type { MapPoint } from '../domain';
import { LentArrays } from './lent-arrays';

export const MAP_MIN_ZOOM = 5;
export const MAP_MAX_ZOOM = 17;

/** Above this zoom every place is drawn on its own: a street-level view holds few enough. */
const CLUSTER_MAX_ZOOM = 15;
/**
 * Spots closer than this many screen pixels at a zoom join one cluster. Cluster icons are up to 50 px
 * across (ResultMarkers.tsx): at 28 px big clusters piled onto each other around Los Angeles.
 */
const CLUSTER_RADIUS_PX = 48;

/**
 * A result set's points as columns (main sends them so, see MapPoints): typed arrays cross to the cluster
 * worker as one copy of their bytes, where 100,000 point objects would be copied one by one.
 */
export interface PointColumns {
  lat: Float64Array;
  lon: Float64Array;
  /** 1: a city centre, not an address. */
  approximate: Uint8Array;
}

/** Columns of point objects: for tests and the map bench, which make their points one by one. */
export function pointColumns(points: readonly Pick<MapPoint, 'lat' | 'lon' | 'approximate'>[]): PointColumns {
  const n = points.length;
  const columns = { lat: new Float64Array(n), lon: new Float64Array(n), approximate: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    columns.lat[i] = p.lat;
    columns.lon[i] = p.lon;
    columns.approximate[i] = p.approximate ? 1 : 0;
  }
  return columns;
}

export type MapMarker =
  /** count: the places (distinct spots) inside; a place may hold several services. */
  | { kind: 'cluster'; id: number; lat: number; lon: number; count: number }
  /** members: indexes into the loaded points, every one at this spot, in load order. */
  | { kind: 'place'; lat: number; lon: number; approximate: boolean; members: number[] };

/** Web Mercator, the world as the unit square. */
const lonX = (lon: number) => lon / 360 + 0.5;
function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
const xLon = (x: number) => (x - 0.5) * 360;
const yLat = (y: number) => (360 * Math.atan(Math.exp((1 - 2 * y) * Math.PI))) / Math.PI - 90;

/*
 * Every loop below sits in a function of its own: V8 optimises a hot loop while it runs, and a function
 * holding several loops is thrown back to the interpreter at each new one, which cost a cold build of
 * 100,000 points most of its time.
 */

const nextPowerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/**
 * A build's work arrays, lent again to the next build (a cluster worker builds one set at a time): made
 * anew each time, they were most of a build in Chromium. What an index keeps is its own.
 */
const work = new LentArrays();
const workInts = (name: string, length: number) => work.borrow(name, Int32Array, length);

/** Mixes a pair of integers into the low bits: neighbouring pairs land far apart. */
function pairHash(a: number, b: number, mask: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

function countKeys(order: Int32Array, key: Int32Array, counts: Int32Array, offset: number): void {
  for (let p = 0; p < order.length; p++) counts[key[order[p]!]! + offset]!++;
}

function runningTotal(values: Int32Array): void {
  for (let k = 1; k < values.length; k++) values[k]! += values[k - 1]!;
}

function scatter(order: Int32Array, key: Int32Array, next: Int32Array, offset: number, sorted: Int32Array): void {
  for (let p = 0; p < order.length; p++) {
    const i = order[p]!;
    sorted[next[key[i]! + offset]!++] = i;
  }
}

/**
 * Stable counting sort of `order` by small non-negative integer keys below `range`, into `sorted` (as
 * long as `order`). `starts` (range + 2 long) ends with starts[k] where key k's run begins in the result
 * (starts[range] is the end).
 */
function countingSort(order: Int32Array, key: Int32Array, range: number, sorted: Int32Array, starts: Int32Array): void {
  starts.fill(0);
  countKeys(order, key, starts, 2);
  runningTotal(starts);
  // Now starts[k + 1] is where key k's run begins; filling the runs moves each to the next run's beginning.
  scatter(order, key, starts, 1, sorted);
}

/** Sorts `order` by `key` into the lent array `name`. */
function sortedBy(name: string, order: Int32Array, key: Int32Array, range: number): Int32Array {
  const sorted = workInts(name, order.length);
  countingSort(order, key, range, sorted, workInts('starts', range + 2));
  return sorted;
}

function identity(n: number): Int32Array {
  const out = workInts('identity', n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Every point at one spot (to about a metre). */
interface Places {
  count: number;
  /** The spot of place i: its first point's. */
  lat: Float64Array;
  lon: Float64Array;
  approximate: Uint8Array;
  /** Place i's points are members[start[i]] up to members[start[i + 1]], in load order. */
  start: Int32Array;
  members: Int32Array;
}

/** Numbers each spot in order of first appearance (an open-addressing hash on whole 1e-5 degrees); returns how many. */
function numberSpots(lat: Float64Array, lon: Float64Array, placeOf: Int32Array): number {
  const n = lat.length;
  const mask = nextPowerOfTwo(2 * n) - 1;
  const slots = workInts('slots', mask + 1).fill(-1);
  const keyLat = workInts('keyLat', n);
  const keyLon = workInts('keyLon', n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.round(lat[i]! * 1e5);
    const b = Math.round(lon[i]! * 1e5);
    let h = pairHash(a, b, mask);
    let place = slots[h]!;
    while (place !== -1 && (keyLat[place] !== a || keyLon[place] !== b)) {
      h = (h + 1) & mask;
      place = slots[h]!;
    }
    if (place === -1) {
      place = count++;
      slots[h] = place;
      keyLat[place] = a;
      keyLon[place] = b;
    }
    placeOf[i] = place;
  }
  return count;
}

function placeSpots(columns: PointColumns, places: Places): void {
  const { start, members } = places;
  for (let p = 0; p < places.count; p++) {
    const first = members[start[p]!]!;
    places.lat[p] = columns.lat[first]!;
    places.lon[p] = columns.lon[first]!;
    let approximate = 1;
    for (let m = start[p]!; m < start[p + 1]! && approximate; m++) approximate = columns.approximate[members[m]!]!;
    places.approximate[p] = approximate;
  }
}

function groupPlaces(columns: PointColumns): Places {
  const n = columns.lat.length;
  const placeOf = workInts('placeOf', n);
  const count = numberSpots(columns.lat, columns.lon, placeOf);
  const members = new Int32Array(n);
  const starts = new Int32Array(count + 2);
  countingSort(identity(n), placeOf, count, members, starts);
  const places = { count, lat: new Float64Array(count), lon: new Float64Array(count), approximate: new Uint8Array(count), start: starts.subarray(0, count + 1), members };
  placeSpots(columns, places);
  return places;
}

/**
 * The markers at one zoom, in projected coordinates. An item with count 1 is a place; its children are
 * items of the next zoom in: firstChild, and childCount of them when the item is a cluster.
 */
interface Level {
  size: number;
  x: Float64Array;
  y: Float64Array;
  count: Int32Array;
  place: Int32Array;
  firstChild: Int32Array;
  childCount: Int32Array;
}

/** A level of up to `capacity` items in lent arrays, or in arrays of its own when `own`. */
function emptyLevel(capacity: number, own = false): Level {
  const float = (name: string) => (own ? new Float64Array(capacity) : work.borrow(name, Float64Array, capacity));
  const int = (name: string) => (own ? new Int32Array(capacity) : workInts(name, capacity));
  return { size: 0, x: float('x'), y: float('y'), count: int('count'), place: int('place'), firstChild: int('firstChild'), childCount: int('childCount') };
}

/** The level built in lent arrays, copied into arrays of its own as long as it turned out to be. */
function kept(level: Level): Level {
  const { size } = level;
  const out = emptyLevel(size, true);
  out.size = size;
  for (const key of ['x', 'y', 'count', 'place', 'firstChild', 'childCount'] as const) out[key].set(level[key].subarray(0, size));
  return out;
}

function minimum(values: Float64Array, n: number): number {
  let min = Infinity;
  for (let i = 0; i < n; i++) if (values[i]! < min) min = values[i]!;
  return min;
}

/** Each item's cell along one axis, cells `size` wide counted from the lowest one; returns how many cells. */
function cellsAlong(values: Float64Array, n: number, size: number, cells: Int32Array): number {
  const origin = Math.floor(minimum(values, n) / size);
  let range = 1;
  for (let i = 0; i < n; i++) {
    const c = Math.floor(values[i]! / size) - origin;
    cells[i] = c;
    if (c >= range) range = c + 1;
  }
  return range;
}

/** Values per item in SortedItems.item: one cache line holds all an item's step reads. */
const ITEM = 4;

/**
 * The items in cell order, copied so the sweep reads memory in order: item holds x, y, count and key
 * (the cell, row-major) of each, then a key of Infinity that ends every scan; a seed's reads come
 * together. `near` holds, for each run of items sharing a cell (`runOf`), where the scan of each of the
 * three rows of cells around it starts.
 */
interface SortedItems {
  item: Float64Array;
  runOf: Int32Array;
  near: Int32Array;
}

function interleave(finer: Level, order: Int32Array, cellX: Int32Array, cellY: Int32Array, stride: number): Float64Array {
  const n = order.length;
  const item = work.borrow('item', Float64Array, (n + 1) * ITEM);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    const b = p * ITEM;
    item[b] = finer.x[i]!;
    item[b + 1] = finer.y[i]!;
    item[b + 2] = finer.count[i]!;
    item[b + 3] = cellY[i]! * stride + cellX[i]!;
  }
  item[n * ITEM + 3] = Infinity;
  return item;
}

/** Numbers the runs of equal keys; returns how many, with each run's key in runKey. */
function numberRuns(item: Float64Array, runOf: Int32Array, runKey: Float64Array): number {
  let runs = 0;
  let previous = -1;
  for (let p = 0; p < runOf.length; p++) {
    const key = item[p * ITEM + 3]!;
    if (key !== previous) runKey[runs++] = key;
    runOf[p] = runs - 1;
    previous = key;
  }
  return runs;
}

/**
 * For every run, the first position whose key is at least each of its three rows' leftmost neighbour
 * cell: the targets rise with the run, so one pointer per row walks the items once.
 */
function nearStarts(item: Float64Array, runKey: Float64Array, runs: number, stride: number): Int32Array {
  const near = workInts('near', runs * 3);
  let above = 0;
  let same = 0;
  let below = 0;
  for (let c = 0; c < runs; c++) {
    const key = runKey[c]!;
    while (item[above * ITEM + 3]! < key - stride - 1) above++;
    while (item[same * ITEM + 3]! < key - 1) same++;
    while (item[below * ITEM + 3]! < key + stride - 1) below++;
    near[c * 3] = above;
    near[c * 3 + 1] = same;
    near[c * 3 + 2] = below;
  }
  return near;
}

function sortedCopy(finer: Level, order: Int32Array, cellX: Int32Array, cellY: Int32Array, stride: number): SortedItems {
  const item = interleave(finer, order, cellX, cellY, stride);
  const runOf = workInts('runOf', order.length);
  const runKey = work.borrow('runKey', Float64Array, order.length);
  const runs = numberRuns(item, runOf, runKey);
  return { item, runOf, near: nearStarts(item, runKey, runs, stride) };
}

function inverse(order: Int32Array): Int32Array {
  const out = workInts('positionOf', order.length);
  for (let p = 0; p < order.length; p++) out[order[p]!] = p;
  return out;
}

/**
 * The greedy step of supercluster: each item not yet taken takes every untaken item within r, and the
 * cluster sits at their weighted centre. Unlike supercluster, the biggest items seed first (`seeds`):
 * otherwise a cluster's centre drifts towards the next one's and big clusters pile up over a city; among
 * equals, cell by cell, row by row.
 * Every neighbour is in the 3 x 3 cells around an item: three cells in a row are neighbours in the
 * cell-sorted items (the spare columns keep a row's ends apart), scanned from where `near` says.
 */
function sweep(items: SortedItems, stride: number, r: number, order: Int32Array, seeds: Int32Array, finer: Level, out: Level): void {
  const { item, runOf, near } = items;
  const n = order.length;
  const r2 = r * r;
  const taken = work.borrow('taken', Uint8Array, n).fill(0);
  const positionOf = inverse(order);
  for (let s = 0; s < n; s++) {
    const i = seeds[s]!;
    const p = positionOf[i]!;
    if (taken[p]) continue;
    taken[p] = 1;
    const b = p * ITEM;
    const xp = item[b]!;
    const yp = item[b + 1]!;
    let weight = item[b + 2]!;
    let wx = xp * weight;
    let wy = yp * weight;
    let children = 1;
    const run = runOf[p]! * 3;
    for (let row = 0; row < 3; row++) {
      const last = item[b + 3]! + (row - 1) * stride + 1;
      for (let q = near[run + row]!; item[q * ITEM + 3]! <= last; q++) {
        if (taken[q]) continue;
        const dx = item[q * ITEM]! - xp;
        const dy = item[q * ITEM + 1]! - yp;
        if (dx * dx + dy * dy > r2) continue;
        taken[q] = 1;
        children++;
        const c = item[q * ITEM + 2]!;
        weight += c;
        wx += item[q * ITEM]! * c;
        wy += item[q * ITEM + 1]! * c;
      }
    }
    const k = out.size++;
    out.x[k] = wx / weight;
    out.y[k] = wy / weight;
    out.count[k] = weight;
    out.place[k] = children === 1 ? finer.place[i]! : -1;
    // Any child will do: it is only followed down a chain of clusters of one child.
    out.firstChild[k] = i;
    out.childCount[k] = children;
  }
}

/** The finest level: every place on its own. */
function placeLevel(places: Places): Level {
  const level = emptyLevel(places.count, true);
  level.size = places.count;
  for (let p = 0; p < places.count; p++) {
    level.x[p] = lonX(places.lon[p]!);
    level.y[p] = latY(places.lat[p]!);
    level.count[p] = 1;
    level.place[p] = p;
  }
  return level;
}

/** A sort key putting bigger clusters first (by powers of two, ties in order): the leading zero bits of the count. */
function heaviness(count: Int32Array, n: number): Int32Array {
  const out = workInts('heaviness', n);
  for (let i = 0; i < n; i++) out[i] = Math.clz32(count[i]!);
  return out;
}

/** One zoom out from `finer`: items within the cluster radius at this zoom join. */
function clusterLevel(finer: Level, zoom: number): Level {
  const n = finer.size;
  const r = CLUSTER_RADIUS_PX / (256 * 2 ** zoom);
  const cellX = workInts('cellX', n);
  const cellY = workInts('cellY', n);
  const width = cellsAlong(finer.x, n, r, cellX);
  const height = cellsAlong(finer.y, n, r, cellY);
  const byRow = sortedBy('byRow', sortedBy('byColumn', identity(n), cellX, width), cellY, height);
  // Two spare columns: a neighbour's cell one left or right never reads as another row's.
  const stride = width + 2;
  const out = emptyLevel(n);
  // Equally heavy seeds in the cells' order, row by row: one after another they read the sorted items
  // nearly in order, where in the finer level's order they were spread over all of them (a fifth of a
  // build of 76,000 points).
  const seeds = sortedBy('seeds', byRow, heaviness(finer.count, n), 33);
  sweep(sortedCopy(finer, byRow, cellX, cellY, stride), stride, r, byRow, seeds, finer, out);
  return kept(out);
}

/**
 * The clustering step between a result set and the map: built once per result set, then asked for the
 * markers of a viewport on every pan and zoom. Clusters count places, not services. Supercluster's
 * method with typed arrays throughout: at 100,000 points the supercluster package (GeoJSON objects,
 * growing arrays, a k-d tree per zoom) took three to four times as long.
 */
export class ClusterIndex {
  private readonly places: Places;
  /** levels[z - MAP_MIN_ZOOM] holds zoom z's markers; the last level is every place on its own. */
  private readonly levels: Level[];

  constructor(columns: PointColumns) {
    this.places = groupPlaces(columns);
    const levels = [placeLevel(this.places)];
    for (let z = CLUSTER_MAX_ZOOM; z >= MAP_MIN_ZOOM; z--) levels.unshift(clusterLevel(levels[0]!, z));
    this.levels = levels;
  }

  private levelAt(zoom: number): number {
    return Math.max(0, Math.min(Math.round(zoom), CLUSTER_MAX_ZOOM + 1) - MAP_MIN_ZOOM);
  }

  /** Markers inside [west, south, east, north] at a zoom. */
  markers(bbox: [number, number, number, number], zoom: number): MapMarker[] {
    const levelIndex = this.levelAt(zoom);
    const level = this.levels[levelIndex]!;
    const [west, east, north, south] = [lonX(bbox[0]), lonX(bbox[2]), latY(bbox[3]), latY(bbox[1])];
    const out: MapMarker[] = [];
    for (let k = 0; k < level.size; k++) {
      const x = level.x[k]!;
      const y = level.y[k]!;
      if (x < west || x > east || y < north || y > south) continue;
      const place = level.place[k]!;
      if (place === -1) {
        out.push({ kind: 'cluster', id: k * 32 + levelIndex, lat: yLat(y), lon: xLon(x), count: level.count[k]! });
        continue;
      }
      const { start, members } = this.places;
      out.push({
        kind: 'place',
        lat: this.places.lat[place]!,
        lon: this.places.lon[place]!,
        approximate: this.places.approximate[place] === 1,
        members: Array.from(members.subarray(start[place]!, start[place + 1]!)),
      });
    }
    return out;
  }

  /** The zoom at which a cluster breaks apart: the first zoom in where it has more than one child. */
  expansionZoom(clusterId: number): number {
    let levelIndex = clusterId % 32;
    let k = Math.floor(clusterId / 32);
    while (levelIndex < this.levels.length - 1) {
      const level = this.levels[levelIndex]!;
      if (k >= level.size) break;
      levelIndex++;
      if (level.childCount[k]! > 1) break;
      k = level.firstChild[k]!;
    }
    return Math.min(levelIndex + MAP_MIN_ZOOM, MAP_MAX_ZOOM);
  }
}
