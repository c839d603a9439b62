/**
 * Accent- and case-insensitive form of a text, the way the search index folds words (as SQLite FTS5's
 * unicode61 tokenizer with remove_diacritics 2 does): "Línea de Ayuda" and "linea de ayuda" compare equal.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (most text) has nothing to fold: skip the costly decomposition.
  return isAscii(lower) ? lower : stripMarks(lower);
}

const isAscii = (text: string) => !/[^ -~\t\n\r]/.test(text);
const stripMarks = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/** Folded words: letters and digits only, so "T-visa" gives "t", "visa". */
export function foldedWords(text: string): string[] {
  const lower = text.toLowerCase();
  // In lower-case ASCII the letters and digits are a-z and 0-9, and a non-Unicode match is several times faster.
  return (isAscii(lower) ? lower.match(/[a-z0-9]+/g) : stripMarks(lower).match(/[\p{L}\p{N}]+/gu)) ?? [];
}
