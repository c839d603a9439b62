import type { ReadDb } from '../db/open';
import type { ScheduleRule } from '../../shared/schedule-open';
import { populationState, type LocationPlace, type ServiceReader } from '../db/service-read';
import { LINK_TYPES } from '../../shared/vocabulary';
import { runSteps, type Steps } from '../jobs/steps';
import { eachRowInBatches, ROW_BATCH } from '../jobs/row-batches';
import { eachInBatches } from '../jobs/steps';
import { extentPolygons } from '../geo/extent';
import type { AreaFact } from './facets/area-facet';

/** What search knows of one service: everything the index and the facets need, read in bulk. */
export interface ServiceFacts {
  id: string;
  /** The name of the source it belongs to (atlas_source). */
  source: string;
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
  return (name, extent, extentType) => {
    let keep = false;
    if (extent) {
      const key = `${extentType ?? ''}\u0000${extent}`;
      keep = polygonal.get(key) ?? extentPolygons(extent, extentType) !== null;
      polygonal.set(key, keep);
    }
    return { name: name !== null && name.trim() !== '' ? name.trim() : null, extent: keep ? extent : null };
  };
}

/** A site's accessibility row as one text. */
export const accessibilityText = (description: string | null, details: string | null): string => [description, details].filter((t) => t).join('. ');

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
    categories: [], populationsServed: [], populationsExcluded: [], languages: [], locations: [], schedules: [],
    areas: [], costs: [], documents: [], accessibility: [],
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
 * them in one snapshot.
 */
export function* serviceFactsSteps(db: ReadDb, reader: ServiceReader, onServices?: (services: readonly ServiceFacts[]) => void): Steps<ServiceFacts[]> {
  const total = (db.prepare('SELECT count(*) FROM service').pluck().get() as number) ?? 0;
  const progress = { step: 'indexing', done: 0, total } as const;
  const facts: ServiceFacts[] = [];
  yield* eachRowInBatches<[string, string, string, string | null, string, string | null, string | null, string | null, number | null, number | null, string | null]>(
    db.prepare(
      `SELECT s.id, coalesce(s.atlas_source, ''), s.name, s.alternate_name, o.name, s.description, s.eligibility_description, s.assured_date, s.minimum_age, s.maximum_age, s.fees_description
       FROM service s JOIN organization o ON o.id = s.organization_id ORDER BY s.rowid`,
    ),
    [],
    ([id, source, name, alternateName, organization, description, eligibility, assuredDate, minAge, maxAge, fees]) =>
      facts.push(serviceFacts({ id, source, name, alternateName, organization, description, eligibility, assuredDate, minAge, maxAge, fees })),
    progress,
  );
  onServices?.(facts);
  const byId = new Map(facts.map((f) => [f.id, f]));
  yield progress;

  // One row per service, its terms joined in SQLite: half the cost of a row per attribute at 100,000 services.
  yield* eachRowInBatches<[string, string]>(
    db.prepare(
      `SELECT link_id, group_concat(link_type || char(30) || taxonomy_term_id || char(30) || coalesce(value, ''), char(31))
       FROM attribute WHERE link_entity = 'service' AND link_type IN (?, ?, ?) GROUP BY link_id`,
    ),
    [LINK_TYPES.category, LINK_TYPES.population, LINK_TYPES.populationExcluded],
    ([serviceId, joined]) => {
      const f = byId.get(serviceId);
      if (!f) return;
      for (const attribute of joined.split('\u001f')) {
        const [linkType, term, value] = attribute.split('\u001e') as [string, string, string];
        if (linkType === LINK_TYPES.category) f.categories.push(term);
        else if (populationState({ link_type: linkType, value }) === 'serves') f.populationsServed.push(term);
        else f.populationsExcluded.push(term);
      }
    },
    progress,
  );
  yield progress;

  // The same languages a card shows: the service's own and its locations'.
  yield* eachRowInBatches<[string | null, string]>(
    db.prepare(
      `SELECT coalesce(l.service_id, sal.service_id), l.code FROM language l
       LEFT JOIN service_at_location sal ON l.service_id IS NULL AND sal.location_id = l.location_id
       WHERE l.code IS NOT NULL AND (l.service_id IS NOT NULL OR l.location_id IS NOT NULL)`,
    ),
    [],
    ([serviceId, code]) => {
      const f = serviceId === null ? undefined : byId.get(serviceId);
      if (f && !f.languages.includes(code)) f.languages.push(code);
    },
    progress,
  );

  yield progress;
  yield* eachInBatches(reader.allLocationPlaces(), ROW_BATCH, progress, ({ serviceId, location }) => byId.get(serviceId)?.locations.push(location));

  yield progress;
  yield* eachRowInBatches<[string, string | null, string | null, string | null, number | null, string | null, string | null, string | null]>(
    db.prepare(
      `SELECT coalesce(sc.service_id, sal.service_id), sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.freq, sc.valid_from, sc.valid_to
       FROM schedule sc LEFT JOIN service_at_location sal ON sal.id = sc.service_at_location_id
       WHERE sc.service_id IS NOT NULL OR sc.service_at_location_id IS NOT NULL`,
    ),
    [],
    ([serviceId, byday, opensAt, closesAt, timezone, freq, validFrom, validTo]) => byId.get(serviceId)?.schedules.push({ byday, opensAt, closesAt, timezone, freq, validFrom, validTo }),
    progress,
  );

  yield progress;
  // Who it takes: areas (its own and its sites'), costs, documents, and its sites' accessibility.
  const areaFact = areaFacts();
  yield* eachRowInBatches<[string | null, string | null, string | null, string | null]>(
    db.prepare(
      `SELECT coalesce(sa.service_id, sal.service_id), sa.name, sa.extent, sa.extent_type FROM service_area sa
       LEFT JOIN service_at_location sal ON sa.service_id IS NULL AND sal.id = sa.service_at_location_id
       WHERE sa.service_id IS NOT NULL OR sa.service_at_location_id IS NOT NULL ORDER BY sa.rowid`,
    ),
    [],
    ([serviceId, name, extent, extentType]) => serviceId !== null && byId.get(serviceId)?.areas.push(areaFact(name, extent, extentType)),
    progress,
  );
  yield* eachRowInBatches<[string, number | null, string | null]>(
    db.prepare('SELECT service_id, amount, option FROM cost_option WHERE service_id IS NOT NULL ORDER BY rowid'),
    [],
    ([serviceId, amount, option]) => byId.get(serviceId)?.costs.push({ amount, option }),
    progress,
  );
  yield* eachRowInBatches<[string, string]>(
    db.prepare('SELECT service_id, document FROM required_document WHERE service_id IS NOT NULL AND document IS NOT NULL ORDER BY rowid'),
    [],
    ([serviceId, document]) => byId.get(serviceId)?.documents.push(document),
    progress,
  );
  yield* eachRowInBatches<[string, string | null, string | null]>(
    db.prepare(
      `SELECT sal.service_id, a.description, a.details FROM accessibility a JOIN service_at_location sal ON sal.location_id = a.location_id
       WHERE a.description IS NOT NULL OR a.details IS NOT NULL ORDER BY a.rowid, sal.rowid`,
    ),
    [],
    ([serviceId, description, details]) => byId.get(serviceId)?.accessibility.push(accessibilityText(description, details)),
    progress,
  );

  return facts;
}
