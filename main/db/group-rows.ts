/** Rows grouped by a key (rows whose key is null or undefined left out), each group in the rows' order, mapped. */
export function groupRows<R, K, T>(rows: readonly R[], keyOf: (row: R) => K | null | undefined, map: (row: R) => T): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null || key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(map(row));
    else groups.set(key, [map(row)]);
  }
  return groups;
}
