import type { TableRows } from '../../db/hsds-tables';
import { extentPolygons } from '../../geo/extent';
import { problemAt, type Origins, type Problem } from './problems';

/**
 * A warning for each service area the offline area table cannot place: named by a name it does not know
 * and without a GeoJSON polygon. The service is imported and counts as "area not stated" in searches by
 * place. One warning per name, with how many rows use it.
 */
export function unknownAreaWarnings(tables: TableRows, origins: Origins, knownArea: (name: string) => boolean): Problem[] {
  const unknown = new Map<string, { problem: Problem; count: number }>();
  const known = new Map<string, boolean>();
  for (const row of tables.service_area) {
    if (extentPolygons(typeof row.extent === 'string' ? row.extent : null, typeof row.extent_type === 'string' ? row.extent_type : null)) continue;
    const name = typeof row.name === 'string' ? row.name.trim() : '';
    if (name === '') continue;
    let ok = known.get(name);
    if (ok === undefined) known.set(name, (ok = knownArea(name)));
    if (ok) continue;
    const seen = unknown.get(name);
    if (seen) seen.count++;
    else unknown.set(name, { problem: problemAt(origins.get(row), 'name', `service area "${name}" is not a place the offline area table knows; searches by place count it as "area not stated"`, 'warning'), count: 1 });
  }
  return [...unknown.values()].map(({ problem, count }) => (count > 1 ? { ...problem, message: `${problem.message} (${count} rows)` } : problem));
}
