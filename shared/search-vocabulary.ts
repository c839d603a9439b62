/**
 * The search vocabulary: words and phrases that mean the same thing to an intake worker, across English
 * and Spanish. A query word or phrase found in a group also finds every other member of the group. Keep
 * entries folded (lower case, no accents; see foldText): the search compares folded forms.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['lawyer', 'lawyers', 'attorney', 'attorneys', 'abogado', 'abogada', 'abogados', 'legal aid', 'legal services', 'asistencia legal', 'ayuda legal', 'servicios legales'],
  ['shelter', 'shelters', 'refugio', 'refugios', 'albergue', 'albergues', 'emergency housing', 'vivienda de emergencia'],
  ['housing', 'vivienda', 'transitional housing', 'vivienda de transicion', 'vivienda transitoria'],
  ['trafficking', 'trata', 'trata de personas', 'trafico de personas', 'human trafficking'],
  ['sex trafficking', 'trata sexual', 'explotacion sexual', 'sexual exploitation'],
  ['labor trafficking', 'labour trafficking', 'trata laboral', 'forced labor', 'trabajo forzado', 'trabajo forzoso'],
  ['t visa', 'visa t', 't visas', 't u visa', 't u visas'],
  ['u visa', 'visa u', 'u visas', 'visa t u', 'visas t u'],
  ['immigration', 'inmigracion', 'migratorio', 'migratoria', 'immigrant', 'inmigrante', 'inmigrantes'],
  ['minors', 'minor', 'menores', 'menor', 'menores de edad', 'children', 'child', 'ninos', 'nino', 'ninas', 'kids', 'juvenile', 'youth', 'jovenes', 'joven', 'boys', 'girls', 'teens', 'teen', 'muchachos', 'muchachas', 'adolescentes', 'young people'],
  ['women', 'woman', 'mujeres', 'mujer'],
  ['men', 'hombres', 'hombre'],
  ['families', 'family', 'familias', 'familia'],
  ['hotline', 'hotlines', 'helpline', 'crisis line', 'linea de ayuda', 'linea directa', 'linea de crisis'],
  ['counseling', 'counselling', 'consejeria', 'therapy', 'terapia', 'mental health', 'salud mental', 'psicologo', 'psicologa'],
  ['medical', 'medico', 'medica', 'health care', 'atencion medica', 'clinic', 'clinica', 'doctor'],
  ['job training', 'employment', 'empleo', 'trabajo', 'jobs', 'capacitacion laboral', 'work'],
  ['victim compensation', 'compensacion a victimas', 'compensacion', 'calvcp'],
  ['case management', 'gestion de casos', 'manejo de casos', 'case manager'],
  ['lgbtq', 'lgbt', 'lgbtq+', 'gay', 'lesbian', 'lesbiana', 'queer'],
  ['transgender', 'trans', 'transgenero', 'gender diverse', 'genero diverso'],
  ['domestic violence', 'violencia domestica', 'violencia familiar'],
  ['interpreter', 'interpreters', 'interprete', 'interpretes', 'interpretation', 'translation', 'traduccion'],
  ['free', 'gratis', 'gratuito', 'gratuita', 'no cost', 'sin costo'],
  ['education', 'educacion', 'school', 'escuela', 'classes', 'clases'],
  ['drop in', 'drop in center', 'centro de acogida'],
  ['police', 'policia', 'law enforcement', 'sheriff'],
  ['survivors', 'survivor', 'sobrevivientes', 'sobreviviente', 'victims', 'victim', 'victimas', 'victima'],
  ['foreign nationals', 'foreign national', 'extranjeros', 'extranjero', 'personas extranjeras'],
  ['spanish', 'espanol'],
  ['english', 'ingles'],
  ['foster youth', 'foster care', 'hogares de acogida', 'hogar de acogida'],
  ['runaway', 'runaways', 'homeless youth', 'jovenes sin hogar', 'fugados'],
  ['homeless', 'sin hogar', 'unhoused', 'indigente'],
];

/** Words that say nothing about which service is meant, in either language. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'in', 'on', 'at', 'to', 'with', 'by', 'near', 'from', 'is', 'are',
  'my', 'me', 'i', 'need', 'needs', 'looking', 'find', 'some', 'any', 'who', 'that', 'this',
  'el', 'la', 'los', 'las', 'de', 'del', 'y', 'o', 'en', 'para', 'por', 'con', 'un', 'una', 'unos', 'unas',
  'que', 'al', 'mi', 'necesito', 'busco', 'cerca', 'se', 'su', 'sus',
]);
