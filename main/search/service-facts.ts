import type { ReadDb } from '../db/open';
import type { ScheduleRule } from '../../shared/schedule-open';
import { populationState, type LocationPlace, type ServiceReader } from '../db/service-read';
import { LINK_TYPES } from '../../shared/vocabulary';
import { runSteps, type Steps } from '../jobs/steps';
import { eachRowInBatches, interned } from '../jobs/row-batches';
import { extentPolygons } from '../geo/extent';
import type { AreaFact } from './facets/area-facet';
import { SERVICES_WITH_ORGANIZATION } from './build/texts-from-tables';

/** What search knows of one service: everything the index and the facets need, read in bulk. */
export interface ServiceFacts {
  id: string;
  /** The name of the source it belongs to (atlas_source). */
  source: string;
  /** This and the next three are for the word index alone: empty when it reads them itself (serviceFactsSteps' `texts`). */
  name: string;
  alternateName: string | null;
  organization: string;
  description: string | null;
  eligibility: string | null;
  assuredDate: string | null;
  categories: string[];
  populationsServed: string[];
  populationsExcluded: string[];
  languages: string[];
  locations: LocationPlace[];
  schedules: ScheduleRule[];
  minAge: number | null;
  maxAge: number | null;
  fees: string | null;
  /** Its service_area rows, and those of its sites. */
  areas: AreaFact[];
  costs: CostFact[];
  documents: string[];
  /** Accessibility texts of its sites (description and details). */
  accessibility: string[];
}

export interface CostFact {
  amount: number | null;
  option: string | null;
}

/**
 * One service_area row as search keeps it, for both readers: its name, and its extent when that is GeoJSON
 * polygons. A directory repeats a few extents over many services: each distinct text is parsed once a read.
 */
export function areaFacts(): (name: string | null, extent: string | null, extentType: string | null) => AreaFact {
  const polygonal = new Map<string, boolean>();
  const areaName = interned();
  return (name, extent, extentType) => {
    let keep = false;
    if (extent) {
      const key = `${extentType ?? ''}\u0000${extent}`;
      keep = polygonal.get(key) ?? extentPolygons(extent, extentType) !== null;
      polygonal.set(key, keep);
    }
    return { name: name !== null && name.trim() !== '' ? areaName(name.trim()) : null, extent: keep ? extent : null };
  };
}

/** A site's accessibility row as one text. */
export const accessibilityText = (description: string | null, details: string | null): string => [description, details].filter((t) => t).join('. ');

/**
 * A list with one more item. A first item makes an array of one: pushed onto an empty array it would get
 * room for 17, which at 100,000 services (five or six lists each) was a third of the facts' memory and as
 * much of the garbage collector's copying.
 */
export function withItem<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

/**
 * The list a service starts with, one for all of them: withItem replaces it rather than adding to it. Ten
 * new empty arrays a service were a million allocations at 100,000 services, and as much garbage collector
 * copying. Frozen, so anything that pushed onto it would throw rather than give every service the item.
 */
const NONE: never[] = Object.freeze([]) as never[];

/**
 * A service's own columns, its lists to be filled from the other tables. Written out rather than spread:
 * `{ ...own, categories: [] ... }` took V8 some 17 µs an object (1.7 s at 100,000 services) against 0.3-1 µs.
 */
export function serviceFacts(
  own: Omit<ServiceFacts, 'categories' | 'populationsServed' | 'populationsExcluded' | 'languages' | 'locations' | 'schedules' | 'areas' | 'costs' | 'documents' | 'accessibility'>,
): ServiceFacts {
  const { id, source, name, alternateName, organization, description, eligibility, assuredDate, minAge, maxAge, fees } = own;
  return {
    id, source, name, alternateName, organization, description, eligibility, assuredDate, minAge, maxAge, fees,
    categories: NONE, populationsServed: NONE, populationsExcluded: NONE, languages: NONE, locations: NONE, schedules: NONE,
    areas: NONE, costs: NONE, documents: NONE, accessibility: NONE,
  };
}

/**
 * Reads every service with its terms, languages, locations and schedules in a handful of whole-table
 * queries (one query per service would take minutes at 100,000). Locations come masked from the service
 * reader, so nothing built from these facts can know a confidential address or point.
 */
export function readServiceFacts(db: ReadDb, reader: ServiceReader): ServiceFacts[] {
  return runSteps(serviceFactsSteps(db, reader));
}

/**
 * readServiceFacts, yielding between its reads and every few thousand rows within each (a read took about
 * a second at 100,000 services), so a rebuild in the app answers the window as it goes. The caller keeps
 * them in one snapshot. With `without`, the services of every source but that one (whose facts an install
 * has from its rows): each table's rows are kept or left by their own owner, so that source's rows are
 * passed over rather than joined. With `texts` false, the texts only the word index reads (name, alternate
 * name, organization, description) are left empty: its worker reads them from the tables itself
 * (texts-from-tables.ts).
 */
export function* serviceFactsSteps(
  db: ReadDb,
  reader: ServiceReader,
  onServices?: (services: readonly ServiceFacts[]) => void,
  { without, texts = true }: { without?: string; texts?: boolean } = {},
): Steps<ServiceFacts[]> {
  const others = (alias: string) => `(@without IS NULL OR ${alias}.atlas_source IS NOT @without)`;
  const bind = [{ without: without ?? null }];
  const total = (db.prepare('SELECT count(*) FROM service').pluck().get() as number) ?? 0;
  const progress = { step: 'indexing', done: 0, total } as const;
  const facts: ServiceFacts[] = [];
  // Filled as the services are read: made at once from 100,000 of them, it took a step of its own.
  const byId = new Map<string, ServiceFacts>();
  // The source, the date and the fees repeat across services: each distinct text is kept once.
  const kept = interned();
  yield* eachRowInBatches<[string, string, string, string | null, string, string | null, string | null, string | null, number | null, number | null, string | null]>(
    db.prepare(
      `SELECT s.id, coalesce(s.atlas_source, ''), ${texts ? 's.name, s.alternate_name, o.name, s.description' : "'', NULL, '', NULL"}, s.eligibility_description,
         s.assured_date, s.minimum_age, s.maximum_age, s.fees_description ${SERVICES_WITH_ORGANIZATION} WHERE ${others('s')} ORDER BY s.rowid`,
    ),
    bind,
    ([id, source, name, alternateName, organization, description, eligibility, assuredDate, minAge, maxAge, fees]) => {
      const f = serviceFacts({ id, source: kept(source), name, alternateName, organization, description, eligibility, assuredDate: kept(assuredDate), minAge, maxAge, fees: kept(fees) });
      facts.push(f);
      byId.set(id, f);
    },
    progress,
  );
  onServices?.(facts);
  yield progress;

  // One row per service, its categories and its populations each joined in SQLite (half the cost of a row
  // per attribute at 100,000 services) and split into lists of their own length. A population is marked
  // served without a value (most are), excluded by its link type, or else followed by the value that decides.
  const term = interned();
  const terms = (joined: string | null): string[] => {
    if (joined === null) return [];
    const list = joined.split('\u001f');
    for (let i = 0; i < list.length; i++) list[i] = term(list[i]!);
    return list;
  };
  // A few markings recur over every service: each is worked out once.
  const markings = new Map<string, { serves: boolean; id: string }>();
  const marking = (marked: string) => {
    let found = markings.get(marked);
    if (found === undefined) {
      const kind = marked[0];
      const at = kind === '?' ? marked.indexOf('\u001e') : 0;
      const value = kind === '?' ? marked.slice(1, at) : null;
      const linkType = kind === '-' ? LINK_TYPES.populationExcluded : LINK_TYPES.population;
      found = { serves: populationState({ link_type: linkType, value }) === 'serves', id: term(marked.slice(at + 1)) };
      markings.set(marked, found);
    }
    return found;
  };
  yield* eachRowInBatches<[string, string | null, string | null]>(
    db.prepare(
      `SELECT link_id, group_concat(CASE WHEN link_type = @category THEN taxonomy_term_id END, char(31)),
         group_concat(CASE WHEN link_type = @category THEN NULL WHEN link_type = @excluded THEN '-' || taxonomy_term_id
           WHEN value IS NULL THEN '+' || taxonomy_term_id ELSE '?' || value || char(30) || taxonomy_term_id END, char(31))
       FROM attribute WHERE link_entity = 'service' AND link_type IN (@category, @served, @excluded) AND ${others('attribute')} GROUP BY link_id`,
    ),
    [{ category: LINK_TYPES.category, served: LINK_TYPES.population, excluded: LINK_TYPES.populationExcluded, ...bind[0] }],
    ([serviceId, categories, populations]) => {
      const f = byId.get(serviceId);
      if (!f) return;
      f.categories = terms(categories);
      if (populations === null) return;
      for (const marked of populations.split('\u001f')) {
        const { serves, id } = marking(marked);
        if (serves) f.populationsServed = withItem(f.populationsServed, id);
        else f.populationsExcluded = withItem(f.populationsExcluded, id);
      }
    },
    progress,
  );
  yield progress;

  // The same languages a card shows: the service's own and its locations', in the order they were listed,
  // each once. Read in the language table's order rather than grouped in SQLite, whose grouping sorted every
  // row before the first came back (a quarter of a second at 100,000 services, in one step).
  const code = interned();
  yield* eachRowInBatches<[string | null, string]>(
    db.prepare(
      `SELECT coalesce(l.service_id, sal.service_id), l.code FROM language l
       LEFT JOIN service_at_location sal ON l.service_id IS NULL AND sal.location_id = l.location_id
       WHERE l.code IS NOT NULL AND (l.service_id IS NOT NULL OR l.location_id IS NOT NULL) AND ${others('l')} ORDER BY l.rowid`,
    ),
    bind,
    ([serviceId, language]) => {
      const f = serviceId === null ? undefined : byId.get(serviceId);
      if (f && !f.languages.includes(language)) f.languages = withItem(f.languages, code(language));
    },
    progress,
  );

  yield progress;
  yield* reader.eachLocationPlace((serviceId, place) => {
    const f = byId.get(serviceId);
    if (f) f.locations = withItem(f.locations, place);
  }, progress, without);
  yield progress;
  // So do hours, cost options, documents and accessibility texts.
  yield* eachRowInBatches<[string, string | null, string | null, string | null, number | null, string | null, string | null, string | null]>(
    db.prepare(
      `SELECT coalesce(sc.service_id, sal.service_id), sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.freq, sc.valid_from, sc.valid_to
       FROM schedule sc LEFT JOIN service_at_location sal ON sal.id = sc.service_at_location_id
       WHERE (sc.service_id IS NOT NULL OR sc.service_at_location_id IS NOT NULL) AND ${others('sc')}`,
    ),
    bind,
    ([serviceId, byday, opensAt, closesAt, timezone, freq, validFrom, validTo]) => {
      const f = byId.get(serviceId);
      if (f) f.schedules = withItem(f.schedules, { byday: kept(byday), opensAt: kept(opensAt), closesAt: kept(closesAt), timezone, freq: kept(freq), validFrom: kept(validFrom), validTo: kept(validTo) });
    },
    progress,
  );

  yield progress;
  // Who it takes: areas (its own and its sites'), costs, documents, and its sites' accessibility.
  const areaFact = areaFacts();
  yield* eachRowInBatches<[string | null, string | null, string | null, string | null]>(
    db.prepare(
      `SELECT coalesce(sa.service_id, sal.service_id), sa.name, sa.extent, sa.extent_type FROM service_area sa
       LEFT JOIN service_at_location sal ON sa.service_id IS NULL AND sal.id = sa.service_at_location_id
       WHERE (sa.service_id IS NOT NULL OR sa.service_at_location_id IS NOT NULL) AND ${others('sa')} ORDER BY sa.rowid`,
    ),
    bind,
    ([serviceId, name, extent, extentType]) => {
      const f = serviceId === null ? undefined : byId.get(serviceId);
      if (f) f.areas = withItem(f.areas, areaFact(name, extent, extentType));
    },
    progress,
  );
  yield* eachRowInBatches<[string, number | null, string | null]>(
    db.prepare(`SELECT service_id, amount, option FROM cost_option c WHERE service_id IS NOT NULL AND ${others('c')} ORDER BY rowid`),
    bind,
    ([serviceId, amount, option]) => {
      const f = byId.get(serviceId);
      if (f) f.costs = withItem(f.costs, { amount, option: kept(option) });
    },
    progress,
  );
  yield* eachRowInBatches<[string, string]>(
    db.prepare(`SELECT service_id, document FROM required_document d WHERE service_id IS NOT NULL AND document IS NOT NULL AND ${others('d')} ORDER BY rowid`),
    bind,
    ([serviceId, document]) => {
      const f = byId.get(serviceId);
      if (f) f.documents = withItem(f.documents, kept(document));
    },
    progress,
  );
  yield* eachRowInBatches<[string, string | null, string | null]>(
    db.prepare(
      `SELECT sal.service_id, a.description, a.details FROM accessibility a JOIN service_at_location sal ON sal.location_id = a.location_id
       WHERE (a.description IS NOT NULL OR a.details IS NOT NULL) AND ${others('a')} ORDER BY a.rowid, sal.rowid`,
    ),
    bind,
    ([serviceId, description, details]) => {
      const f = byId.get(serviceId);
      if (f) f.accessibility = withItem(f.accessibility, kept(accessibilityText(description, details)));
    },
    progress,
  );

  return facts;
}
