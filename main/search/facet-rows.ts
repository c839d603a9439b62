import type { Db } from '../db/open';
import type { ServiceFacts } from './service-facts';
import { weeklyHours, type WeeklyHours } from './weekly-hours';

/** One service's facets as the in-memory index needs them; stored in search_facet so a start is one read. */
export interface FacetRow {
  rowid: number;
  id: string;
  nameRank: number;
  categories: string[];
  served: string[];
  excluded: string[];
  languages: string[];
  hours: WeeklyHours | null;
  assuredAt: number;
  /** Public map points only: [locationId, lat, lon, approximate]. Built from masked locations. */
  points: [string, number, number, boolean][];
}

export function facetRows(facts: readonly ServiceFacts[]): FacetRow[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const rank = new Map([...facts].sort((a, b) => collator.compare(a.name, b.name)).map((f, i) => [f.id, i]));
  return facts.map((f) => ({
    rowid: f.rowid,
    id: f.id,
    nameRank: rank.get(f.id)!,
    categories: f.categories,
    served: f.populationsServed,
    excluded: f.populationsExcluded,
    languages: f.languages,
    hours: weeklyHours(f.schedules),
    assuredAt: f.assuredDate ? Date.parse(f.assuredDate) : NaN,
    // The service reader has already masked confidential locations: they have no point to keep.
    points: f.locations
      .filter((l) => l.locationType !== 'virtual' && l.latitude !== null && l.longitude !== null)
      .map((l) => [l.id, l.latitude!, l.longitude!, l.approximate] as [string, number, number, boolean]),
  }));
}

// Term ids are the dataset's own strings; a control character cannot be part of one.
const SEP = '\u001f';
const list = (xs: string[]) => xs.join(SEP);
const unlist = (s: string) => (s ? s.split(SEP) : []);

export function writeFacetRows(db: Db, rows: readonly FacetRow[]): void {
  db.prepare('DELETE FROM search_facet').run();
  const insert = db.prepare(
    `INSERT INTO search_facet (rowid, service_id, name_rank, categories, served, excluded, languages, hours, assured_at, points)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(r.rowid, r.id, r.nameRank, list(r.categories), list(r.served), list(r.excluded), list(r.languages), r.hours ? JSON.stringify(r.hours) : null, Number.isNaN(r.assuredAt) ? null : r.assuredAt, JSON.stringify(r.points));
  }
}

export function readFacetRows(db: Db): FacetRow[] {
  const raw = db
    .prepare('SELECT rowid, service_id, name_rank, categories, served, excluded, languages, hours, assured_at, points FROM search_facet ORDER BY rowid')
    .raw()
    .all() as [number, string, number, string, string, string, string, string | null, number | null, string][];
  return raw.map(([rowid, id, nameRank, categories, served, excluded, languages, hours, assuredAt, points]) => ({
    rowid,
    id,
    nameRank,
    categories: unlist(categories),
    served: unlist(served),
    excluded: unlist(excluded),
    languages: unlist(languages),
    hours: hours ? (JSON.parse(hours) as WeeklyHours) : null,
    assuredAt: assuredAt ?? NaN,
    points: JSON.parse(points) as FacetRow['points'],
  }));
}
