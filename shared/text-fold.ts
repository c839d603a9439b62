/**
 * Accent- and case-insensitive form of a text, the way the search index tokenizes it (SQLite FTS5
 * unicode61 with remove_diacritics 2): "Línea de Ayuda" and "linea de ayuda" compare equal.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII (most text) has nothing to fold: skip the costly decomposition.
  return !/[^ -~\t\n\r]/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Folded words: letters and digits only, so "T-visa" gives "t", "visa". */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
