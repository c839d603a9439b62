import type { DatasetDiff, TableChangeCount } from '../../../../shared/import-types';
import { HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row, type TableRows } from '../../../db/hsds-tables';
import type { ReadDb } from '../../../db/open';
import type { StepProgress, Steps } from '../../../jobs/steps';
import { sourceRowPages } from '../../../sources/source-tables';
import { hsdsColumns } from '../../read/table-info';
import type { ChangeCollector, TableChangeCollector } from '../row-changes';
import { normalise } from './service-fields';

/** What comparing every row of every table found, before any service's fields are compared. */
export interface ChangedRows {
  tables: Record<string, TableChangeCount>;
  identical: boolean;
  added: DatasetDiff['added'];
  removed: DatasetDiff['removed'];
  /** Rows added, changed or removed, by table and id. */
  differing: [HsdsTable, string][];
  /** The stored rows among them (changed or removed), as objects: every other stored row equals the dataset's. */
  stored: Map<HsdsTable, Map<string, Row>>;
  /** Whether each of the dataset's services is stored already, by position. */
  serviceStored: Uint8Array;
}

/** Rows compared between yields. */
const ROW_BATCH = 10_000;

const name = (r: Row) => String(r.name ?? r.id);

/** Whether every column of the dataset's row would be stored as the stored one holds it (row-changes.ts). */
function storedExactly(same: TableChangeCollector['same'], columns: readonly string[], row: Row, values: unknown[]): boolean {
  for (let i = 0; i < columns.length; i++) if (!same[i]!(row[columns[i]!], values[i])) return false;
  return true;
}

/** The full comparison's rowsEqual, with the stored row as an array. */
function equalForReader(columns: readonly string[], row: Row, values: unknown[]): boolean {
  for (let i = 0; i < columns.length; i++) {
    const a = values[i];
    const b = row[columns[i]!];
    if (a !== b && normalise(a) !== normalise(b)) return false;
  }
  return true;
}

/** Each id's first position in the dataset's rows of one table. */
function* firstPositions(rows: readonly Row[], progress: StepProgress): Steps<Map<string, number>> {
  const at = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % ROW_BATCH === 0) yield progress;
    const id = String(r.id);
    if (!at.has(id)) at.set(id, i);
  }
  return at;
}

/**
 * Compares the dataset's rows with the source's stored ones table by table, as the full comparison does
 * (diff.ts, diffTables), telling the collector the same: a stored row is read as an array, page by page,
 * compared with the dataset's row of its id and let go, unless it differs. While the stored rows come in
 * the dataset's order, each is matched with the row at its own position; past the first that does not,
 * by a lookup of the dataset's ids. Stops with null once more than `limit` rows differ: then the full
 * comparison costs less than reading the services they touch one by one.
 */
export function* changedRows(
  db: ReadDb,
  next: TableRows,
  source: { name: string; prefix: string },
  shared: Pick<TableRows, 'taxonomy' | 'taxonomy_term'>,
  collector: ChangeCollector,
  limit: number,
  progress: StepProgress,
): Steps<ChangedRows | null> {
  const out: ChangedRows = { tables: {}, identical: true, added: [], removed: [], differing: [], stored: new Map(), serviceStored: new Uint8Array(0) };
  for (const t of HSDS_TABLES) {
    const columns = hsdsColumns(t);
    const idAt = columns.indexOf('id');
    const rows = next[t];
    const n = rows.length;
    /** The stored position of the row at each of the dataset's positions, or -1. */
    const matched = new Int32Array(n).fill(-1);
    const exact = new Uint8Array(n);
    const changes = collector.table(t);
    const count: TableChangeCount = { added: 0, removed: 0, changed: 0 };
    const removedIds: string[] = [];
    const keep = (id: string, values: unknown[]): Row => {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
      let kept = out.stored.get(t);
      if (!kept) out.stored.set(t, (kept = new Map()));
      kept.set(id, row);
      return row;
    };
    const pages = SHARED_TABLES.has(t) ? [(shared as Partial<TableRows>)[t]!.map((r) => columns.map((c) => r[c]))] : sourceRowPages(db, t, source.name, source.prefix);
    let positions: Map<string, number> | null = null;
    let storedAt = 0;
    for (const page of pages) {
      for (const values of page) {
        const id = String(values[idAt]);
        const inPlace = positions === null && storedAt < n && String(rows[storedAt]!.id) === id;
        const position = inPlace ? storedAt : ((positions ??= yield* firstPositions(rows, progress)).get(id) ?? -1);
        if (position < 0) {
          removedIds.push(id);
          out.differing.push([t, id]);
          const row = keep(id, values);
          if (t === 'service') out.removed.push({ id, name: name(row) });
        } else {
          matched[position] = storedAt;
          const r = rows[position]!;
          const same = storedExactly(changes.same, columns, r, values);
          exact[position] = same ? 1 : 0;
          if (!same && !equalForReader(columns, r, values)) {
            count.changed++;
            out.differing.push([t, id]);
            keep(id, values);
          }
        }
        storedAt++;
      }
      if (out.differing.length > limit) return null;
      yield progress;
    }
    for (let p = 0; p < n; p++) {
      if (p > 0 && p % ROW_BATCH === 0) yield progress;
      const storedPosition = matched[p]!;
      if (storedPosition >= 0) {
        changes.kept(p, storedPosition, exact[p] === 1);
        continue;
      }
      count.added++;
      changes.added(p);
      const id = String(rows[p]!.id);
      if (t === 'service') out.added.push({ id, name: name(rows[p]!) });
      out.differing.push([t, id]);
    }
    if (out.differing.length > limit) return null;
    count.removed = removedIds.length;
    for (const id of removedIds) changes.removed(id);
    if (count.added || count.removed || count.changed) out.identical = false;
    out.tables[t] = count;
    if (t === 'service') out.serviceStored = Uint8Array.from(matched, (s) => (s >= 0 ? 1 : 0));
  }
  return out;
}
