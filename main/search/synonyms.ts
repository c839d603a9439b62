import { SYNONYM_GROUPS } from '../../shared/search-vocabulary';
import { foldedWords } from '../../shared/text-fold';

/** Each synonym phrase, folded the way the index folds text, to the group it belongs to. */
export const synonymGroup = new Map<string, number>();
SYNONYM_GROUPS.forEach((group, g) => group.forEach((phrase) => synonymGroup.set(foldedWords(phrase).join(' '), g)));
export const LONGEST_PHRASE = Math.max(...[...synonymGroup.keys()].map((k) => k.split(' ').length));
/** First words of the phrases: most words start none, and need no phrase lookups. */
const phraseStarts = new Set([...synonymGroup.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));

/**
 * The token that stands for a whole synonym group in the index. A document naming any member of a group
 * also carries the group's token, so a query for "refugio" is one term to look up, not nine phrases to
 * score in every row. Letters and digits only, so the tokenizer keeps it whole.
 */
export const groupToken = (g: number) => `zzsyn${g}`;

/** The synonym group starting at word i (longest phrase first), and how many words it spans. */
export function groupAt(words: readonly string[], i: number): { group: number; length: number } | null {
  const longest = phraseStarts.has(words[i]!) ? Math.min(LONGEST_PHRASE, words.length - i) : 1;
  for (let len = longest; len >= 1; len--) {
    const g = synonymGroup.get(words.slice(i, i + len).join(' '));
    if (g !== undefined) return { group: g, length: len };
  }
  return null;
}

/** The synonym groups a text's folded words mention, phrases included: each indexed as its group's token. */
export function synonymGroupsIn(words: readonly string[]): number[] {
  const found = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    // Most words start no phrase: one map lookup, no joined strings.
    const hit = phraseStarts.has(words[i]!) ? groupAt(words, i)?.group : synonymGroup.get(words[i]!);
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
