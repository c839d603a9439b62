import { emptyTables, HSDS_TABLES, SHARED_TABLES, type TableRows } from '../db/hsds-tables';
import type { ReadDb } from '../db/open';
import { hsdsColumns } from '../hsds/read/table-info';
import { unqualifyIds } from './qualify-ids';
import { storedSource } from './source-target';

/** The shared taxonomy rows a source's rows use: its attributes' terms, their parents, and their taxonomies. */
function termsUsed(db: ReadDb, tables: TableRows, alsoIds: ReadonlySet<string> = new Set()): Pick<TableRows, 'taxonomy' | 'taxonomy_term'> {
  const terms = new Map((db.prepare(`SELECT ${hsdsColumns('taxonomy_term').join(', ')} FROM taxonomy_term ORDER BY rowid`).all() as TableRows['taxonomy_term']).map((r) => [String(r.id), r]));
  const used = new Set<string>();
  const use = (id: unknown) => {
    for (let at = id == null ? undefined : String(id); at !== undefined && !used.has(at) && terms.has(at); at = terms.get(at)!.parent_id == null ? undefined : String(terms.get(at)!.parent_id)) used.add(at);
  };
  for (const a of tables.attribute) use(a.taxonomy_term_id);
  for (const id of alsoIds) use(id);
  const taxonomy_term = [...terms.values()].filter((r) => used.has(String(r.id)));
  const taxonomies = new Set(taxonomy_term.map((r) => r.taxonomy_id).filter((id) => id != null).map(String));
  const taxonomy = (db.prepare(`SELECT ${hsdsColumns('taxonomy').join(', ')} FROM taxonomy ORDER BY rowid`).all() as TableRows['taxonomy']).filter((r) => taxonomies.has(String(r.id)));
  return { taxonomy, taxonomy_term };
}

/**
 * One source's rows with their ids as its publisher wrote them, and the shared terms they use (with
 * `alsoTerms`, those terms too: a diff compares the terms a dataset brings with the ones already here).
 * An unknown source has no rows.
 */
export function readSourceTables(db: ReadDb, name: string, alsoTerms?: ReadonlySet<string>): TableRows {
  const source = storedSource(db, name);
  const tables = emptyTables();
  if (!source) return { ...tables, ...termsUsed(db, tables, alsoTerms) };
  for (const t of HSDS_TABLES) {
    if (SHARED_TABLES.has(t)) continue;
    tables[t] = db.prepare(`SELECT ${hsdsColumns(t).join(', ')} FROM ${t} WHERE atlas_source = ? ORDER BY rowid`).all(name) as TableRows[typeof t];
  }
  return unqualifyIds({ ...tables, ...termsUsed(db, tables, alsoTerms) }, source.idPrefix);
}

/** A source's service ids as its publisher wrote them. */
export function sourceServiceIds(db: ReadDb, name: string): string[] {
  const prefix = storedSource(db, name)?.idPrefix ?? '';
  return (db.prepare('SELECT id FROM service WHERE atlas_source = ?').pluck().all(name) as string[]).map((id) => (id.startsWith(prefix) ? id.slice(prefix.length) : id));
}
