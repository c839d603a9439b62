import type { DatasetDiff, ServiceChange, TableChangeCount } from '../../../shared/import-types';
import type { ReadDb } from '../../db/open';
import { eachInBatches, runSteps, type Steps } from '../../jobs/steps';
import { hsdsColumns } from '../read/table-info';
import { HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { readSourceTablesSteps, sourceTermsUsed } from '../../sources/source-tables';
import { changeCollector, latestInstall, type ChangeCollector, type RowChanges } from './row-changes';
import { storedSource } from '../../sources/source-target';
import { fieldChanges, normalise, servicesTouched } from './compare/service-fields';
import { tableLookups } from './compare/table-lookups';
import { targetedDiff, TARGETED_LIMITS } from './compare/targeted-diff';

function rowsEqual(table: HsdsTable, a: Row, b: Row): boolean {
  return hsdsColumns(table).every((c) => a[c] === b[c] || normalise(a[c]) === normalise(b[c]));
}

/**
 * What installing `next` over `current` would change: services added, removed and changed (each
 * changed field with its old and new value, including phones, hours, addresses...), and row counts per
 * table so that a change outside any service is not missed. Yields every COMPARE_BATCH services.
 */
function* diffTables(current: TableRows, next: TableRows, collector?: ChangeCollector): Steps<DatasetDiff> {
  const tables: Record<string, TableChangeCount> = {};
  let identical = true;
  /** Rows added, changed or removed, by table and id. */
  const differing: [HsdsTable, string][] = [];
  const starting = { step: 'comparing', done: 0, total: next.service.length } as const;
  let rows = 0;
  const name = (r: Row) => String(r.name ?? r.id);
  /** Services added and removed, listed as their rows go by rather than in passes of their own. */
  const added: DatasetDiff['added'] = [];
  const removed: DatasetDiff['removed'] = [];
  // With no service stored, every service is added and none has fields to compare: the differing rows are not needed.
  const differ = current.service.length > 0 ? (t: HsdsTable, id: string) => differing.push([t, id]) : () => {};
  for (const t of HSDS_TABLES) {
    /** Each stored row's position in the table, by id. */
    const before = new Map<string, number>();
    let at = 0;
    yield* eachInBatches(current[t], ROW_BATCH, starting, (r) => before.set(String(r.id), at++));
    const count: TableChangeCount = { added: 0, removed: 0, changed: 0 };
    const changes = collector?.table(t);
    for (const [position, r] of next[t].entries()) {
      // Every row of every table is compared first: the app answers between batches of them too.
      if (++rows % ROW_BATCH === 0) yield starting;
      const id = String(r.id);
      const stored = before.get(id);
      if (stored === undefined) {
        count.added++;
        changes?.added(position);
        if (t === 'service') added.push({ id, name: name(r) });
      } else {
        // Ids are unique within a table (validation refuses duplicates): what is left in `before` was removed.
        before.delete(id);
        const old = current[t][stored]!;
        // Stored exactly as it would be written, a row is equal for a reader too (stored-form.ts is the stricter).
        if (changes?.kept(position, stored, changes.exactly(r, old)) || rowsEqual(t, old, r)) continue;
        count.changed++;
      }
      differ(t, id);
    }
    count.removed = before.size;
    for (const [id, stored] of before) {
      differ(t, id);
      changes?.removed(id);
      if (t === 'service') removed.push({ id, name: name(current[t][stored]!) });
    }
    if (count.added || count.removed || count.changed) identical = false;
    tables[t] = count;
  }

  const a = tableLookups(current);
  const b = tableLookups(next);
  const changed: ServiceChange[] = [];
  const kept = next.service.length - added.length;
  const compare = !identical && kept > 0;
  if (compare) {
    // The lookups of two statewide directories take seconds to build: built here in batches, not on first use.
    for (const _ of a.prepare()) yield starting;
    for (const _ of b.prepare()) yield starting;
  }
  const touched = compare ? yield* servicesTouched([a, b], differing, starting) : new Set<string>();
  if (touched.size > 0) {
    for (const [i, s] of next.service.entries()) {
      if (i % COMPARE_BATCH === 0) yield { step: 'comparing', done: i, total: next.service.length };
      const old = touched.has(String(s.id)) ? a.byId('service', s.id) : undefined;
      if (!old) continue;
      const fields = fieldChanges(old, s, a, b);
      if (fields.length > 0) changed.push({ id: String(s.id), name: name(s), fields });
    }
  }
  return { added, removed, changed, tables, identical };
}

/** Services compared between progress reports. */
const COMPARE_BATCH = 2_000;
/** Rows compared between yields while counting what changed in each table. */
const ROW_BATCH = 10_000;

/**
 * How an update is compared: `targeted` reads the stored rows once without holding them and compares the
 * fields of only the services that changed (compare/targeted-diff.ts); `full` reads every stored row and
 * builds lookups over both sides; `fit` is targeted up to its limits and full past them. Each gives the
 * same diff and changes.
 */
export type Comparison = 'fit' | 'targeted' | 'full';
const UNLIMITED = { rows: Infinity, services: Infinity };

/** The diff of a dataset against what the source it would replace holds now. */
export const diffDatasets = (db: ReadDb, next: TableRows, source: string): DatasetDiff => runSteps(diffWithChangesSteps(db, next, source)).diff;

/** Other sources are left as they are by an install, so they are not compared; the shared terms the dataset brings are. */
export function* diffDatasetSteps(db: ReadDb, next: TableRows, source: string): Steps<DatasetDiff> {
  return (yield* diffWithChangesSteps(db, next, source)).diff;
}

/**
 * The diff, and the rows an install of `next` would change (row-changes.ts): null when the source is
 * not installed yet, or another install committed while its rows were being read.
 */
export function* diffWithChangesSteps(db: ReadDb, next: TableRows, source: string, comparison: Comparison = 'fit'): Steps<{ diff: DatasetDiff; changes: RowChanges | null }> {
  const starting = { step: 'comparing', done: 0, total: next.service.length } as const;
  yield starting;
  const basis = latestInstall(db);
  const stored = storedSource(db, source);
  const alsoTerms = new Set(next.taxonomy_term.map((t) => String(t.id)));
  // A source not installed yet has no rows to read: the full comparison is only a count of the dataset's.
  if (stored && comparison !== 'full') {
    const shared = sourceTermsUsed(db, source, alsoTerms);
    const collector = changeCollector(db, shared);
    const diff = yield* targetedDiff(db, next, { name: source, prefix: stored.idPrefix }, shared, collector, starting, comparison === 'fit' ? TARGETED_LIMITS : UNLIMITED);
    if (diff) return { diff, changes: collector.finish(next, basis) };
  }
  const reading = readSourceTablesSteps(db, source, alsoTerms);
  let read = reading.next();
  for (; !read.done; read = reading.next()) yield starting;
  const collector = stored ? changeCollector(db, read.value) : undefined;
  const diff = yield* diffTables(read.value, next, collector);
  return { diff, changes: collector?.finish(next, basis) ?? null };
}
