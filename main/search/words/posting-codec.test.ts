import { describe, expect, it } from 'vitest';
import { decodePostings, postingLength, putPosting } from './posting-codec';

/** Postings from each term's [item, weight] pairs (items ascending). */
function postings(terms: [number, number][][]) {
  const postingStart = new Int32Array(terms.length + 1);
  terms.forEach((pairs, t) => (postingStart[t + 1] = postingStart[t]! + pairs.length));
  const all = terms.flat();
  return { postingStart, postingItem: Int32Array.from(all, ([item]) => item), postingWeight: Uint16Array.from(all, ([, weight]) => weight) };
}

/** Encodes postings as the index builder does: each term's gaps and weights, sized first. */
function encodePostings(postingStart: Int32Array, postingItem: Int32Array, postingWeight: Uint16Array): Uint8Array {
  const each = (visit: (gap: number, weight: number) => void) => {
    for (let t = 0; t + 1 < postingStart.length; t++) {
      for (let p = postingStart[t]!; p < postingStart[t + 1]!; p++) visit(postingItem[p]! - (p === postingStart[t] ? -1 : postingItem[p - 1]!) - 1, postingWeight[p]!);
    }
  };
  let length = 0;
  each((gap, weight) => (length += postingLength(gap, weight)));
  const out = new Uint8Array(length);
  let at = 0;
  each((gap, weight) => (at = putPosting(out, at, gap, weight)));
  expect(at).toBe(length);
  return out;
}

describe('the stored form of the postings', () => {
  it('gives back every term’s items and weights, across empty terms, large gaps and the largest weight', () => {
    const { postingStart, postingItem, postingWeight } = postings([
      [[0, 10], [1, 1], [2, 4], [127, 5], [128, 1], [16_511, 65_535]],
      [],
      [[99_999, 1]],
      [[5, 0], [300_000, 128]],
      [],
    ]);
    const bytes = encodePostings(postingStart, postingItem, postingWeight);
    const back = decodePostings(bytes, postingStart, 300_001);
    expect(back.postingItem).toEqual(postingItem);
    expect(back.postingWeight).toEqual(postingWeight);
  });

  it('takes about two bytes a posting for items close together and small weights', () => {
    const terms = Array.from({ length: 50 }, (_, t) => Array.from({ length: 2000 }, (_, k): [number, number] => [t + k * 50, 1 + (k % 20)]));
    const { postingStart, postingItem, postingWeight } = postings(terms);
    expect(encodePostings(postingStart, postingItem, postingWeight).length).toBe(2 * postingItem.length);
    const sparse = postings([Array.from({ length: 10 }, (_, k): [number, number] => [k * 1_000_000, 60_000])]);
    expect(decodePostings(encodePostings(sparse.postingStart, sparse.postingItem, sparse.postingWeight), sparse.postingStart, 10_000_000).postingItem).toEqual(sparse.postingItem);
  });

  it('an empty index is stored as no bytes', () => {
    const { postingStart, postingItem, postingWeight } = postings([]);
    const bytes = encodePostings(postingStart, postingItem, postingWeight);
    expect(bytes.length).toBe(0);
    expect(decodePostings(bytes, postingStart, 0).postingItem.length).toBe(0);
  });

  it('refuses bytes that are cut short, run on, or point past the last item, rather than answering from them', () => {
    const { postingStart, postingItem, postingWeight } = postings([[[3, 1], [200, 4]], [[7, 10]]]);
    const bytes = encodePostings(postingStart, postingItem, postingWeight);
    const damaged = /search index is damaged/;
    expect(() => decodePostings(bytes.subarray(0, bytes.length - 1), postingStart, 1000)).toThrow(damaged);
    expect(() => decodePostings(Uint8Array.from([...bytes, 1]), postingStart, 1000)).toThrow(damaged);
    expect(() => decodePostings(bytes, postingStart, 200)).toThrow(damaged);
    // A varint that never ends, and a weight too large for its array.
    expect(() => decodePostings(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 1, 1, 1, 1, 1]), postingStart, 1000)).toThrow(damaged);
    expect(() => decodePostings(Uint8Array.from([3, 0x80, 0x80, 0x04, 0, 1, 7, 1]), postingStart, 1000)).toThrow(damaged);
  });
});
