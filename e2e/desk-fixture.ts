import { readFileSync } from 'node:fs';
import type { Db } from '../main/db/open';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { installDataset } from '../main/hsds/install/install-dataset';
import { STARTER } from './harness';

/**
 * Two SYNTHETIC services added to the starter directory for the desk tests: every fact a detail
 * pane can show (TTY and text lines, bed counts, a stale verification, a confidential safe house, a
 * public clinic). Names and sources say "synthetic"; no real organization is described.
 */
const starterDocument = (): Record<string, unknown>[] => JSON.parse(readFileSync(STARTER, 'utf8')) as Record<string, unknown>[];

/** The starter directory's own copy of a term where it has one: one id with two contents is refused on import. */
const starterTerms = new Map<string, unknown>();
JSON.stringify(starterDocument(), (key, value: unknown) => {
  if (key === 'taxonomy_term' && value && typeof value === 'object') starterTerms.set((value as { id: string }).id, value);
  return value;
});
const term = (id: string) => starterTerms.get(id) ?? { id, name: id, description: id };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export const SAFE_HOUSE_STREET = '100 Synthetic Hidden Way';
export const CLINIC_STREET = '200 Example Avenue';

const synthetic = [
  {
    id: 'synthetic-svc-harbor',
    name: 'Harbor Light Shelter (synthetic test record)',
    description: 'Synthetic record for tests.',
    status: 'active',
    alert: 'Intake paused on public holidays (synthetic alert)',
    eligibility_description: 'Survivors of trafficking (synthetic)',
    minimum_age: 18,
    maximum_age: 24,
    fees_description: 'Free',
    assured_date: '2024-01-15',
    organization: { id: 'synthetic-org-harbor', name: 'Synthetic Shelter Org' },
    phones: [
      { id: 'synthetic-ph-1', number: '(555) 010-2000', type: 'voice', description: 'Intake, day and night', languages: [{ id: 'synthetic-l-ph', code: 'es' }] },
      { id: 'synthetic-ph-2', number: '(555) 010-2001', type: 'textphone' },
      { id: 'synthetic-ph-3', number: '(555) 010-2002', type: 'text' },
    ],
    schedules: [{ id: 'synthetic-sch-1', freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }],
    languages: [
      { id: 'synthetic-l-1', code: 'en' },
      { id: 'synthetic-l-2', code: 'es', note: 'call ahead for a Spanish-speaking advocate' },
    ],
    required_documents: [{ id: 'synthetic-doc-1', document: 'None required' }],
    capacities: [{ id: 'synthetic-cap-1', available: 3, maximum: 12, updated: '2026-11-22T18:30:00Z', unit: { id: 'synthetic-unit-beds', name: 'beds' } }],
    service_at_locations: [
      {
        id: 'synthetic-sal-harbor',
        location: {
          id: 'synthetic-loc-harbor',
          location_type: 'physical',
          latitude: 34.05,
          longitude: -118.25,
          addresses: [{ id: 'synthetic-a-1', address_1: SAFE_HOUSE_STREET, city: 'Los Angeles', state_province: 'CA', postal_code: '90001', country: 'US', address_type: 'physical' }],
          attributes: [{ id: 'synthetic-at-conf', link_type: 'location_flag', taxonomy_term: term('loc-confidential') }],
        },
      },
    ],
    attributes: [
      { id: 'synthetic-at-1', link_type: 'service_category', taxonomy_term: term('cat-emergency-shelter') },
      { id: 'synthetic-at-2', link_type: 'population_served', value: 'serves', taxonomy_term: term('pop-women') },
      { id: 'synthetic-at-3', link_type: 'population_not_served', taxonomy_term: term('pop-men') },
    ],
  },
  {
    id: 'synthetic-svc-clinic',
    name: 'Riverside Legal Clinic (synthetic test record)',
    status: 'active',
    assured_date: daysAgo(30),
    organization: { id: 'synthetic-org-clinic', name: 'Synthetic Legal Org' },
    phones: [{ id: 'synthetic-ph-4', number: '(555) 010-3000', type: 'voice' }],
    schedules: [{ id: 'synthetic-sch-2', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '10:00', closes_at: '14:00', timezone: -8 }],
    languages: [{ id: 'synthetic-l-3', code: 'es' }],
    service_at_locations: [
      {
        id: 'synthetic-sal-clinic',
        location: {
          id: 'synthetic-loc-clinic',
          location_type: 'physical',
          latitude: 36.74,
          longitude: -119.78,
          addresses: [{ id: 'synthetic-a-2', address_1: CLINIC_STREET, city: 'Fresno', state_province: 'CA', postal_code: '93701', country: 'US', address_type: 'physical' }],
        },
      },
    ],
    attributes: [{ id: 'synthetic-at-4', link_type: 'service_category', taxonomy_term: term('cat-legal-aid') }],
  },
];

/** The starter directory plus the synthetic services, as one HSDS JSON document (a fresh copy each call). */
export const deskFixtureDocument = (): Record<string, unknown>[] =>
  JSON.parse(JSON.stringify([...starterDocument(), ...synthetic])) as Record<string, unknown>[];

/**
 * Installs the starter directory plus the synthetic services, the way any import would: in place of the
 * bundled directory, so it is the desk's whole directory (or as the source named).
 */
export function installDeskFixture(db: Db, version = 'synthetic-1', sourceName = 'bundled'): void {
  const { tables, problems } = flattenHsdsJson(deskFixtureDocument());
  if (problems.length > 0) throw new Error(`desk fixture: ${problems[0]!.path}: ${problems[0]!.message}`);
  installDataset(db, tables, { datasetId: 'synthetic-desk-fixture', version, source: 'test', sourceName });
}
