/**
 * The published vocabulary for facts HSDS has no field for. Imported datasets attach these terms to
 * services through HSDS `attribute` rows, whose `link_type` says which list the term belongs to.
 * Term ids are stable: datasets, notes and saved filters refer to them.
 */
export const TAXONOMY_ID = 'referral-atlas-vocabulary';

export const LINK_TYPES = {
  category: 'service_category',
  population: 'population_served',
  populationExcluded: 'population_not_served',
  locationFlag: 'location_flag',
} as const;

export interface Term {
  id: string;
  en: string;
  es: string;
}

export const CATEGORIES = [
  { id: 'cat-emergency-shelter', en: 'Emergency shelter', es: 'Refugio de emergencia' },
  { id: 'cat-transitional-housing', en: 'Transitional housing', es: 'Vivienda de transición' },
  { id: 'cat-hotline', en: 'Hotline', es: 'Línea de ayuda' },
  { id: 'cat-legal-aid', en: 'Legal aid', es: 'Asistencia legal' },
  { id: 'cat-immigration-legal', en: 'Immigration legal services (T/U visa)', es: 'Servicios legales de inmigración (visa T/U)' },
  { id: 'cat-case-management', en: 'Case management', es: 'Gestión de casos' },
  { id: 'cat-counseling', en: 'Counseling', es: 'Consejería' },
  { id: 'cat-medical-care', en: 'Medical care', es: 'Atención médica' },
  { id: 'cat-victim-compensation', en: 'Victim compensation', es: 'Compensación a víctimas' },
  { id: 'cat-job-training', en: 'Job training', es: 'Capacitación laboral' },
  { id: 'cat-education', en: 'Education', es: 'Educación' },
  { id: 'cat-drop-in', en: 'Drop-in center', es: 'Centro de acogida diurna' },
  { id: 'cat-law-enforcement', en: 'Law enforcement', es: 'Fuerzas del orden' },
  { id: 'cat-policy-funding', en: 'Policy and funding', es: 'Políticas y financiamiento' },
] as const satisfies readonly Term[];

export const POPULATIONS = [
  { id: 'pop-adults', en: 'Adults', es: 'Adultos' },
  { id: 'pop-minors', en: 'Minors', es: 'Menores de edad' },
  { id: 'pop-transition-age-youth', en: 'Transition-age youth', es: 'Jóvenes en transición' },
  { id: 'pop-women', en: 'Women', es: 'Mujeres' },
  { id: 'pop-men', en: 'Men', es: 'Hombres' },
  { id: 'pop-transgender', en: 'Transgender and gender-diverse people', es: 'Personas transgénero y de género diverso' },
  { id: 'pop-lgbtq', en: 'LGBTQ+', es: 'LGBTQ+' },
  { id: 'pop-families', en: 'Families with children', es: 'Familias con hijos' },
  { id: 'pop-foreign-nationals', en: 'Foreign nationals', es: 'Personas extranjeras' },
  { id: 'pop-us-citizens', en: 'U.S. citizens', es: 'Ciudadanos estadounidenses' },
  { id: 'pop-sex-trafficking', en: 'Sex-trafficking survivors', es: 'Sobrevivientes de trata sexual' },
  { id: 'pop-labor-trafficking', en: 'Labor-trafficking survivors', es: 'Sobrevivientes de trata laboral' },
  { id: 'pop-homeless-youth', en: 'Homeless or runaway youth', es: 'Jóvenes sin hogar o fugados' },
  { id: 'pop-foster-youth', en: 'Foster youth', es: 'Jóvenes en hogares de acogida' },
] as const satisfies readonly Term[];

export const LOCATION_FLAGS = [
  { id: 'loc-confidential', en: 'Confidential location', es: 'Ubicación confidencial' },
  { id: 'loc-approximate', en: 'Approximate point (city centre)', es: 'Punto aproximado (centro de la ciudad)' },
] as const satisfies readonly Term[];

/**
 * How publishers say a location must not be shown: a location attribute whose taxonomy term has one of
 * these in its id, code or name, as whole words compared without case or accents, hides the location's
 * street and point (main/db/confidential-location.ts decides). Our own flag, loc-confidential, is one.
 */
export const CONFIDENTIAL_FLAG_PHRASES = [
  'confidential',
  'confidencial',
  'confidentiel',
  'undisclosed',
  'not disclosed',
  'do not disclose',
  'no divulgar',
  'redacted',
  'withheld',
  'suppressed address',
  'hidden address',
  'hidden location',
  'direccion reservada',
  'ubicacion reservada',
] as const;

/**
 * Service categories, in any publisher's taxonomy, whose sites are often secret: an import points out a
 * service under one of these whose location has a street address or a point and no confidential flag.
 * Matched like CONFIDENTIAL_FLAG_PHRASES (whole words, case and accents aside, a plural "s" aside).
 */
export const SHELTER_CATEGORY_PHRASES = [
  'emergency shelter',
  'domestic violence shelter',
  'dv shelter',
  'trafficking shelter',
  'safe house',
  'safehouse',
  'refugio de emergencia',
  'casa de seguridad',
  'casa refugio',
] as const;

/** ISO 639-1 codes with names in both UI languages; other valid codes are shown by code. */
export const LANGUAGES = [
  { id: 'en', en: 'English', es: 'Inglés' },
  { id: 'es', en: 'Spanish', es: 'Español' },
  { id: 'zh', en: 'Chinese', es: 'Chino' },
  { id: 'tl', en: 'Tagalog', es: 'Tagalo' },
  { id: 'vi', en: 'Vietnamese', es: 'Vietnamita' },
  { id: 'ko', en: 'Korean', es: 'Coreano' },
  { id: 'hy', en: 'Armenian', es: 'Armenio' },
  { id: 'fa', en: 'Persian', es: 'Persa' },
  { id: 'ru', en: 'Russian', es: 'Ruso' },
  { id: 'ja', en: 'Japanese', es: 'Japonés' },
  { id: 'ar', en: 'Arabic', es: 'Árabe' },
  { id: 'pa', en: 'Punjabi', es: 'Panyabí' },
  { id: 'km', en: 'Khmer', es: 'Jemer' },
  { id: 'hi', en: 'Hindi', es: 'Hindi' },
  { id: 'th', en: 'Thai', es: 'Tailandés' },
  { id: 'fr', en: 'French', es: 'Francés' },
  { id: 'pt', en: 'Portuguese', es: 'Portugués' },
  { id: 'ase', en: 'American Sign Language', es: 'Lengua de señas americana' },
] as const satisfies readonly Term[];

export type CategoryId = (typeof CATEGORIES)[number]['id'];
export type PopulationId = (typeof POPULATIONS)[number]['id'];

const allTerms: readonly Term[] = [...CATEGORIES, ...POPULATIONS, ...LOCATION_FLAGS, ...LANGUAGES];
const byId = new Map(allTerms.map((t) => [t.id, t]));

/** A term's label in the given UI language; unknown ids are shown as they are rather than hidden. */
export function termLabel(id: string, lang: 'en' | 'es'): string {
  return byId.get(id)?.[lang] ?? id;
}
