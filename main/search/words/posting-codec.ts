/**
 * The postings of a word index as they are built and stored: for each term in turn, each posting's gap from
 * the term's previous item (its first: the item itself) and its weight, as LEB128 varints. Items in a
 * posting list are close together and weights small, so a posting takes about 2 bytes instead of 6: at
 * 100,000 services the stored index shrinks from 45 MB to 14 MB. Writing and committing 45 MB took a build
 * some 250 ms at the end, and the main thread taking 45 MB of arrays from the worker sometimes set off a
 * full collection of its heap (0.4-0.6 s).
 */

const varintLength = (value: number) => (value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5);

/** Bytes a posting takes. */
export const postingLength = (gap: number, weight: number) => varintLength(gap) + varintLength(weight);

/** Writes a posting at out[at], returning where the next one goes. */
export function putPosting(out: Uint8Array, at: number, gap: number, weight: number): number {
  for (; gap >= 0x80; gap >>>= 7) out[at++] = (gap & 0x7f) | 0x80;
  out[at++] = gap;
  for (; weight >= 0x80; weight >>>= 7) out[at++] = (weight & 0x7f) | 0x80;
  out[at++] = weight;
  return at;
}

/**
 * The postings, given each term's start and the number of items. Bytes that do not decode to exactly those
 * postings, each term's items ascending and below `size` (a damaged or tampered database), are an error,
 * not an index that answers wrongly.
 */
export function decodePostings(bytes: Uint8Array, postingStart: Int32Array, size: number): { postingItem: Int32Array; postingWeight: Uint16Array } {
  const total = postingStart[postingStart.length - 1] ?? 0;
  const postingItem = new Int32Array(total);
  const postingWeight = new Uint16Array(total);
  const damaged = () => new Error('The stored search index is damaged (its postings do not decode): it must be rebuilt.');
  let at = 0;
  /** The rest of a varint whose first byte (at - 1) had its high bit set: at most `most`. */
  const rest = (first: number, most: number) => {
    let value = first & 0x7f;
    for (let shift = 7, byte = first; byte >= 0x80; shift += 7) {
      if (at >= bytes.length) throw damaged();
      byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (value > most) throw damaged();
    }
    return value;
  };
  for (let t = 0; t + 1 < postingStart.length; t++) {
    let previous = -1;
    const end = postingStart[t + 1]!;
    for (let p = postingStart[t]!; p < end; p++) {
      // This loop runs 7 million times on a start at 100,000 services: the one-byte case first, checks after.
      const g = bytes[at++]!;
      previous += (g < 0x80 ? g : rest(g, size)) + 1;
      const w = bytes[at++]!;
      postingItem[p] = previous;
      postingWeight[p] = w < 0x80 ? w : rest(w, 0xffff);
    }
    // Read past the end (undefined counts as 0), or an item out of range.
    if (at > bytes.length || previous >= size) throw damaged();
  }
  if (at !== bytes.length) throw damaged();
  return { postingItem, postingWeight };
}
