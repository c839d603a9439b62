import { readFileSync } from 'node:fs';
import type { GeoPoint, NearQuery, PlaceMatch } from '../../shared/domain';
import { foldedWords } from '../../shared/text-fold';
import { zipLines } from './zip-lines';

/** data/gazetteer.json as scripts/build-gazetteer.mjs writes it. */
interface GazetteerFile {
  /** A line per ZIP (zip-lines.ts): latitude, longitude, state, USPS city. */
  zipLines: string;
  places: [string, number, number, number, string][];
  aliases: [string, string][];
}

export class GeocodeError extends Error {}

/** A ZIP code with its USPS city and state, or a California place with its own name and county name. */
export type Located = GeoPoint & ({ kind: 'zip'; zip: string; city: string; state: string } | { kind: 'place'; name: string; county: string | null });

const key = (s: string) => foldedWords(s).join(' ');

/**
 * The offline geocoder: a US ZIP code or a California place name (city, neighbourhood, or a known alias)
 * to a point. Nothing leaves the machine; what a user types is never stored.
 */
export function loadGazetteer(path: string) {
  const file = JSON.parse(readFileSync(path, 'utf8')) as GazetteerFile;
  const places: PlaceMatch[] = file.places.map(([name, lat, lon, population, county]) => ({
    id: '',
    kind: 'place',
    label: name,
    lat,
    lon,
    population,
    county: county || null,
  }));
  const byName = new Map<string, PlaceMatch[]>();
  for (const p of places) {
    const list = byName.get(key(p.label)) ?? [];
    list.push(p);
    byName.set(key(p.label), list);
  }
  // Same-named places get their county in the label; ids are labels, unique by construction.
  for (const list of byName.values()) {
    list.sort((a, b) => b.population - a.population);
    for (const p of list) {
      if (list.length > 1 && p.county) p.label = `${p.label} (${p.county} County)`;
      p.id = p.label;
    }
  }
  const byId = new Map(places.map((p) => [key(p.id), p]));
  const plainName = new Map(places.map((p, i) => [p.id, file.places[i]![0]]));

  const zipLine = zipLines(file.zipLines);
  const zipRow = (code: string) => {
    const line = zipLine(code);
    if (line === null) return null;
    const [lat, lon, state, ...city] = line.split(',');
    return { lat: Number(lat), lon: Number(lon), state: state!, city: city.join(',') };
  };
  const zip = (code: string): PlaceMatch | null => {
    const z = zipRow(code);
    if (!z) return null;
    return { id: code, kind: 'zip', label: `${code} ${z.city}, ${z.state}`, lat: z.lat, lon: z.lon, county: null, population: 0 };
  };

  const aliases = new Map(file.aliases.map(([alias, target]) => [key(alias), { alias, target }]));

  /** Places the whole text names (exact), else places whose name starts with it (while typing). */
  const find = (text: string, limit: number): { matches: PlaceMatch[]; exact: boolean } => {
    const trimmed = text.trim();
    if (/^\d{5}(-\d{4})?$/.test(trimmed)) {
      const hit = zip(trimmed.slice(0, 5));
      return { matches: hit ? [hit] : [], exact: true };
    }
    const k = key(trimmed.replace(/,?\s*(ca|california)$/i, ''));
    const exact = byId.get(k);
    if (exact) return { matches: [exact], exact: true };
    const alias = aliases.get(k);
    if (alias) {
      const hit = /^\d{5}$/.test(alias.target) ? zip(alias.target) : (byName.get(key(alias.target))?.[0] ?? null);
      return { matches: hit ? [{ ...hit, label: `${alias.alias} (${hit.label})` }] : [], exact: true };
    }
    const named = byName.get(k);
    if (named) return { matches: named.slice(0, limit), exact: true };
    if (k.length < 3) return { matches: [], exact: false };
    const prefixed = places.filter((p) => key(p.label).startsWith(k)).sort((a, b) => b.population - a.population);
    return { matches: prefixed.slice(0, limit), exact: false };
  };

  return {
    /**
     * The ZIP code or place the whole text names (exactly, as `resolve` takes it), with what service areas
     * are matched on: a ZIP's USPS city and state, a place's own name and county. Null when unknown.
     */
    locate(text: string): Located | null {
      const { matches, exact } = find(text, 1);
      const hit = exact ? matches[0] : undefined;
      if (!hit) return null;
      const point = { lat: hit.lat, lon: hit.lon, label: hit.label };
      if (hit.kind === 'place') return { kind: 'place', ...point, name: plainName.get(hit.id) ?? hit.label, county: hit.county };
      const code = /^\d{5}/.exec(hit.id)![0];
      const z = zipRow(code)!;
      return { kind: 'zip', ...point, zip: code, city: z.city, state: z.state };
    },
    /** Every place the text could mean, best first: several when a name is ambiguous or still being typed. */
    lookup: (text: string, limit = 10): PlaceMatch[] => find(text, limit).matches,
    /** The point a `near` query means: a ZIP, an exact place id, or the most populous place of that name. */
    resolve(near: NearQuery): GeoPoint {
      if ('zip' in near) {
        const code = near.zip.trim();
        if (!/^\d{5}(-\d{4})?$/.test(code)) throw new GeocodeError(`"${code}" is not a ZIP code (five digits).`);
        const hit = zip(code.slice(0, 5));
        if (!hit) throw new GeocodeError(`ZIP code ${code} is not in the offline ZIP table.`);
        return { lat: hit.lat, lon: hit.lon, label: hit.label };
      }
      const { matches, exact } = find(near.place, 1);
      const hit = exact ? matches[0] : undefined;
      if (!hit) throw new GeocodeError(`"${near.place}" is not a ZIP code or a California place in the offline gazetteer.`);
      return { lat: hit.lat, lon: hit.lon, label: hit.label };
    },
  };
}

export type Gazetteer = ReturnType<typeof loadGazetteer>;
