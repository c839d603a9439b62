import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { migrations } from './migrations';

/** The full connection: it reads and writes. Code that may only read takes a ReadDb instead. */
export type Db = Database.Database;

/**
 * A connection as code that may only read sees it: no exec, transaction or pragma, and statements
 * without run, so a module typed with it cannot change the directory or the connection's settings.
 * Every Db is a ReadDb as it is (structurally), so the app's one connection is handed to readers unchanged.
 * `function` stays: a reader may register a pure SQL function (the confidential-flag test), which writes nothing.
 */
export interface ReadDb extends Pick<Db, 'name' | 'memory' | 'readonly' | 'open' | 'inTransaction' | 'function'> {
  prepare<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
    source: string,
  ): BindParameters extends unknown[] ? ReadStatement<BindParameters, Result> : ReadStatement<[BindParameters], Result>;
}

/** A prepared statement as a ReadDb gives it: better-sqlite3's, without run (and without a way back to its Db). */
export interface ReadStatement<BindParameters extends unknown[] = unknown[], Result = unknown> {
  readonly source: string;
  get(...params: BindParameters): Result | undefined;
  all(...params: BindParameters): Result[];
  iterate(...params: BindParameters): IterableIterator<Result>;
  pluck(toggleState?: boolean): this;
  expand(toggleState?: boolean): this;
  raw(toggleState?: boolean): this;
  columns(): Database.ColumnDefinition[];
}

export interface OpenOptions {
  /** Where Electron's ABI build of better-sqlite3 lives when it differs from Node's (dev runs). */
  nativeBinding?: string;
}

/**
 * How much of the file SQLite reads through a memory map instead of a read call per page. A new search's
 * cards come from pages all over the file that its own cache has not held yet: the seven statements of a
 * first page of 50 cards took 12-17 ms so, 7-9 ms mapped. The price is how an I/O error shows: on a
 * mapped page it is a signal that ends the process, not an error the app can report. The app reads the
 * whole file with plain reads before it maps any of it (openUserDatabase's quick check), so a file
 * already damaged is found and offered its last good copy; one that goes bad while open ends the app, and
 * the next start finds it. The app never shrinks its files in place (copies and restores rename), the
 * other way to such a signal. SQLite caps the map at its own limit (2 GB less 64 KB).
 */
const MAPPED_BYTES = 2 ** 31;

const bindings = new WeakMap<ReadDb, string>();

/** The build of better-sqlite3 this connection was opened with, when not the default: a worker thread opening the same file needs it too. */
export const nativeBindingOf = (db: ReadDb): string | undefined => bindings.get(db);

/** A connection's file as a worker thread is handed it, to open a connection of its own with the same build of better-sqlite3. */
export interface DatabaseFile {
  path: string;
  nativeBinding?: string;
}

export function databaseFileOf(db: ReadDb): DatabaseFile {
  const nativeBinding = nativeBindingOf(db);
  return { path: db.name, ...(nativeBinding ? { nativeBinding } : {}) };
}

/** On a worker thread: a connection of its own to the file databaseFileOf named. */
export const openDatabaseFile = ({ path, nativeBinding }: DatabaseFile): Db => openDatabase(path, nativeBinding ? { nativeBinding } : {});

/**
 * Opens (creating if needed) the user's database: foreign keys enforced, WAL with full sync so a
 * power cut never loses an applied update, a page cache sized for a large directory, and every known
 * migration applied.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  if (options.nativeBinding) bindings.set(db, options.nativeBinding);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // 64 MiB of pages instead of SQLite's 2 MiB: a statewide directory is some 400 MB, and a page of search
    // results reads cards from all over it; from SQLite's own cache, not the system's, they read twice as fast.
    db.pragma('cache_size = -65536');
    db.pragma(`mmap_size = ${MAPPED_BYTES}`);
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
