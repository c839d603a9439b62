/** Strings of a list joined and encoded at a time: a statewide directory's 100,000 ids in one join held the thread 25-45 ms. */
const LIST_SLICE = 10_000;

/**
 * A list of strings joined by `sep`, as UTF-8 bytes: the same bytes as the whole list joined at once, made
 * a slice of `slice` strings a step, so a rebuild on the window's thread answers it between slices.
 */
export function* listBytesSteps(list: readonly string[], sep: string, slice = LIST_SLICE): Generator<void, Buffer, void> {
  const slices: Buffer[] = [];
  for (let i = 0; i < list.length; i += slice) {
    if (i > 0) yield;
    slices.push(Buffer.from((i > 0 ? sep : '') + list.slice(i, i + slice).join(sep), 'utf8'));
  }
  return Buffer.concat(slices);
}
