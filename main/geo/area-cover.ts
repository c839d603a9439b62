import { polygonsContain, type Polygons } from './extent';

/**
 * A service area as the area table understands it. Counties are FIPS codes, states USPS codes, place
 * names folded (shared/text-fold.ts).
 */
export type Area =
  | { kind: 'nation' }
  | { kind: 'state'; state: string }
  | { kind: 'county'; county: string }
  /** Part of these counties (a valley, "south Orange County"): never beyond them, but which parts is not said. */
  | { kind: 'within'; counties: string[] }
  /** A city or town, and the county it lies in. */
  | { kind: 'place'; name: string; county: string | null }
  | { kind: 'zips'; zips: string[]; counties: string[] }
  | { kind: 'shape'; polygons: Polygons };

/** The place a desk asks about ("who serves here?"): a ZIP code or a California place, resolved offline. */
export interface Whereabouts {
  label: string;
  lat: number;
  lon: number;
  /** The ZIP code asked for; null for a place. */
  zip: string | null;
  /** Folded names of the city it is: the place's own, or a ZIP's USPS city. */
  city: string;
  state: string;
  /** The counties it lies in: one, or two for a ZIP across a county line; none offshore. */
  counties: string[];
}

/** Whether an area covers a place: yes, no, or cannot be told from what the area says. */
export const COVERS = 2;
export const UNCLEAR = 1;
export const NOT_COVERED = 0;
export type Coverage = typeof COVERS | typeof UNCLEAR | typeof NOT_COVERED;

const anyIn = (some: readonly string[], of: readonly string[]) => some.some((c) => of.includes(c));

/**
 * Whether the area reaches the place. Unclear when the area lies in the place's county but may not
 * reach it: part of a county, another town of the same county, a list of ZIP codes asked about by town.
 */
export function coverage(area: Area, at: Whereabouts): Coverage {
  switch (area.kind) {
    case 'nation':
      return COVERS;
    case 'state':
      return area.state === at.state ? COVERS : NOT_COVERED;
    case 'county':
      return at.counties.includes(area.county) ? COVERS : NOT_COVERED;
    case 'within':
      return anyIn(area.counties, at.counties) ? UNCLEAR : NOT_COVERED;
    case 'place':
      if (area.name === at.city) return COVERS;
      return area.county !== null && at.counties.includes(area.county) ? UNCLEAR : NOT_COVERED;
    case 'zips':
      if (at.zip !== null) return area.zips.includes(at.zip) ? COVERS : NOT_COVERED;
      return anyIn(area.counties, at.counties) ? UNCLEAR : NOT_COVERED;
    case 'shape':
      return polygonsContain(area.polygons, at.lon, at.lat) ? COVERS : NOT_COVERED;
  }
}

/**
 * How a service's areas together answer for a place: the best of them. Each entry is what one of its
 * area names stands for, null for a name the table does not know; a service that states no area, or
 * whose known areas miss the place beside a name not known, is unclear.
 */
export function areasCoverage(named: readonly (readonly Area[] | null)[], at: Whereabouts): Coverage {
  let best: Coverage = NOT_COVERED;
  let unknown = named.length === 0;
  for (const areas of named) {
    if (areas === null) unknown = true;
    else for (const a of areas) best = Math.max(best, coverage(a, at)) as Coverage;
    if (best === COVERS) return COVERS;
  }
  return unknown ? UNCLEAR : best;
}
