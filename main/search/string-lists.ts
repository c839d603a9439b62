/**
 * A list of strings (service ids, terms, site ids) kept as one text, joined by LIST_SEP: as a BLOB of the
 * stored index, and as what the thread reading that index hands the window's thread, where some 200,000
 * strings copied one by one held it some 50 ms. Joined and split a slice of strings a step, so a thread
 * that answers the window does it between slices: the 100,000 ids in one join held it 25-45 ms.
 */

// Service and term ids are the dataset's own strings; a control character cannot be part of one.
export const LIST_SEP = '\u001f';

/** Strings joined, or split off, between two steps. */
const LIST_SLICE = 10_000;

/** The list's text as UTF-8 bytes: the same bytes as the whole list joined at once. */
export function* listBytesSteps(list: readonly string[], slice = LIST_SLICE): Generator<void, Buffer, void> {
  const slices: Buffer[] = [];
  for (let i = 0; i < list.length; i += slice) {
    if (i > 0) yield;
    slices.push(Buffer.from((i > 0 ? LIST_SEP : '') + list.slice(i, i + slice).join(LIST_SEP), 'utf8'));
  }
  return Buffer.concat(slices);
}

/** The list a text holds (none for an empty text): the same list as the whole text split at once. */
export function* listOfTextSteps(text: string, slice = LIST_SLICE): Generator<void, string[], void> {
  const list: string[] = [];
  if (text === '') return list;
  for (let from = 0; ; yield) {
    for (let n = 0; n < slice; n++) {
      const at = text.indexOf(LIST_SEP, from);
      if (at < 0) {
        list.push(text.slice(from));
        return list;
      }
      list.push(text.slice(from, at));
      from = at + 1;
    }
  }
}
