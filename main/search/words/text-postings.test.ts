import { describe, expect, it } from 'vitest';
import { IdList } from './id-list';
import { textIndexOf, TextIndexBuilder, type TextIndex } from './text-postings';

/** Items of [column, text] pairs, built in order. */
function build(items: [number, string][][]): TextIndex {
  const b = new TextIndexBuilder(items.length);
  for (const columns of items) {
    for (const [column, text] of columns) {
      const ids = new IdList();
      b.terms.scan(text, ids);
      for (const id of ids.view()) b.add(id, column);
    }
    b.endItem();
  }
  return textIndexOf(b.finish());
}

/** Each term's postings as [item, weight] pairs. */
const postings = (ix: TextIndex) =>
  Object.fromEntries(
    ix.terms.map((term, t) => {
      const pairs: [number, number][] = [];
      for (let p = ix.postingStart[t]!; p < ix.postingStart[t + 1]!; p++) pairs.push([ix.postingItem[p]!, ix.postingWeight[p]!]);
      return [term, pairs];
    }),
  );

describe('the postings of the word index', () => {
  it('lists each term once per item, in item order, with its column-weighted count; empty items hold no postings', () => {
    const ix = build([
      [],
      [[0, 'Refugio Seguro'], [2, 'refugio para mujeres, refugio']],
      [],
      [[2, 'mujeres'], [1, 'seguro']],
      [],
    ]);
    expect(ix.terms).toEqual(['mujeres', 'para', 'refugio', 'seguro']);
    expect(postings(ix)).toEqual({
      mujeres: [[1, 1], [3, 1]],
      para: [[1, 1]],
      refugio: [[1, 10 + 1 + 1]],
      seguro: [[1, 10], [3, 4]],
    });
    expect(Array.from(ix.itemLength)).toEqual([0, 6, 0, 2, 0]);
  });

  it('keeps item order across many items and terms', () => {
    const items = Array.from({ length: 3000 }, (_, i): [number, string][] => [[2, `w${i % 7} w${i % 11} common`]]);
    const ix = postings(build(items));
    expect(ix.common!.map(([item]) => item)).toEqual(items.map((_, i) => i));
    expect(ix.w3!.map(([item]) => item)).toEqual(items.map((_, i) => i).filter((i) => i % 7 === 3 || i % 11 === 3));
  });

  it('keeps items far apart and heavy weights exact in its stored form', () => {
    // 'rare' in items 5 and 70,005: a gap over three bytes. 'again' 20 times in a name: a weight of 200.
    const items = Array.from({ length: 70_006 }, (_, i): [number, string][] => (i === 5 || i === 70_005 ? [[2, 'rare']] : []));
    items[200] = [[0, Array(20).fill('again').join(' ')]];
    const ix = postings(build(items));
    expect(ix.rare).toEqual([[5, 1], [70_005, 1]]);
    expect(ix.again).toEqual([[200, 200]]);
  });
});
