/**
 * A ZIP-keyed table as one text (main/geo/zip-lines.ts reads it): a line per ZIP in code order, its code
 * then its fields after commas. Only the last field may hold a comma; none may hold a line break.
 */
export function zipLinesText(rows) {
  const lines = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return lines
    .map(([zip, fields]) => {
      if (!/^\d{5}$/.test(zip)) throw new Error(`ZIP table: "${zip}" is not a five-digit ZIP code`);
      fields.forEach((f, i) => {
        if (/\n/.test(String(f)) || (i < fields.length - 1 && String(f).includes(','))) throw new Error(`ZIP table: ${zip}'s field "${f}" cannot be stored`);
      });
      return [zip, ...fields].join(',');
    })
    .join('\n');
}
