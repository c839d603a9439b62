import { SYNONYM_GROUPS } from '../../../shared/search-vocabulary';
import { foldedWords } from '../../../shared/text-fold';

/** Each synonym phrase, folded the way the index folds text, to the group it belongs to. */
export const synonymGroup = new Map<string, number>();
SYNONYM_GROUPS.forEach((group, g) => group.forEach((phrase) => synonymGroup.set(foldedWords(phrase).join(' '), g)));
/** Per first word, the phrases it starts: their other words and group, longest first. */
const phrasesFrom = new Map<string, { rest: string[]; group: number }[]>();
for (const [phrase, group] of synonymGroup) {
  const [first, ...rest] = phrase.split(' ');
  if (rest.length > 0) phrasesFrom.set(first!, [...(phrasesFrom.get(first!) ?? []), { rest, group }]);
}
for (const phrases of phrasesFrom.values()) phrases.sort((a, b) => b.rest.length - a.rest.length);
/** What a word is to the synonym groups (wordRole): a phrase starts with it, or it is in no group. */
export const PHRASE_START = -1;
export const NO_GROUP = -2;
/** Per word, one lookup: PHRASE_START when a phrase starts with it, else its own group. */
const wordRole = new Map<string, number>([...synonymGroup].filter(([k]) => !k.includes(' ')));
for (const w of phrasesFrom.keys()) wordRole.set(w, PHRASE_START);

/** A word's own synonym group, PHRASE_START when a phrase starts with it (see groupAt), or NO_GROUP. */
export const synonymRole = (word: string): number => wordRole.get(word) ?? NO_GROUP;

/**
 * The token that stands for a whole synonym group in the index. A document naming any member of a group
 * also carries the group's token, so a query for "refugio" is one term to look up, not nine phrases to
 * score in every row. Letters and digits only, so the tokenizer keeps it whole.
 */
export const groupToken = (g: number) => `zzsyn${g}`;

/**
 * The synonym group starting at word i (longest phrase first), and how many words it spans. The words are
 * read through wordAt (undefined past the end), so the index can match its term ids without making a
 * list of strings for every text.
 */
export function groupAt(wordAt: (k: number) => string | undefined, i: number): { group: number; length: number } | null {
  const first = wordAt(i)!;
  for (const { rest, group } of phrasesFrom.get(first) ?? []) {
    if (rest.every((w, k) => wordAt(i + 1 + k) === w)) return { group, length: rest.length + 1 };
  }
  const group = synonymGroup.get(first);
  return group === undefined ? null : { group, length: 1 };
}

/** The synonym groups a text's folded words mention, phrases included: each indexed as its group's token. */
export function synonymGroupsIn(words: readonly string[]): number[] {
  const found = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    // Most words are no synonym at all: one map lookup, no joined strings.
    const role = synonymRole(words[i]!);
    if (role === NO_GROUP) continue;
    const hit = role === PHRASE_START ? groupAt((k) => words[k], i)?.group : role;
    if (hit !== undefined) found.add(hit);
  }
  return [...found];
}

/** Changes when the groups change: an index built with other groups must be rebuilt. */
export const SYNONYMS_VERSION = (() => {
  let h = 0;
  for (const ch of JSON.stringify(SYNONYM_GROUPS)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `synonyms-${(h >>> 0).toString(16)}`;
})();
