/**
 * Accent- and case-insensitive form of a text, the way the search index tokenizes it (SQLite FTS5
 * unicode61 with remove_diacritics 2): "Línea de Ayuda" and "linea de ayuda" compare equal.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (most text) has nothing to fold: skip the costly decomposition.
  return isAscii(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

const isAscii = (text: string) => !/[^ -~\t\n\r]/.test(text);

/** Folded words: letters and digits only, so "T-visa" gives "t", "visa". */
export function foldedWords(text: string): string[] {
  const folded = foldText(text);
  // In lower-case ASCII the letters and digits are a-z and 0-9, and a non-Unicode match is several times faster.
  return (isAscii(folded) ? folded.match(/[a-z0-9]+/g) : folded.match(/[\p{L}\p{N}]+/gu)) ?? [];
}
