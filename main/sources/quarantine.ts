import { join } from 'node:path';
import type { DatasetProblem } from '../../shared/import-types';
import type { ReadDb } from '../db/open';
import { checkDatasetAsync, type CheckedDataset, type CheckOptions } from '../hsds/install/apply';
import type { StepListener } from '../jobs/steps';
import { SyncError } from '../sync/sync-error';

/** A service left out of a pull, and why. */
export interface Quarantined {
  id: string;
  reason: string;
}

/**
 * The share of a pull that may be left out. Real feeds hold a few bad records, and leaving those out
 * keeps the rest current; past this share the feed itself is broken (a changed format, a bad export),
 * and applying what is left would remove most of the source.
 */
export const MAX_QUARANTINED = 0.1;

const where = (p: DatasetProblem) => (p.field ? `${p.field.replace(/^\$\[\d+\]\.?/, '') || 'the service'}: ` : '');
const idOf = (s: unknown, row: number) => {
  const id = typeof s === 'object' && s !== null ? (s as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : `(service ${row} of the listing, no id)`;
};

/** Checked as they were read, in steps that yield (the app's window keeps answering through a large pull's check). */
const check = (db: ReadDb, dir: string, services: unknown[], options: CheckOptions, listener: StepListener): Promise<CheckedDataset> =>
  checkDatasetAsync(db, join(dir, 'services.json'), { ...options, document: services }, listener);

/**
 * Checks a pulled listing as an import checks a file, leaving out each service with an error (its first
 * error is the reason) and checking the rest again, since a service left out may be one the others point
 * at. Throws a SyncError saying why when more than MAX_QUARANTINED of the `read` services (those that
 * came over the network: all of them, unless an incremental pull merged them with stored ones) would be
 * left out, when an error belongs to no one service, or when what remains still has errors. A service left
 * out that `stored` holds (an incremental pull's installed services) is kept as installed. Writes nothing.
 */
export async function checkLeavingOut(
  db: ReadDb,
  dir: string,
  services: unknown[],
  options: CheckOptions,
  read = services.length,
  listener: StepListener = {},
  stored: ReadonlyMap<string, unknown> = new Map(),
): Promise<{ checked: CheckedDataset; quarantined: Quarantined[] }> {
  const first = await check(db, dir, services, options, listener);
  if (first.report.ok) return { checked: first, quarantined: [] };
  const { errors, errorCount } = first.report;
  const unplaced = errors.find((e) => e.row === null);
  if (unplaced) throw new SyncError(`The pull was not applied: the listing ${unplaced.message}. Nothing was changed.`);
  if (errorCount > errors.length) {
    throw new SyncError(`The pull was not applied: its services have ${errorCount.toLocaleString('en-US')} errors, too many to leave out one by one. First: service "${idOf(services[errors[0]!.row! - 1], errors[0]!.row!)}", ${where(errors[0]!)}${errors[0]!.message}. Nothing was changed.`);
  }
  const reasons = new Map<number, string>();
  for (const e of errors) if (!reasons.has(e.row!)) reasons.set(e.row!, `${where(e)}${e.message}`);
  const quarantined = [...reasons].map(([row, reason]) => {
    const id = idOf(services[row - 1], row);
    return { id, reason: stored.has(id) ? `${reason} (the version already installed was kept)` : reason };
  });
  if (quarantined.length > read * MAX_QUARANTINED) {
    throw new SyncError(
      `The pull was not applied: ${quarantined.length} of the ${read} services it read failed validation, more than the ${MAX_QUARANTINED * 100}% a pull may leave out, so the source itself looks broken. First: "${quarantined[0]!.id}", ${quarantined[0]!.reason}. Nothing was changed.`,
    );
  }
  // A bad update of a service already installed keeps the installed one rather than losing the service.
  const rest = await check(db, dir, services.flatMap((s, i) => (!reasons.has(i + 1) ? [s] : stored.has(idOf(s, i + 1)) ? [stored.get(idOf(s, i + 1))] : [])), options, listener);
  if (!rest.report.ok) {
    const e = rest.report.errors[0]!;
    throw new SyncError(`The pull was not applied: after leaving out ${quarantined.length} invalid service(s), the rest still has ${rest.report.errorCount} error(s). First: ${where(e)}${e.message}. Nothing was changed.`);
  }
  return { checked: rest, quarantined };
}
