import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHsdsService, type CityPoint } from './hsds-service';
import { readSourceTable, SourceTableError, type ServiceFacts, type SourceProblem } from './source-table';

/** data/gazetteer.json's places: [name, latitude, longitude, population, county]. */
type Place = [string, number, number, number, string];

/** The centre of the city a service names, from the offline gazetteer; a county settles same-named places. */
function cityPoint(s: ServiceFacts, places: Place[], problems: SourceProblem[]): CityPoint | null {
  const city = s.one.city;
  if (!city || s.one.confidential) return null;
  const county = s.one.county?.value.replace(/ County$/, '');
  const named = places.filter((p) => p[0].toLowerCase() === city.value.toLowerCase());
  const matches = county ? named.filter((p) => p[4] === county) : named;
  if (matches.length === 1) return { latitude: matches[0]![1], longitude: matches[0]![2] };
  const where = { file: s.file, line: city.line };
  if (matches.length === 0) {
    problems.push({ ...where, message: `city "${city.value}"${county ? ` in ${county} County` : ''} is not a California place in data/gazetteer.json` });
  } else {
    problems.push({ ...where, message: `city "${city.value}" names places in ${matches.map((p) => `${p[4]} County`).join(' and ')}: add a county row` });
  }
  return null;
}

/**
 * Builds data/starter-directory.json's text from every data/starter-sources/*.csv (read in name order):
 * HSDS 3.1 service-centric JSON, services sorted by slug, the same bytes for the same tables. Throws a
 * SourceTableError naming file and line for anything wrong in the tables.
 */
export function buildStarterDirectory(sourcesDir: string, gazetteerPath: string): { json: string; services: number } {
  const files = readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(sourcesDir, name), 'utf8') }));
  if (files.length === 0) throw new Error(`No .csv source tables in ${sourcesDir}.`);
  const services = readSourceTable(files);
  const places = (JSON.parse(readFileSync(gazetteerPath, 'utf8')) as { places: Place[] }).places;
  const problems: SourceProblem[] = [];
  const points = services.map((s) => cityPoint(s, places, problems));
  if (problems.length > 0) throw new SourceTableError(problems);
  const json = services.map((s, i) => toHsdsService(s, points[i]!));
  return { json: `${JSON.stringify(json, null, 2)}\n`, services: json.length };
}
