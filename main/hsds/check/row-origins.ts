import { HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import type { Origin, Origins } from './problems';

/** Rows of one table from `start` on, up to the next run, came from consecutive rows of one file from `row` on. */
interface Run {
  start: number;
  file: string;
  row: number;
}

/**
 * Where each row of a datapackage came from, kept as runs of consecutive rows of one file (one run per
 * file, in a package of HSDS 3 tables) rather than an object per row in a map: an origin is asked for
 * only when a row has a problem to name, and a map of every row of a statewide package cost about a
 * second to fill and more in garbage collection. The first question builds the lookup from row to
 * position, once.
 */
export class RowOrigins implements Origins {
  private readonly runs = new Map<HsdsTable, Run[]>();
  /** A row replaced by a copy (an id put back): the copy's origin is the row's. */
  private readonly copies = new Map<Row, Row>();
  private positions: Map<Row, number> | null = null;

  /** `tables` are the rows as they are read: every row pushed to them is then `added`. */
  constructor(private readonly tables: TableRows) {}

  /** The row just pushed to `table` came from this row of `file`. */
  added(table: HsdsTable, file: string, row: number): void {
    const position = this.tables[table].length - 1;
    let runs = this.runs.get(table);
    if (!runs) this.runs.set(table, (runs = []));
    const last = runs[runs.length - 1];
    if (last && last.file === file && last.row + (position - last.start) === row) return;
    runs.push({ start: position, file, row });
  }

  /** `to` is a copy of `from`, standing in for it. */
  copied(from: Row, to: Row): void {
    this.copies.set(to, from);
  }

  get(row: Row): Origin | undefined {
    const original = this.copies.get(row) ?? row;
    const at = (this.positions ??= this.positionsOfRows()).get(original);
    if (at === undefined) return undefined;
    const table = HSDS_TABLES[at % HSDS_TABLES.length]!;
    const position = Math.floor(at / HSDS_TABLES.length);
    const runs = this.runs.get(table);
    if (!runs) return undefined;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.start <= position) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo]!;
    return { file: run.file, row: run.row + (position - run.start) };
  }

  /** Each row's table and position, as one number. */
  private positionsOfRows(): Map<Row, number> {
    const positions = new Map<Row, number>();
    HSDS_TABLES.forEach((table, t) => this.tables[table].forEach((row, i) => positions.set(row, i * HSDS_TABLES.length + t)));
    return positions;
  }
}
