import { STOP_WORDS } from '../../shared/search-vocabulary';
import { foldedWords } from '../../shared/text-fold';
import { groupAt, groupToken, synonymGroup } from './words/synonyms';
import { runSteps } from '../jobs/steps';
import { termCorrectorSteps, type TermCorrector } from './words/term-corrector';

const singleWordSynonyms = [...synonymGroup.keys()].filter((k) => !k.includes(' ')).sort();

/**
 * What typo correction and prefixes may land on: the index's own terms (with their document counts)
 * and the synonym words, which count even when no record uses them ("refugo" -> refugio -> shelter).
 */
export const planningVocabulary = (indexTerms: Map<string, number>): TermCorrector => runSteps(planningVocabularySteps(indexTerms));

/** planningVocabulary with a yield now and then: a statewide directory has some 100,000 terms. */
export function* planningVocabularySteps(indexTerms: Map<string, number>): Generator<void, TermCorrector, void> {
  for (const w of singleWordSynonyms) if (!indexTerms.has(w)) indexTerms.set(w, 0);
  return yield* termCorrectorSteps(indexTerms);
}

const quote = (phrase: string) => `"${phrase.replace(/"/g, '""')}"`;
const groupAlternatives = (g: number) => [groupToken(g)];

/**
 * One query word (or phrase) as the alternatives that may match it, written as FTS5 would (`"word"`,
 * `"prefix"*`, or a synonym group's token) and read by text-postings.ts. A query is the AND of its groups; when that finds too little,
 * the OR of them.
 */
export type QueryPlan = string[][];

/**
 * Plans a word-index query from what the user typed: a synonym phrase becomes its group's token (so it finds
 * every member, in English and Spanish), stop
 * words drop, a word the index does not know is replaced by up to three known words within one or two
 * edits, and the word still being typed (no space after it) matches as a prefix (never a one-letter one,
 * which would expand to a large share of the vocabulary).
 */
export function planQuery(text: string, vocabulary: TermCorrector): QueryPlan {
  const words = foldedWords(text);
  const typingLast = words.length > 0 && !/\s$/.test(text);
  const plan: QueryPlan = [];
  let i = 0;
  while (i < words.length) {
    const phrase = groupAt((k) => words[k], i);
    if (phrase && phrase.length > 1) {
      plan.push(groupAlternatives(phrase.group));
      i += phrase.length;
      continue;
    }
    const word = words[i]!;
    const typing = typingLast && i === words.length - 1;
    i++;
    const alternatives = new Set<string>();
    const synonym = synonymGroup.get(word);
    if (synonym !== undefined) groupAlternatives(synonym).forEach((a) => alternatives.add(a));
    else if (STOP_WORDS.has(word) || word.length < 2) continue;
    if (typing) {
      if (vocabulary.hasPrefix(word)) alternatives.add(`${quote(word)}*`);
      if (word.length >= 3) {
        for (const key of singleWordSynonyms.filter((k) => k.startsWith(word) && k !== word).slice(0, 2)) {
          groupAlternatives(synonymGroup.get(key)!).forEach((a) => alternatives.add(a));
        }
      }
    } else if (vocabulary.has(word)) {
      alternatives.add(quote(word));
    }
    if (alternatives.size === 0) {
      for (const fix of vocabulary.corrections(word)) {
        const g = synonymGroup.get(fix);
        if (g !== undefined) groupAlternatives(g).forEach((a) => alternatives.add(a));
        else alternatives.add(quote(fix));
      }
    }
    // Unknown and uncorrectable: kept, so the AND form finds nothing and the OR form decides.
    if (alternatives.size === 0) alternatives.add(typing ? `${quote(word)}*` : quote(word));
    plan.push([...alternatives]);
  }
  return plan;
}

/** One alternative of a plan as the index term it names, and whether every term starting with it matches. */
export function alternativeTerm(alternative: string): { term: string; prefix: boolean } {
  if (!alternative.startsWith('"')) return { term: alternative, prefix: false };
  const prefix = alternative.endsWith('*');
  return { term: alternative.slice(1, prefix ? -2 : -1).replace(/""/g, '"'), prefix };
}
