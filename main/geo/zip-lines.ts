/**
 * A table keyed by five-digit ZIP code, kept as the one text data/gazetteer.json and data/areas.json store
 * it (scripts/zip-lines.mjs writes it): a line per ZIP, in code order, its code then its fields after
 * commas ("90013,34.0448,-118.2434,CA,Los Angeles"), a comma only in the last field. As JSON objects
 * their 42,000 ZIPs each took a start 20-40 ms to parse, and the garbage of parsing them fell in a
 * collection of 40-65 ms in the same step; a text is read at once, and a ZIP found by binary search over
 * where its lines start, worked out at the first lookup.
 */
export function zipLines(text: string): (zip: string) => string | null {
  // The fields after the code, as one text: each caller splits its own.
  let starts: Int32Array | null = null;
  return (zip) => {
    if (!/^\d{5}$/.test(zip)) return null;
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = starts[mid]!;
      const code = text.slice(at, at + 5);
      if (code === zip) {
        const end = text.indexOf('\n', at);
        return text.slice(at + 6, end < 0 ? text.length : end);
      }
      if (code < zip) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
}

function lineStarts(text: string): Int32Array {
  if (text === '') return new Int32Array(0);
  const starts: number[] = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return Int32Array.from(starts);
}
