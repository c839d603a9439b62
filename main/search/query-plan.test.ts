import { describe, expect, it } from 'vitest';
import { planningVocabulary, planQuery } from './query-plan';
import { foldedWords } from '../../shared/text-fold';
import { groupToken, synonymGroup, synonymGroupsIn } from './words/synonyms';
import { editDistance } from './words/term-corrector';

const token = (word: string) => groupToken(synonymGroup.get(word)!);

const vocabulary = planningVocabulary(new Map([['shelter', 40], ['shelters', 2], ['legal', 30], ['aid', 20], ['fresno', 9], ['visa', 5], ['t', 5], ['youth', 12]]));

describe('query planning', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sheltre', 'shelter', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('replaces an unknown word by known ones within one or two edits', () => {
    expect(planQuery('yuoth fresnoo ', vocabulary)).toEqual([[token('youth')], ['"fresno"']]);
    expect(planQuery('legl ', vocabulary)).toEqual([['"legal"']]);
    expect(planQuery('zzqx ', vocabulary)).toEqual([['"zzqx"']]);
  });

  it('reads a Spanish word as its synonym group, the typed word also a prefix while typing', () => {
    expect(planQuery('abogado', vocabulary)).toEqual([[token('lawyer'), '"abogado"*']]);
    expect(token('abogado')).toBe(token('legal aid'));
  });

  it('marks a text with the groups of the synonyms it contains, phrases included', () => {
    const tokens = (text: string) => synonymGroupsIn(foldedWords(text)).map(groupToken).sort();
    expect(tokens('Free legal aid for T visa applicants')).toEqual([token('free'), token('legal aid'), token('t visa')].sort());
    expect(tokens('Nothing to see')).toEqual([]);
  });

  it('reads "visa T" as the phrase it is and drops stop words and lone letters', () => {
    expect(planQuery('visa t para fresno ', vocabulary)).toEqual([[token('t visa')], ['"fresno"']]);
    expect(planQuery('a de la ', vocabulary)).toEqual([]);
  });

  it('corrects a misspelled Spanish word before expanding it', () => {
    expect(planQuery('refugo ', vocabulary)).toEqual([[token('shelter')]]);
  });
});
