/**
 * Accent- and case-insensitive form of a text, the way the search index tokenizes it (SQLite FTS5
 * unicode61 with remove_diacritics 2): "Línea de Ayuda" and "linea de ayuda" compare equal.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded words: letters and digits only, so "T-visa" gives "t", "visa". */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
