/** A ZIP-keyed table as one text (zip-lines.mjs). */
export function zipLinesText(rows: Iterable<[string, readonly (string | number)[]]>): string;
