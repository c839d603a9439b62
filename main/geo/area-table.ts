import { readFileSync } from 'node:fs';
import type { NearQuery } from '../../shared/domain';
import { foldedWords } from '../../shared/text-fold';
import type { Area, Whereabouts } from './area-cover';
import type { Polygons } from './extent';
import { GeocodeError, type Gazetteer } from './gazetteer';
import { zipLines } from './zip-lines';

/** data/areas.json as scripts/build-areas.mjs writes it. */
interface AreaFile {
  /** FIPS code, USPS code, name. */
  states: [string, string, string][];
  /** FIPS code, name (without "County"). */
  counties: [string, string][];
  /** A line per ZIP (zip-lines.ts): the positions of its counties in `counties`. */
  zipCountyLines: string;
  /** Name, whether it is exactly these counties (else within them), their FIPS codes. */
  regions: [string, boolean, string[]][];
  /** California county outlines by FIPS code. */
  outlines: Record<string, { type: 'Polygon'; coordinates: Polygons[number] } | { type: 'MultiPolygon'; coordinates: Polygons }>;
}

/** The state a name without one is read in: the directory is Californian. */
export const HOME_STATE = 'CA';

const words = (text: string) => foldedWords(text);
const join = (w: readonly string[]) => w.join(' ');

const NATION = new Set(
  ['United States', 'United States of America', 'USA', 'US', 'U.S.', 'U.S.A.', 'Nationwide', 'National', 'All states', 'Estados Unidos',
    'Estados Unidos de America', 'EE. UU.', 'EEUU', 'Todo el pais', 'Nacional'].map((n) => join(words(n))),
);
const STATEWIDE = new Set(['statewide', 'state wide', 'todo el estado', 'estatal'].map((n) => join(words(n))));
const STATE_PREFIXES = [['state', 'of'], ['estado', 'de'], ['all', 'of'], ['todo', 'el', 'estado', 'de']];
const STATE_SUFFIXES = [['statewide'], ['state', 'wide'], ['state']];
const COUNTY_PREFIXES = [['city', 'and', 'county', 'of'], ['county', 'of'], ['condado', 'de']];
const COUNTY_SUFFIXES = [['county'], ['co'], ['parish'], ['borough']];
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'norte', 'sur', 'este', 'oeste']);
const LIST_FILLER = new Set(['zip', 'zips', 'code', 'codes', 'and', 'y']);

const startsWith = (w: readonly string[], prefix: readonly string[]) => prefix.length < w.length && prefix.every((p, i) => w[i] === p);
const endsWith = (w: readonly string[], suffix: readonly string[]) => suffix.length < w.length && suffix.every((s, i) => w[w.length - suffix.length + i] === s);

/**
 * The offline table service areas are read against (data/areas.json with the gazetteer): names such as
 * "Fresno County", "County of Fresno, CA", "Condado de Fresno", "California", "statewide", "United States",
 * a city, a list of ZIP codes, a region ("Inland Empire"); and the county, state and city of a place a
 * desk asks about. Names without a state are read as Californian.
 */
export function loadAreaTable(path: string, gazetteer: Gazetteer) {
  const file = JSON.parse(readFileSync(path, 'utf8')) as AreaFile;
  const statesByName = new Map(file.states.map(([, postal, name]) => [join(words(name)), postal]));
  const statesByPostal = new Map(file.states.map(([, postal]) => [postal.toLowerCase(), postal]));
  const postalOfFips = new Map(file.states.map(([fips, postal]) => [fips, postal]));
  const countiesByName = new Map<string, { fips: string; state: string }[]>();
  for (const [fips, name] of file.counties) {
    const list = countiesByName.get(join(words(name))) ?? [];
    list.push({ fips, state: postalOfFips.get(fips.slice(0, 2)) ?? '' });
    countiesByName.set(join(words(name)), list);
  }
  const homeCountyByName = new Map(file.counties.filter(([fips]) => postalOfFips.get(fips.slice(0, 2)) === HOME_STATE).map(([fips, name]) => [name, fips]));
  const regions = new Map(file.regions.map(([name, whole, fips]) => [join(words(name)), whole ? fips.map((county): Area => ({ kind: 'county', county })) : [{ kind: 'within', counties: fips } as Area]]));
  const zipCountyLine = zipLines(file.zipCountyLines);
  const countiesOfZip = (zip: string) => (zipCountyLine(zip)?.split(',') ?? []).map((i) => file.counties[Number(i)]![0]);

  /** A county by name in a state; with no state given, a Californian one, else the only one of that name. */
  const county = (name: readonly string[], state: string | null): string | null => {
    const list = countiesByName.get(join(name)) ?? [];
    const inState = list.filter((c) => c.state === (state ?? HOME_STATE));
    if (inState.length === 1) return inState[0]!.fips;
    return state === null && list.length === 1 ? list[0]!.fips : null;
  };

  const statePart = (w: readonly string[]): string | null => {
    for (const prefix of STATE_PREFIXES) if (startsWith(w, prefix)) return statesByName.get(join(w.slice(prefix.length))) ?? null;
    for (const suffix of STATE_SUFFIXES) if (endsWith(w, suffix)) return statesByName.get(join(w.slice(0, -suffix.length))) ?? null;
    return statesByName.get(join(w)) ?? null;
  };

  const countyPart = (w: readonly string[], state: string | null): Area | null => {
    for (const prefix of COUNTY_PREFIXES) {
      if (!startsWith(w, prefix)) continue;
      const fips = county(w.slice(prefix.length), state);
      return fips ? { kind: 'county', county: fips } : null;
    }
    for (const suffix of COUNTY_SUFFIXES) {
      if (!endsWith(w, suffix)) continue;
      const named = w.slice(0, -suffix.length);
      const fips = county(named, state);
      if (fips) return { kind: 'county', county: fips };
      // "South Orange County": part of the county.
      const within = named.length > 1 && DIRECTIONS.has(named[0]!) ? county(named.slice(1), state) : null;
      return within ? { kind: 'within', counties: [within] } : null;
    }
    return null;
  };

  const placePart = (w: readonly string[]): Area[] | null => {
    const hit = gazetteer.locate(join(w));
    if (!hit) return null;
    if (hit.kind === 'zip') return [{ kind: 'zips', zips: [hit.zip], counties: countiesOfZip(hit.zip) }];
    return [{ kind: 'place', name: join(words(hit.name)), county: hit.county ? (homeCountyByName.get(hit.county) ?? null) : null }];
  };

  /** One name in a state (the home state when `state` is null). */
  const resolveWords = (w: readonly string[], upper: string, state: string | null): Area[] | null => {
    if (w.length === 0) return null;
    const joined = join(w);
    if (state === null && NATION.has(joined)) return [{ kind: 'nation' }];
    if (STATEWIDE.has(joined)) return [{ kind: 'state', state: state ?? HOME_STATE }];
    const named = statePart(w);
    if (named && (state === null || named === state)) return [{ kind: 'state', state: named }];
    const c = countyPart(w, state);
    if (c) return [c];
    if (state !== null && state !== HOME_STATE) return null;
    const region = regions.get(joined);
    if (region) return region;
    const place = placePart(w);
    if (place) return place;
    // A bare USPS code only in capitals: "CA" is the state, where "la" is a word (and LA a city, found above).
    const postal = /^[A-Z]{2}$/.test(upper) ? statesByPostal.get(joined) : undefined;
    return postal && state === null ? [{ kind: 'state', state: postal }] : null;
  };

  /** A trailing state ("..., CA", "... California") as the state the rest is read in. */
  const withState = (text: string): Area[] | null => {
    const w = words(text);
    for (let n = Math.min(4, w.length - 1); n >= 1; n--) {
      const tail = join(w.slice(-n));
      const state = statesByName.get(tail) ?? (n === 1 ? statesByPostal.get(tail) : undefined);
      if (state) return resolveWords(w.slice(0, -n), '', state);
    }
    return null;
  };

  const single = (text: string): Area[] | null => resolveWords(words(text), text.trim(), null) ?? withState(text);

  const zipList = (text: string): Area[] | null => {
    const w = words(text).filter((x) => !LIST_FILLER.has(x));
    if (w.length === 0 || !w.every((x) => /^\d{5}$/.test(x) || /^\d{4}$/.test(x))) return null;
    const zips = w.filter((x) => x.length === 5);
    if (zips.length === 0 || zips.some((z) => zipCountyLine(z) === null)) return null;
    return [{ kind: 'zips', zips, counties: [...new Set(zips.flatMap(countiesOfZip))] }];
  };

  /** "Fresno, Madera and Kings Counties", "Fresno County; Kern County, CA": every part must be known. */
  const list = (text: string): Area[] | null => {
    const parts = text.split(/\s*(?:[,;/&+]|\band\b|\by\b)\s*/i).filter((p) => p.trim() !== '');
    if (parts.length < 2) return null;
    const lastWords = words(parts.at(-1)!);
    let suffix = '';
    if (lastWords.length > 1 && ['counties', 'condados'].includes(lastWords.at(-1)!)) {
      parts[parts.length - 1] = join(lastWords.slice(0, -1));
      suffix = ' county';
    }
    let state: string | null = null;
    const trailing = statesByName.get(join(lastWords)) ?? (/^[A-Z]{2}$/.test(parts.at(-1)!.trim()) ? statesByPostal.get(join(lastWords)) : undefined);
    if (trailing) {
      state = trailing;
      parts.pop();
    }
    const areas: Area[] = [];
    for (const part of parts) {
      const found = state ? resolveWords(words(part + suffix), '', state) : single(part + suffix);
      if (!found) return null;
      areas.push(...found);
    }
    return areas;
  };

  return {
    /** The areas an HSDS service_area name stands for; null when the table does not know it. */
    resolveName(name: string): Area[] | null {
      if (name.trim() === '') return null;
      return zipList(name) ?? single(name) ?? list(name);
    },

    /** Where a ZIP code or place is, for matching areas; a GeocodeError naming it when the tables do not know it. */
    whereabouts(query: NearQuery): Whereabouts {
      const text = 'zip' in query ? query.zip.trim() : query.place.trim();
      if ('zip' in query && !/^\d{5}(-\d{4})?$/.test(text)) throw new GeocodeError(`"${text}" is not a ZIP code (five digits).`);
      const hit = gazetteer.locate(text);
      if (!hit) {
        throw new GeocodeError('zip' in query ? `ZIP code ${text} is not in the offline ZIP table.` : `"${text}" is not a ZIP code or a California place in the offline gazetteer.`);
      }
      const point = { label: hit.label, lat: hit.lat, lon: hit.lon };
      if (hit.kind === 'zip') return { ...point, zip: hit.zip, city: join(words(hit.city)), state: hit.state, counties: countiesOfZip(hit.zip) };
      const fips = hit.county ? homeCountyByName.get(hit.county) : undefined;
      return { ...point, zip: null, city: join(words(hit.name)), state: HOME_STATE, counties: fips ? [fips] : [] };
    },

    /** A California county's outline (GeoJSON MultiPolygon coordinates), to draw an area on the map. */
    countyOutline(fips: string): Polygons | null {
      const g = file.outlines[fips];
      if (!g) return null;
      return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    },
  };
}

export type AreaTable = ReturnType<typeof loadAreaTable>;
