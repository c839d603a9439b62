import { ClusterIndex, pointColumns } from '../shared/map/map-clusters';
import { syntheticPoints } from '../main/test-support/synthetic-points';

/**
 * The map's clustering step, as the renderer and its cluster worker run it: cluster_build_ms is a new
 * result set (its points come from main as typed arrays; the worker groups them by address, clusters
 * every zoom and takes the first view of California at state zoom); viewport_update_ms is the
 * median of the markers for one pan or zoom, over views from state to street zoom around Los Angeles,
 * San Francisco and Fresno. Points are synthetic (main/test-support/synthetic-points.ts).
 */
const CALIFORNIA: [number, number, number, number] = [-124.5, 32.5, -114, 42];

function viewsAround(lon: number, lat: number): { bbox: [number, number, number, number]; zoom: number }[] {
  // A 600 x 700 pixel map: half-widths in degrees at each zoom.
  return [7, 9, 11, 13, 15].map((zoom) => {
    const half = (300 * 360) / (256 * 2 ** zoom);
    return { bbox: [lon - half, lat - half * 0.9, lon + half, lat + half * 0.9], zoom };
  });
}

export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const n of sizes) {
    const columns = pointColumns(syntheticPoints(n));
    const start = performance.now();
    const index = new ClusterIndex(columns);
    const first = index.markers(CALIFORNIA, 6);
    const build = performance.now() - start;

    const views = [viewsAround(-118.24, 34.05), viewsAround(-122.42, 37.77), viewsAround(-119.77, 36.75)].flat();
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const v of views) {
        const t = performance.now();
        index.markers(v.bbox, v.zoom);
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const worst = times[times.length - 1]!;
    log(`map ${n}: build ${build.toFixed(0)} ms (${first.length} markers at state zoom), viewport median ${median.toFixed(2)} ms, worst ${worst.toFixed(2)} ms`);
    rows.push({ points: n, cluster_build_ms: Math.round(build), viewport_update_ms: Number(median.toFixed(2)), viewport_worst_ms: Number(worst.toFixed(2)) });
  }
  return rows;
}
