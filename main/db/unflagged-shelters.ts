import type { UnflaggedShelter } from '../../shared/import-types';
import { LINK_TYPES, SHELTER_CATEGORY_PHRASES, TAXONOMY_ID, termLabel } from '../../shared/vocabulary';
import { confidentialLocationIds, phraseMatcher } from './confidential-location';

type Row = Record<string, unknown>;
type ShelterTables = Record<'service' | 'service_at_location' | 'location' | 'address' | 'attribute' | 'taxonomy_term' | 'taxonomy', Row[]>;

const saysShelter = phraseMatcher(SHELTER_CATEGORY_PHRASES);
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The sites a dataset would show, map and export although a shelter service works there: a service with
 * a category term (of any taxonomy, by id, code or name) from SHELTER_CATEGORY_PHRASES, at a location with
 * a street address or a point and no confidential flag. Publishers often forget the flag, and HSDS has
 * none of its own; the coordinator decides, site by site.
 */
export function unflaggedShelters(t: ShelterTables): UnflaggedShelter[] {
  const terms = new Map(t.taxonomy_term.map((r) => [String(r.id), r]));
  const verdicts = new Map<string, boolean>();
  const isShelterTerm = (id: string) => {
    let v = verdicts.get(id);
    if (v === undefined) {
      const term = terms.get(id);
      v = saysShelter(id) || saysShelter(term?.code) || saysShelter(term?.name);
      verdicts.set(id, v);
    }
    return v;
  };
  const shelterServices = new Set<string>();
  for (const a of t.attribute) if (a.link_entity === 'service' && isShelterTerm(String(a.taxonomy_term_id))) shelterServices.add(String(a.link_id));
  if (shelterServices.size === 0) return [];

  const confidential = confidentialLocationIds(t);
  const names = new Map(t.service.map((s) => [String(s.id), text(s.name)]));
  const servicesAt = new Map<string, string[]>();
  for (const sal of t.service_at_location) {
    const [serviceId, locationId] = [String(sal.service_id), String(sal.location_id)];
    if (!shelterServices.has(serviceId) || confidential.has(locationId)) continue;
    const list = servicesAt.get(locationId) ?? [];
    const name = names.get(serviceId) ?? serviceId;
    if (!list.includes(name)) list.push(name);
    servicesAt.set(locationId, list);
  }
  // The address a card would show: the first physical one, else the first.
  const addressOf = new Map<string, Row>();
  for (const a of t.address) {
    const id = text(a.location_id);
    const kept = addressOf.get(id);
    if (!kept || (kept.address_type !== 'physical' && a.address_type === 'physical')) addressOf.set(id, a);
  }
  const found: UnflaggedShelter[] = [];
  for (const l of t.location) {
    const locationId = String(l.id);
    const services = servicesAt.get(locationId);
    if (!services || l.location_type === 'virtual') continue;
    const ad = addressOf.get(locationId);
    const street = [text(ad?.address_1), text(ad?.address_2)].filter(Boolean).join(', ');
    const point = text(l.latitude) && text(l.longitude) ? `${text(l.latitude)}, ${text(l.longitude)}` : '';
    const place = street ? [street, text(ad?.city)].filter(Boolean).join(', ') : point;
    if (place) found.push({ locationId, services, place });
  }
  return found;
}

const FLAG_ID = 'loc-confidential';

/**
 * The dataset with our confidential flag on these locations, written as HSDS rows (an attribute with the
 * vocabulary's term) so the installed directory, its exports and a published feed all carry it. Each id
 * must be one of `allowed` (the import's unflagged shelters): anything else is refused, changing nothing.
 */
export function withConfidentialFlags<T extends ShelterTables>(t: T, locationIds: readonly string[], allowed: readonly UnflaggedShelter[]): T {
  const known = new Set(allowed.map((s) => s.locationId));
  const unknown = locationIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`Only a shelter site this import pointed out can be marked confidential here; not ${unknown.map((id) => `"${id}"`).join(', ')}.`);
  if (locationIds.length === 0) return t;
  const taken = new Set(t.attribute.map((a) => String(a.id)));
  const attributeId = (locationId: string) => {
    let id = `${locationId}-${FLAG_ID}`;
    for (let n = 2; taken.has(id); n++) id = `${locationId}-${FLAG_ID}-${n}`;
    taken.add(id);
    return id;
  };
  const hasTerm = t.taxonomy_term.some((r) => r.id === FLAG_ID);
  const hasTaxonomy = t.taxonomy.some((r) => r.id === TAXONOMY_ID);
  return {
    ...t,
    taxonomy: hasTerm || hasTaxonomy ? t.taxonomy : [...t.taxonomy, { id: TAXONOMY_ID, name: 'Referral Atlas vocabulary', description: 'Service categories, populations served and location flags published with Referral Atlas.' }],
    taxonomy_term: hasTerm ? t.taxonomy_term : [...t.taxonomy_term, { id: FLAG_ID, code: FLAG_ID, name: termLabel(FLAG_ID, 'en'), description: termLabel(FLAG_ID, 'en'), taxonomy_id: TAXONOMY_ID }],
    attribute: [
      ...t.attribute,
      ...[...new Set(locationIds)].map((locationId) => ({ id: attributeId(locationId), link_id: locationId, link_entity: 'location', link_type: LINK_TYPES.locationFlag, taxonomy_term_id: FLAG_ID })),
    ],
  };
}
