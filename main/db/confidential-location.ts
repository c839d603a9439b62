import { foldedWords } from '../../shared/text-fold';
import { CONFIDENTIAL_FLAG_PHRASES } from '../../shared/vocabulary';
import type { ReadDb } from './open';

/**
 * The one rule for which locations are confidential (safe houses): a location is, when any attribute
 * linked to it carries a taxonomy term whose id, code or name says so, from whatever taxonomy and
 * under whatever link_type a publisher chose, since HSDS has no standard flag. Every reader (the cards,
 * details and map points, search's places and distances, the diff, the exports and so publish) asks here.
 *
 * "Says so" is one of CONFIDENTIAL_FLAG_PHRASES as whole folded words anywhere in the text, so
 * "loc-confidential", "CONFIDENTIAL", "Confidential address", "Dirección confidencial" and "Location is
 * confidential" all count. Whole words keep "Confidentiality waived" out, and a phrase right after
 * "not", "non" or "no" ("Not confidential", "non-confidential") does not count. Anything else that
 * mentions a phrase counts, and the attribute's value is not read ("Confidential: no" still hides): a
 * public address wrongly hidden costs a phone call, a safe house's address shown can cost a life.
 */

/** A folded word without a plural "s", so "Domestic Violence Shelters" says "domestic violence shelter". */
const singular = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
const wordsOf = (text: string) => foldedWords(text).map(singular);

/** Whether a text holds one of the phrases as whole words, not right after one of the negations. */
export function phraseMatcher(phrases: readonly string[], negations: ReadonlySet<string> = new Set()): (text: unknown) => boolean {
  const wanted = phrases.map(wordsOf);
  return (text) => {
    if (typeof text !== 'string' || text === '') return false;
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      if (i > 0 && negations.has(words[i - 1]!)) continue;
      if (wanted.some((p) => p.every((w, k) => words[i + k] === w))) return true;
    }
    return false;
  };
}

/** Whether a term's id, code or name is worded as a confidential flag (see above). */
const saysConfidential = phraseMatcher(CONFIDENTIAL_FLAG_PHRASES, new Set(['not', 'non', 'no']));

export interface FlagTerm {
  id?: unknown;
  code?: unknown;
  name?: unknown;
}

export const isConfidentialTerm = (t: FlagTerm): boolean => saysConfidential(t.id) || saysConfidential(t.code) || saysConfidential(t.name);

type Row = Record<string, unknown>;

/** The ids of the locations flagged confidential among HSDS rows: a dataset being imported, diffed or exported. */
export function confidentialLocationIds(t: { attribute: readonly Row[]; taxonomy_term: readonly Row[] }): Set<string> {
  return locationFlags(t).confidential;
}

export interface LocationFlags {
  confidential: Set<string>;
  approximate: Set<string>;
}

/**
 * The ids of the locations flagged confidential, and of those flagged approximate (the loc-approximate
 * term: a point near the site, not on it), among HSDS rows. Search reads the installed tables' flags
 * through it too, so a rebuilt index and one built from an install's rows cannot flag differently.
 */
export function locationFlags(t: { attribute: readonly Row[]; taxonomy_term: readonly Row[] }): LocationFlags {
  const confidential = new Set<string>();
  const approximate = new Set<string>();
  let terms: Map<string, Row> | undefined;
  const verdicts = new Map<string, boolean>();
  for (const a of t.attribute) {
    if (a.link_entity !== 'location') continue;
    const termId = String(a.taxonomy_term_id);
    let verdict = verdicts.get(termId);
    if (verdict === undefined) {
      terms ??= new Map(t.taxonomy_term.map((r) => [String(r.id), r]));
      verdict = isConfidentialTerm(terms.get(termId) ?? { id: termId });
      verdicts.set(termId, verdict);
    }
    if (verdict) confidential.add(String(a.link_id));
    if (termId === 'loc-approximate') approximate.add(String(a.link_id));
  }
  return { confidential, approximate };
}

/** locationFlags of the installed tables: every source's location attributes, the shared taxonomy's wording. */
export function installedLocationFlags(db: ReadDb): LocationFlags {
  return locationFlags({
    attribute: db.prepare("SELECT link_entity, link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'location'").all() as Row[],
    taxonomy_term: db.prepare('SELECT id, code, name FROM taxonomy_term').all() as Row[],
  });
}

const withFlagFunction = new WeakSet<ReadDb>();

/**
 * An SQL condition, true when the location whose id is the expression `locationId` is confidential:
 * the same rule, as an SQL function this connection gets on first use. It is asked only of the few
 * attributes of each location read (through the (link_entity, link_id) index), never of a whole table.
 */
export function confidentialLocationSql(db: ReadDb, locationId: string): string {
  if (!withFlagFunction.has(db)) {
    db.function('is_confidential_term', { deterministic: true }, (id: unknown, code: unknown, name: unknown) => (isConfidentialTerm({ id, code, name }) ? 1 : 0));
    withFlagFunction.add(db);
  }
  return `EXISTS (SELECT 1 FROM attribute fa LEFT JOIN taxonomy_term ft ON ft.id = fa.taxonomy_term_id
    WHERE fa.link_entity = 'location' AND fa.link_id = ${locationId} AND is_confidential_term(fa.taxonomy_term_id, ft.code, ft.name))`;
}
