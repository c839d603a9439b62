import { keepLastGoodCopy, keepLastGoodCopyAsync } from '../../db/last-good-copy';
import type { Db, ReadDb } from '../../db/open';
import { serviceFactsFromRowsSteps } from '../../search/build/facts-from-rows';
import { serviceFactsBesideSteps } from '../../search/build/facts-beside';
import { searchIndexSteps } from '../../search/build/text-index';
import { storedSource, targetOf, type SourceKind, type SourceTarget } from '../../sources/source-target';
import { HSDS_TABLES, type TableRows } from '../../db/hsds-tables';
import { refuseBrokenReferencesOfRewriteSteps, refuseBrokenReferencesSteps } from './broken-references';
import { copyRowsInBatches } from '../../db/rows-in-batches';
import type { StepListener, Steps } from '../../jobs/steps';
import { writeSteps, writeStepsAsync } from '../../db/write-transaction';
import { replaceHsdsTables } from './write-tables';
import type { RowChanges } from './row-changes';
import { changesToWrite, tablesToCheck, writeRowChanges } from './write-changes';

export interface DatasetIdentity {
  datasetId: string;
  version: string | null;
  /** Where it came from: a file path, a feed URL, or "starter". */
  source: string;
  /** The source it fills, when not the one its origin names (sources/source-target.ts). */
  sourceName?: string;
  /** A pulled source's kind: an address alone would name a feed. */
  kind?: SourceKind;
  /** A pulled source's settings and cursor, stored with its rows (sources/pull-config.ts). */
  pull?: string;
}

/** The source an install fills: the one named, else the one its origin names. */
export function installTarget(db: ReadDb, identity: DatasetIdentity): SourceTarget {
  const target = targetOf(db, identity.source, identity.sourceName);
  return identity.kind ? { ...target, kind: identity.kind } : target;
}


const hasInstall = (db: Db) => db.prepare('SELECT 1 FROM dataset_install LIMIT 1').get() !== undefined;

/** The file copy for damage recovery (db/last-good-copy.ts), made before any install that replaces a directory. */
export function keepCopyOfInstalled(db: Db): void {
  if (hasInstall(db)) keepLastGoodCopy(db);
}

/** keepCopyOfInstalled with the event loop free while the file is copied (the app). */
async function keepCopyOfInstalledAsync(db: Db): Promise<void> {
  if (hasInstall(db)) await keepLastGoodCopyAsync(db);
}

/**
 * writeStepsAsync for a write that replaces what is installed (an install, a source's removal), with the
 * file's copy for recovery made on a thread of its own while the steps write, from the snapshot the write
 * cannot change until it commits; the commit waits for it. At 100,000 services the damage check and the
 * copy took some 2 s of an update's 11 s, before its first row, when the write waited for them instead.
 */
export async function writeKeepingCopyAsync<T>(db: Db, steps: Steps<T>, listener: StepListener): Promise<T> {
  // Settled either way before this returns: its thread is never left writing beside a finished write.
  const copying = keepCopyOfInstalledAsync(db).then(
    () => null,
    (err: unknown) => ({ err }),
  );
  try {
    return await writeStepsAsync(db, steps, listener, async () => {
      const failed = await copying;
      if (failed) throw failed.err;
    });
  } finally {
    await copying;
  }
}

const currentInstall = (db: Db) =>
  db.prepare('SELECT dataset_id, version, source, installed_at, services FROM dataset_install ORDER BY id DESC LIMIT 1').get() as
    | { dataset_id: string; version: string | null; source: string; installed_at: string; services: number }
    | undefined;

/** Copies the live directory and its source list into the previous_ tables (and its identity into dataset_previous). */
export function* keepPreviousVersion(db: Db): Generator<void> {
  const install = currentInstall(db);
  if (!install) return;
  for (const t of [...HSDS_TABLES, 'source']) {
    db.prepare(`DELETE FROM previous_${t}`).run();
    for (const _ of copyRowsInBatches(db, t, `previous_${t}`)) yield;
  }
  db.prepare('INSERT OR REPLACE INTO dataset_previous (id, dataset_id, version, source, installed_at, services) VALUES (1, ?, ?, ?, ?, ?)').run(
    install.dataset_id, install.version, install.source, install.installed_at, install.services,
  );
}

/**
 * Records the source an install fills, giving a new one its id prefix: bare while no other source holds
 * bare ids (a lone directory's ids stay as they were), else its name and "/" (sources/qualify-ids.ts).
 * A source keeps its kind.
 */
function upsertSource(db: Db, target: SourceTarget, pull: string | null): string {
  const known = storedSource(db, target.name);
  // A file may update the bundled directory (a newer starter, an edited export of it); what is pulled
  // from an address is not overwritten by a file, nor a file by a pull.
  const kind = known?.kind === 'bundled' && target.kind === 'file' ? 'bundled' : target.kind;
  if (known && known.kind !== kind) {
    throw new Error(`"${target.name}" is a ${known.kind} source, not a ${target.kind} one; give this one another name. Nothing was changed.`);
  }
  const prefix = known?.idPrefix ?? (db.prepare("SELECT 1 FROM source WHERE id_prefix = ''").get() ? `${target.name}/` : '');
  db.prepare('INSERT OR REPLACE INTO source (name, kind, origin, id_prefix, updated_at, pull) VALUES (?, ?, ?, ?, ?, ?)').run(target.name, kind, target.origin, prefix, new Date().toISOString(), pull);
  return prefix;
}

/**
 * The steps of an install, to run inside one transaction: keep the live directory as the previous
 * version, replace the source's rows, record the install, build the search index of every source.
 * Yields progress so a caller may report it and cancel between steps.
 */
function* installSteps(db: Db, tables: TableRows, identity: DatasetIdentity, alongside?: () => void, diffed?: RowChanges | null): Steps<void> {
  const target = installTarget(db, identity);
  const alone = !db.prepare('SELECT 1 FROM source WHERE name <> ?').get(target.name);
  // An update of an installed source writes only the rows its diff found changed, when that still holds.
  const changes = changesToWrite(db, tables, diffed, alone);
  const total = changes?.size ?? HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);
  for (const _ of keepPreviousVersion(db)) yield { step: 'applying', done: 0, total };
  const prefix = upsertSource(db, target, identity.pull ?? null);
  const writing = changes ? writeRowChanges(db, changes, target.name, prefix, alone) : replaceHsdsTables(db, tables, target.name, prefix, alone);
  for (const done of writing) yield { step: 'applying', done, total };
  const checking = changes ? refuseBrokenReferencesSteps(db, tablesToCheck(changes, alone)) : refuseBrokenReferencesOfRewriteSteps(db, tables, prefix, target.name);
  for (const _ of checking) yield { step: 'applying', done: total, total };
  db.prepare('INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, ?)').run(
    identity.datasetId, identity.version, identity.source, new Date().toISOString(), tables.service.length,
  );
  yield { step: 'indexing', done: 0, total: tables.service.length };
  // The index comes from the rows just written, not read back: the same facts (facts-from-rows.test.ts),
  // seconds sooner. Beside other sources it spans them all, theirs read from the tables (facts-beside.ts);
  // so does a lone source's whose ids take a prefix, there being no others to read.
  const fromRows = alone && prefix === '';
  yield* searchIndexSteps(db, fromRows ? (onServices) => serviceFactsFromRowsSteps(tables, target.name, onServices) : serviceFactsBesideSteps(db, tables, target.name, prefix));
  alongside?.();
}

/**
 * Installs a source's dataset atomically: its rows are replaced, the install recorded and the search
 * index rebuilt in one transaction, so a failure (or a killed process) leaves the previous directory
 * exactly as it was. The directory it replaces is kept for `rollback`, and a copy of the database file as
 * it was is kept first, for recovery from a damaged file. With the `changes` its diff found (row-changes.ts),
 * an update writes only those, when they still hold (write-changes.ts).
 */
export function installDataset(db: Db, tables: TableRows, identity: DatasetIdentity, changes?: RowChanges | null): void {
  keepCopyOfInstalled(db);
  writeSteps(db, installSteps(db, tables, identity, undefined, changes));
}

/**
 * The same install, yielding to the event loop between batches so progress can be shown and a cancel
 * heard. It must run on its own connection: the transaction stays open across those yields, and the
 * app's reading connection keeps seeing the old directory until the commit (WAL snapshot isolation).
 * `alongside` writes what must commit with the directory or not at all (a feed's new version mark). The
 * file's copy for recovery is made meanwhile (writeKeepingCopyAsync).
 */
export async function installDatasetAsync(
  db: Db,
  tables: TableRows,
  identity: DatasetIdentity,
  listener: StepListener = {},
  alongside?: () => void,
  changes?: RowChanges | null,
): Promise<void> {
  await writeKeepingCopyAsync(db, installSteps(db, tables, identity, alongside, changes), listener);
}
