import type { SearchQuery } from '../../shared/domain';

/**
 * Queries a desk types, run on the bundled directory itself (data/starter-directory.json), each with the
 * services judged from that data as the right answers: `first` must lead, every one of `top` must be in
 * the first five (the results, then with a place the phone and online group, as the screen lists them).
 * Services are named by their key in data/starter-sources/*.csv. A place comes with the 25 km the place
 * box starts with.
 */
const NEAR = 25;
export const STARTER_RELEVANCE_SET: { query: SearchQuery; first?: string; top?: string[] }[] = [
  { query: { text: 'human trafficking hotline' }, first: 'nat-human-trafficking-hotline', top: ['la-cast-hotline'] },
  { query: { text: 'trafiking hotline' }, first: 'nat-human-trafficking-hotline' },
  { query: { text: 'línea trata' }, first: 'nat-human-trafficking-hotline' },
  { query: { text: 'labor trafficking' }, first: 'nat-doj-trafficking-complaint-line', top: ['la-thai-cdc'] },
  { query: { text: 'trata laboral' }, first: 'nat-doj-trafficking-complaint-line' },
  { query: { text: 'T visa lawyer' }, top: ['la-public-counsel-irp'] },
  { query: { text: 't visa', near: { zip: '90012' }, radiusKm: NEAR }, first: 'la-public-counsel-irp' },
  { query: { text: 'abogado inmigración', near: { zip: '90012' }, radiusKm: NEAR }, first: 'la-public-counsel-irp', top: ['la-carecen', 'la-chirla'] },
  { query: { text: 'shelter for boys' }, top: ['la-covenant-house-california', 'sac-wind-youth-services'] },
  { query: { text: 'refugio para jóvenes' }, top: ['la-covenant-house-california', 'sac-wind-youth-services', 'oak-covenant-house-california'] },
  { query: { text: 'LGBTQ youth shelter Los Angeles' }, first: 'la-lgbt-center' },
  { query: { text: 'runaway youth' }, first: 'nat-runaway-safeline', top: ['ca-youth-crisis-line'] },
  { query: { text: 'trans youth' }, top: ['sf-lyric', 'nat-trevor-lifeline'] },
  { query: { text: 'wage theft', near: { place: 'Fresno' }, radiusKm: NEAR }, top: ['ca-labor-commissioner', 'nat-dol-wage-hour'] },
  { query: { text: 'robo de salario' }, first: 'ca-labor-commissioner' },
  { query: { text: 'korean counselor' }, first: 'la-kfam' },
  { query: { text: 'victim compensation' }, first: 'ca-victim-compensation' },
  { query: { text: 'compensación a víctimas' }, first: 'ca-victim-compensation' },
  { query: { text: 'victim witness', near: { zip: '95814' }, radiusKm: NEAR }, top: ['sac-da-victim-witness'] },
  { query: { text: 'child abuse hotline' }, first: 'nat-childhelp-hotline' },
  { query: { text: 'sexual assault hotline' }, first: 'nat-sexual-assault-hotline', top: ['sf-sfwar-hotline'] },
  { query: { text: 'rape crisis', near: { zip: '95112' }, radiusKm: NEAR }, first: 'sj-ywca-rape-crisis-hotline' },
  { query: { text: 'domestic violence hotline' }, first: 'nat-domestic-violence-hotline' },
  { query: { text: 'línea de violencia doméstica' }, top: ['nat-domestic-violence-hotline'] },
  { query: { text: 'refugio mujeres' }, top: ['sac-my-sisters-house', 'la-sojourn-dv-hotline'] },
  { query: { text: 'suicide' }, first: 'nat-988-lifeline' },
  { query: { text: 'crisis text' }, first: 'nat-crisis-text-line' },
  { query: { text: 'farmworker' }, first: 'ca-lideres-campesinas' },
  { query: { text: 'trafficking', near: { place: 'Oakland' }, radiusKm: NEAR }, top: ['oak-apilo', 'sf-sfpd-trafficking-tip-line'] },
  { query: { text: 'sexually exploited youth', near: { place: 'Oakland' }, radiusKm: NEAR }, first: 'oak-misssey' },
  { query: { text: 'legal aid', near: { zip: '92701' }, radiusKm: NEAR }, top: ['oc-santa-ana-family-justice-center'] },
  { query: { text: 'restraining order', near: { zip: '94102' }, radiusKm: NEAR }, first: 'sf-court-access-center' },
  { query: { text: 'mental health crisis', near: { place: 'Sacramento' }, radiusKm: NEAR }, top: ['sac-centro-de-apoyo-latino'] },
  { query: { text: 'victim services', near: { place: 'Riverside' }, radiusKm: NEAR }, top: ['ie-riverside-da-victim-services'] },
  { query: { text: 'victim witness', near: { zip: '92701' }, radiusKm: NEAR }, top: ['oc-csp-victim-assistance'] },
  { query: { text: 'trafficking hotline', near: { place: 'San Francisco' }, radiusKm: NEAR }, top: ['sf-human-trafficking-hotline'] },
];
