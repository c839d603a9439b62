import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../scripts/gen-synthetic-data';
import { percentile } from './stats';

/**
 * The machine's own speed, timed at the start and at the end of a bench run, so that a figure is read
 * against the machine it was taken on: on the shared 2-core build machine the same code's figures swing by
 * 25-45% within an hour. Three fixed workloads, none of them the app's code, each the median of three:
 * - `js_ms`: 300,000 small objects made and sorted (the engine's compiled code and young collections);
 * - `sqlite_ms`: 100,000 rows with a random text primary key written to a new file in one transaction
 *   and committed, as an install writes its rows (WAL, a 32 MB cache, a synced commit);
 * - `touch_ms`: 64 MB of new memory touched a page at a time (16,384 pages of 4 KB): the cost of memory
 *   first used: on the build machine, a virtual one, some 11 µs a page, and a large part of a first import.
 */
export interface MachineReference {
  when: 'start' | 'end';
  js_ms: number;
  sqlite_ms: number;
  touch_ms: number;
}

const TIMES = 3;

/** A fixed sequence of id-like texts: the same rows in every run, in an order as random as UUIDs'. */
function ids(n: number): string[] {
  const { next } = seededRandom(1);
  const hex = () => Math.floor(next() * 2 ** 32).toString(16).padStart(8, '0');
  return Array.from({ length: n }, () => `${hex()}-${hex()}-${hex()}`);
}

const timed = (work: () => void): number => {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
};

const median = (work: () => void): number => Math.round(percentile(Array.from({ length: TIMES }, () => timed(work)), 50) * 10) / 10;

function sortObjects(): void {
  const made = Array.from({ length: 300_000 }, (_, i) => ({ name: `item ${(i * 7919) % 300_000}`, rank: (i * 31) % 97 }));
  made.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function writeRows(dir: string, keys: readonly string[]): () => void {
  let n = 0;
  return () => {
    const db = new Database(join(dir, `reference-${n++}.sqlite`));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('cache_size = -32768');
      db.exec('CREATE TABLE row (id TEXT PRIMARY KEY, name TEXT, rank INTEGER)');
      const insert = db.prepare('INSERT INTO row (id, name, rank) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (let i = 0; i < keys.length; i++) insert.run(keys[i], `row ${i}`, i % 97);
      })();
    } finally {
      db.close();
    }
  };
}

function touchMemory(): void {
  const bytes = new Uint8Array(64 * 1024 * 1024);
  for (let at = 0; at < bytes.length; at += 4096) bytes[at] = 1;
}

/** Times the three workloads, each the median of three, `when` the run is. */
export function machineReference(when: MachineReference['when']): MachineReference {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-machine-'));
  try {
    return { when, js_ms: median(sortObjects), sqlite_ms: median(writeRows(dir, ids(100_000))), touch_ms: median(touchMemory) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
