import { describe, expect, it } from 'vitest';
import { planningVocabulary, planQuery } from './query-plan';
import { editDistance } from './term-corrector';

const vocabulary = planningVocabulary(new Map([['shelter', 40], ['shelters', 2], ['legal', 30], ['aid', 20], ['fresno', 9], ['visa', 5], ['t', 5], ['youth', 12]]));

describe('query planning', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sheltre', 'shelter', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('replaces an unknown word by known ones within one or two edits', () => {
    expect(planQuery('sheltr fresno ', vocabulary)).toEqual([expect.arrayContaining(['"shelter"', '"shelters"']), ['"fresno"']]);
    expect(planQuery('zzqx ', vocabulary)).toEqual([['"zzqx"']]);
  });

  it('expands a Spanish word to its English synonyms and keeps the typed word as a prefix while typing', () => {
    const [group] = planQuery('abogado', vocabulary);
    expect(group).toEqual(expect.arrayContaining(['"lawyer"', '"legal aid"', '"abogado"', '"abogado"*']));
  });

  it('reads "visa T" as the phrase it is and drops stop words and lone letters', () => {
    expect(planQuery('visa t para fresno ', vocabulary)).toEqual([expect.arrayContaining(['"t visa"', '"visa t"']), ['"fresno"']]);
    expect(planQuery('a de la ', vocabulary)).toEqual([]);
  });

  it('corrects a misspelled Spanish word before expanding it', () => {
    const [group] = planQuery('refugo ', vocabulary);
    expect(group).toEqual(expect.arrayContaining(['"shelter"', '"refugio"']));
  });
});
