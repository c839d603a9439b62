import { seededRandom, syntheticService, type Json, type ServiceSpec } from '../../scripts/gen-synthetic-data';

// A desk in Clovis (Fresno County). Madera is some 35 km away, in Madera County.
const FRESNO = { name: 'Fresno', lat: 36.7477, lon: -119.7724, county: 'Fresno' };
const MADERA = { name: 'Madera', lat: 36.9613, lon: -120.0607, county: 'Madera' };
const LA = { name: 'Los Angeles', lat: 34.0522, lon: -118.2437, county: 'Los Angeles' };
const CLOVIS_SQUARE = { squareDegrees: 0.2 };
const legal: ServiceSpec = { categories: ['cat-legal-aid'], languages: ['en'], serves: [], excludes: [], hours: 'none', site: 'physical', city: FRESNO, description: 'Legal help.' };

/** Each planted service, and what it says beyond the generator's fields. */
const planted: [ServiceSpec & { id: string }, Json?][] = [
  [{ ...legal, id: 'fresno-county', name: 'Aspen Legal Aid', areas: ['Fresno County'] }, { fees_description: 'Free of charge' }],
  [{ ...legal, id: 'fresno-youth', name: 'Birch Youth Law', areas: ['County of Fresno'], ages: { min: 12, max: 17 } }, { required_documents: [{ id: 'doc-none', document: 'None' }] }],
  [{ ...legal, id: 'fresno-adults', name: 'Cedar Adult Law', areas: ['Fresno County, CA'], ages: { min: 18, max: null } }],
  [{ ...legal, id: 'statewide-line', name: 'Dogwood Statewide Legal Line', site: 'virtual', areas: ['California'] }, { fees_description: 'Sin costo' }],
  [{ ...legal, id: 'national-line', name: 'Elm National Legal Line', site: 'virtual', areas: ['United States'], ages: { min: 0, max: null } }],
  [{ ...legal, id: 'la-only', name: 'Fir Legal Office', city: MADERA, areas: ['Los Angeles County'] }, { fees_description: '$40 per visit' }],
  [{ ...legal, id: 'la-far', name: 'Ginkgo LA Legal', city: LA, areas: ['Los Angeles County'] }],
  [{ ...legal, id: 'no-area', name: 'Hazel Legal Clinic', areas: [] }],
  [{ ...legal, id: 'unknown-area', name: 'Ivy Legal Clinic', areas: ['Atlantis'] }],
  [{ ...legal, id: 'polygon', name: 'Juniper Legal Van', city: { name: 'Clovis', lat: 36.8252, lon: -119.7029 }, areas: [CLOVIS_SQUARE] }],
  [{ ...legal, id: 'shelter', name: 'Kapok Shelter', categories: ['cat-emergency-shelter'], areas: ['Fresno County'], ages: { min: 18, max: 24 } }],
];

/**
 * Legal aid around a desk in Clovis (Fresno County), invented and marked synthetic: services for Fresno
 * County (one for 12 to 17, one for adults), statewide and national lines, an office in Madera and one in
 * Los Angeles that serve only Los Angeles County, one with no area, one with an area no table knows, one
 * with a polygon around Clovis. Some say they are free, need no ID or are wheelchair accessible.
 */
export function clovisDirectory(): Json[] {
  const rng = seededRandom(5);
  return planted.map(([spec, extra], n) => {
    const record: Json = { ...syntheticService(n, rng, spec), fees_description: null, cost_options: [], required_documents: [], ...extra };
    const site = (record.service_at_locations as { location: Json }[])[0]!.location;
    site.accessibility = spec.id === 'fresno-county' ? [{ id: 'acc-1', description: 'Wheelchair accessible entrance' }] : [];
    return record;
  });
}
