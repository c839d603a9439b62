import { installedLocationFlags } from '../../db/confidential-location';
import type { TableRows } from '../../db/hsds-tables';
import type { ReadDb } from '../../db/open';
import { createServiceReader } from '../../db/service-read';
import { serviceFactsSteps, type ServiceFacts } from '../service-facts';
import { serviceFactsFromRowsSteps } from './facts-from-rows';
import type { FactsSteps } from './text-index';

/**
 * The search facts of every source once an install has written one of them beside others (`source`, its
 * rows as published: `tables`, stored with `prefix` on their ids): that source's from the rows it wrote,
 * the others' read from the tables with its rows passed over, so the rows just written are not read back. The same facts in the same order as a read
 * of the whole tables (facts-beside.test.ts): the services in the order of their rows, which the index
 * numbers them by (and ties in ranking follow), and each one's lists in its rows' order, which is the
 * dataset's (a full rewrite writes them in order; an update writes in place or after the rest only rows
 * that keep that order: row-changes.ts). Runs inside the install's transaction, after the write.
 */
export function serviceFactsBesideSteps(db: ReadDb, tables: TableRows, source: string, prefix: string): FactsSteps {
  return function* (onServices) {
    // Another source's attribute or term may flag this one's site: the flags are the tables'.
    const flags = installedLocationFlags(db);
    const order = db.prepare('SELECT id FROM service ORDER BY rowid').pluck().all() as string[];
    let others: readonly ServiceFacts[] | undefined;
    let all: ServiceFacts[] = [];
    const reading = serviceFactsSteps(db, createServiceReader(db), (read) => (others = read), { without: source });
    try {
      // The other sources' services, then this one's, and the word index can start on them all.
      let next = reading.next();
      for (; !next.done && !others; next = reading.next()) yield next.value;
      const read = others ?? [];
      yield* serviceFactsFromRowsSteps(tables, source, (own) => onServices((all = inTableOrder(order, own, read))), { prefix, flags });
      for (; !next.done; next = reading.next()) yield next.value;
      return all;
    } finally {
      // Stopped early (a cancel): the reading lets go of its statement.
      reading.return(undefined as never);
    }
  };
}

/**
 * Services in the order of their rows (`order`, their ids by rowid), given each source's in that order:
 * merged in one walk. Were they not, they are placed by id, which costs a map of every service.
 */
function inTableOrder(order: readonly string[], own: readonly ServiceFacts[], others: readonly ServiceFacts[]): ServiceFacts[] {
  const all: ServiceFacts[] = [];
  let o = 0;
  let t = 0;
  for (const id of order) {
    if (own[o]?.id === id) all.push(own[o++]!);
    else if (others[t]?.id === id) all.push(others[t++]!);
  }
  if (o === own.length && t === others.length) return all;
  const at = new Map(order.map((id, i) => [id, i]));
  return [...own, ...others].sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}
