import type { ReadDb } from '../../db/open';
import { ROW_BATCH } from '../../jobs/row-batches';
import { eachInBatches, type StepProgress, type Steps } from '../../jobs/steps';
import { TextPacker, type WordTexts } from './word-index-parts';

/**
 * Every service with its organization, as the search facts read them (service-facts.ts) and as the word
 * index's texts are read here, each `ORDER BY s.rowid`: both reads give the same services in the same order.
 */
export const SERVICES_WITH_ORGANIZATION = 'FROM service s JOIN organization o ON o.id = s.organization_id';

/**
 * The word index's texts of every installed service (name, alternate name, organization, description,
 * eligibility), read straight from the tables and packed as they come, yielding `progress` between batches: on the word index's worker, with a connection of its own, for a rebuild from
 * committed tables (word-index-job.ts).
 */
export function* textsFromTablesSteps(db: ReadDb, progress: StepProgress): Steps<WordTexts> {
  const packer = new TextPacker();
  const rows = db
    .prepare(`SELECT s.name, s.alternate_name, o.name, s.description, s.eligibility_description ${SERVICES_WITH_ORGANIZATION} ORDER BY s.rowid`)
    .raw()
    .iterate() as IterableIterator<[string, string | null, string, string | null, string | null]>;
  yield* eachInBatches(rows, ROW_BATCH, progress, ([name, alternateName, organization, description, eligibility]) =>
    packer.add(name, alternateName, organization, description, eligibility),
  );
  return packer.finish();
}

/** The latest install, whose tables these are: every write to them records a new one (dataset_install's ids only grow). */
export const latestInstall = (db: ReadDb): number | null => (db.prepare('SELECT max(id) FROM dataset_install').pluck().get() as number | null) ?? null;
