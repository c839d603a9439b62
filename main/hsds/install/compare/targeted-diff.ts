import type { DatasetDiff, ServiceChange } from '../../../../shared/import-types';
import type { HsdsTable, Row, TableRows } from '../../../db/hsds-tables';
import type { ReadDb } from '../../../db/open';
import type { StepProgress, Steps } from '../../../jobs/steps';
import { sourceRowsWhere } from '../../../sources/source-tables';
import type { ChangeCollector } from '../row-changes';
import { changedRows } from './changed-rows';
import { fieldChanges, PARENTS, servicesTouched, type Indexer } from './service-fields';
import { datasetRowsWhere, subgraph } from './subgraph';
import { tableLookups } from './table-lookups';

/** Past these, the full comparison (diff.ts) costs less than reading what changed one service at a time. */
export const TARGETED_LIMITS = { rows: 20_000, services: 5_000 };

/** Services passed, and services whose fields are compared, between progress reports. */
const COMPARE_BATCH = 2_000;
const FIELDS_BATCH = 200;

/**
 * The lookups servicesTouched makes of the dataset's rows, starting from rows of these tables: each
 * row's own table and its parents' by id (a service it only counts), a location's sites, an
 * organization's services.
 */
function lookupsWalked(from: Iterable<HsdsTable>): { children: [HsdsTable, string][]; ids: HsdsTable[] } {
  const tables = new Set(from);
  for (const t of tables) {
    for (const [parent] of PARENTS.get(t) ?? []) tables.add(parent);
    if (t === 'location') tables.add('service_at_location');
    if (t === 'organization') tables.add('service');
  }
  const children: [HsdsTable, string][] = [];
  if (tables.has('location')) children.push(['service_at_location', 'location_id']);
  if (tables.has('organization')) children.push(['service', 'organization_id']);
  return { children, ids: [...tables].filter((t) => t !== 'service') };
}

/** Runs steps that yield nothing to say, reporting `progress` at each of their yields. */
function* reporting<T>(steps: Generator<void, T, void>, progress: StepProgress): Steps<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    yield progress;
  }
}

/**
 * The diff of an update to an installed source, as the full comparison gives it, found without holding
 * the stored rows: every row is compared as it is read (changed-rows.ts), then only the services the
 * differing rows touch have their fields compared, from their own rows on each side (subgraph.ts). Null
 * past TARGETED_LIMITS: the caller then compares in full, with a collector of its own.
 */
export function* targetedDiff(
  db: ReadDb,
  next: TableRows,
  source: { name: string; prefix: string },
  shared: Pick<TableRows, 'taxonomy' | 'taxonomy_term'>,
  collector: ChangeCollector,
  progress: StepProgress,
  limits = TARGETED_LIMITS,
): Steps<DatasetDiff | null> {
  const found = yield* changedRows(db, next, source, shared, collector, limits.rows, progress);
  if (!found) return null;
  const { tables, identical, added, removed, differing, stored, serviceStored } = found;
  const changed: ServiceChange[] = [];
  if (identical || next.service.length === added.length) return { added, removed, changed, tables, identical };

  // A stored row that does not differ equals the dataset's: the dataset's stands for it, and its links are the same.
  const dataset = tableLookups(next);
  const walked = lookupsWalked(differing.map(([t]) => t));
  yield* reporting(dataset.prepare(walked.children, walked.ids), progress);
  const before: Pick<Indexer, 'byId' | 'children'> = { byId: (t, id) => stored.get(t)?.get(String(id)), children: () => [] };
  const touched = yield* servicesTouched([before, dataset], differing, progress);
  if (touched.size > limits.services) return null;

  const services = next.service.filter((s, i) => serviceStored[i] === 1 && touched.has(String(s.id))).map((s) => String(s.id));
  if (services.length === 0) return { added, removed, changed, tables, identical };
  const a = yield* reporting(subgraph((t, column, ids) => sourceRowsWhere(db, t, source.name, source.prefix, column, ids), services, shared.taxonomy_term), progress);
  const b = yield* reporting(subgraph(datasetRowsWhere(next), services, next.taxonomy_term), progress);
  const wanted = new Set(services);
  let compared = 0;
  for (const [i, s] of next.service.entries()) {
    if (i % COMPARE_BATCH === 0) yield { step: 'comparing', done: i, total: next.service.length };
    if (!wanted.has(String(s.id))) continue;
    // Touched services may sit together: a few hundred walked on each side take some tens of milliseconds.
    if (++compared % FIELDS_BATCH === 0) yield { step: 'comparing', done: i, total: next.service.length };
    const old = a.byId('service', s.id);
    if (!old) continue;
    const fields = fieldChanges(old, s, a, b);
    if (fields.length > 0) changed.push({ id: String(s.id), name: String((s as Row).name ?? s.id), fields });
  }
  return { added, removed, changed, tables, identical };
}
