import type { SearchQuery } from '../../shared/domain';
import type { ServiceSpec } from '../../scripts/gen-synthetic-data';

/**
 * The relevance test set: synthetic services planted among generated ones, and queries (misspelled,
 * Spanish, synonyms, being typed, with facets, by service area and age) each of which must rank its service in the top 5.
 * Cities are real places (from the gazetteer); the services are invented and marked synthetic.
 */
const city = (name: string, lat: number, lon: number) => ({ name, lat, lon });
const FRESNO = city('Fresno', 36.7477, -119.7724);
const SAN_DIEGO = city('San Diego', 32.7157, -117.1647);
const SALINAS = city('Salinas', 36.6777, -121.6555);
const SAN_FRANCISCO = city('San Francisco', 37.7749, -122.4194);
const SAN_JOSE = city('San Jose', 37.3394, -121.895);
const OAKLAND = city('Oakland', 37.8044, -122.2711);
const RIVERSIDE = city('Riverside', 33.9533, -117.3962);
const LOS_ANGELES = city('Los Angeles', 34.0522, -118.2437);
const SACRAMENTO = city('Sacramento', 38.5816, -121.4944);
const BAKERSFIELD = city('Bakersfield', 35.3733, -119.0187);
const LONG_BEACH = city('Long Beach', 33.767, -118.1892);

export const PLANTED: (ServiceSpec & { id: string })[] = [
  { id: 'planted-girasol', name: 'Casa Girasol Youth Shelter', organization: 'Casa Girasol', categories: ['cat-emergency-shelter'], serves: ['pop-minors', 'pop-homeless-youth'], languages: ['en', 'es'], city: FRESNO, site: 'physical', hours: 'always', areas: ['Fresno County'], ages: { min: 12, max: 17 } },
  { id: 'planted-harborview', name: 'Harborview Immigrant Legal Defense', organization: 'Harborview Legal', categories: ['cat-immigration-legal', 'cat-legal-aid'], serves: ['pop-foreign-nationals', 'pop-labor-trafficking'], languages: ['en', 'es'], city: SAN_DIEGO, site: 'physical', areas: ['San Diego County'] },
  { id: 'planted-campo-digno', name: 'Campo Digno Farmworker Justice Project', organization: 'Campo Digno', categories: ['cat-legal-aid', 'cat-case-management'], serves: ['pop-labor-trafficking'], languages: ['es', 'en'], city: SALINAS, site: 'physical' },
  { id: 'planted-rainbow', name: 'Rainbow Passage Transgender Housing', organization: 'Rainbow Passage', categories: ['cat-transitional-housing'], serves: ['pop-transgender', 'pop-lgbtq'], languages: ['en'], city: SAN_FRANCISCO, site: 'physical' },
  { id: 'planted-song-moi', name: 'Song Moi Counseling Center', organization: 'Song Moi', categories: ['cat-counseling'], serves: [], languages: ['vi', 'en'], city: SAN_JOSE, site: 'physical' },
  { id: 'planted-linea-libre', name: 'Línea Libre', organization: 'Línea Libre', categories: ['cat-hotline'], serves: ['pop-sex-trafficking', 'pop-labor-trafficking'], languages: ['es', 'en'], site: 'virtual', hours: 'always', areas: ['California'] },
  { id: 'planted-eastbay', name: 'Eastbay Survivor Health Clinic', organization: 'Eastbay Health', categories: ['cat-medical-care'], serves: [], languages: ['en'], city: OAKLAND, site: 'physical' },
  { id: 'planted-second-chapter', name: 'Second Chapter Job Training', organization: 'Second Chapter', categories: ['cat-job-training', 'cat-education'], serves: [], languages: ['en'], city: RIVERSIDE, site: 'physical' },
  { id: 'planted-brothers-keeper', name: 'Brothers Keeper Shelter', organization: 'Brothers Keeper', categories: ['cat-emergency-shelter'], serves: ['pop-men'], excludes: ['pop-women'], languages: ['en'], city: LOS_ANGELES, site: 'physical', areas: ['Los Angeles County'], ages: { min: 18, max: null } },
  { id: 'planted-capitol', name: 'Capitol Victim Compensation Advocates', organization: 'Capitol Advocates', categories: ['cat-victim-compensation'], serves: [], languages: ['en'], city: SACRAMENTO, site: 'physical' },
  { id: 'planted-kern-haven', name: 'Kern Haven Family Shelter', organization: 'Kern Haven', categories: ['cat-emergency-shelter', 'cat-transitional-housing'], serves: ['pop-families'], languages: ['en', 'es'], city: BAKERSFIELD, site: 'physical', hours: 'always' },
  { id: 'planted-shoreline', name: 'Shoreline Youth Drop-in', organization: 'Shoreline Youth', categories: ['cat-drop-in'], serves: ['pop-transition-age-youth', 'pop-homeless-youth'], languages: ['en'], city: LONG_BEACH, site: 'physical' },
];

export const RELEVANCE_SET: { query: SearchQuery; expect: string }[] = [
  { query: { text: 'girasol' }, expect: 'planted-girasol' },
  { query: { text: 'girasl' }, expect: 'planted-girasol' },
  { query: { text: 'casa girasol' }, expect: 'planted-girasol' },
  { query: { text: 'refugio girasol' }, expect: 'planted-girasol' },
  { query: { text: 'girasol menores', populations: ['pop-minors'] }, expect: 'planted-girasol' },
  { query: { text: 'girasol', near: { place: 'Fresno' }, radiusKm: 10 }, expect: 'planted-girasol' },
  { query: { text: 'harborview' }, expect: 'planted-harborview' },
  { query: { text: 'harbrview' }, expect: 'planted-harborview' },
  { query: { text: 'abogado harborview' }, expect: 'planted-harborview' },
  { query: { text: 'harborview visa t' }, expect: 'planted-harborview' },
  { query: { text: 'harborview', categories: ['cat-immigration-legal'], near: { zip: '92101' }, radiusKm: 20 }, expect: 'planted-harborview' },
  { query: { text: 'campo digno' }, expect: 'planted-campo-digno' },
  { query: { text: 'campo dign' }, expect: 'planted-campo-digno' },
  { query: { text: 'campo digno trata laboral' }, expect: 'planted-campo-digno' },
  { query: { text: 'campo digno abogado' }, expect: 'planted-campo-digno' },
  { query: { text: 'campo digno', languages: ['es'] }, expect: 'planted-campo-digno' },
  { query: { text: 'rainbow passage' }, expect: 'planted-rainbow' },
  { query: { text: 'rainbow pasage' }, expect: 'planted-rainbow' },
  { query: { text: 'rainbow transgender' }, expect: 'planted-rainbow' },
  { query: { text: 'rainbow vivienda transgénero' }, expect: 'planted-rainbow' },
  { query: { text: 'rainbow', populations: ['pop-transgender'], confirmedOnly: true }, expect: 'planted-rainbow' },
  { query: { text: 'song moi' }, expect: 'planted-song-moi' },
  { query: { text: 'song moi counseling' }, expect: 'planted-song-moi' },
  { query: { text: 'song moi consejería' }, expect: 'planted-song-moi' },
  { query: { text: 'song moi', languages: ['vi'] }, expect: 'planted-song-moi' },
  { query: { text: 'linea libre' }, expect: 'planted-linea-libre' },
  { query: { text: 'Línea Libre' }, expect: 'planted-linea-libre' },
  { query: { text: 'linea libr' }, expect: 'planted-linea-libre' },
  { query: { text: 'linea libre hotline', open24x7: true }, expect: 'planted-linea-libre' },
  { query: { text: 'eastbay clinic' }, expect: 'planted-eastbay' },
  { query: { text: 'eastbay clínica' }, expect: 'planted-eastbay' },
  { query: { text: 'estbay' }, expect: 'planted-eastbay' },
  { query: { text: 'eastbay', categories: ['cat-medical-care'] }, expect: 'planted-eastbay' },
  { query: { text: 'second chapter' }, expect: 'planted-second-chapter' },
  { query: { text: 'second chapter empleo' }, expect: 'planted-second-chapter' },
  { query: { text: 'secnd chapter' }, expect: 'planted-second-chapter' },
  { query: { text: 'brothers keeper' }, expect: 'planted-brothers-keeper' },
  { query: { text: 'brothers keeper hombres' }, expect: 'planted-brothers-keeper' },
  { query: { text: 'brother keeper shelter' }, expect: 'planted-brothers-keeper' },
  { query: { text: 'capitol victim compensation' }, expect: 'planted-capitol' },
  { query: { text: 'capitol compensación víctimas' }, expect: 'planted-capitol' },
  { query: { text: 'kern haven' }, expect: 'planted-kern-haven' },
  { query: { text: 'kern haven familias', open24x7: true }, expect: 'planted-kern-haven' },
  { query: { text: 'shoreline youth' }, expect: 'planted-shoreline' },
  { query: { text: 'shoreline jóvenes' }, expect: 'planted-shoreline' },
  { query: { text: 'shorline drop in' }, expect: 'planted-shoreline' },
  // Who takes this person: the area covering where they live, and their age.
  { query: { text: 'refugio girasol', serves: { zip: '93612' }, age: 15 }, expect: 'planted-girasol' },
  { query: { text: 'youth shelter', serves: { place: 'Clovis' }, age: 15, populations: ['pop-minors'], confirmedOnly: true }, expect: 'planted-girasol' },
  { query: { text: 'harbrview abogado inmigracion', serves: { zip: '92101' }, confirmedOnly: true }, expect: 'planted-harborview' },
  { query: { text: 'linea libre trata', serves: { place: 'Fresno' }, confirmedOnly: true }, expect: 'planted-linea-libre' },
  { query: { text: 'refugio hombres', serves: { zip: '90012' }, age: 30, populations: ['pop-men'], confirmedOnly: true }, expect: 'planted-brothers-keeper' },
];
