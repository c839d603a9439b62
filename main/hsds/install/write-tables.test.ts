import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { HSDS_TABLES } from '../../db/hsds-tables';
import { everythingDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { STARTER_SERVICES, startersEachTest } from '../../test-support/temp-db';
import { writeSteps } from '../../db/write-transaction';
import { rebuildSearchIndex } from '../../search/build/text-index';
import { installDataset } from './install-dataset';
import { removeSourceSteps } from './remove-source';

const indexes = (db: Db) => db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
const rowsOf = (db: Db, source: string) => HSDS_TABLES.filter((t) => t !== 'taxonomy' && t !== 'taxonomy_term').map((t) => db.prepare(`SELECT * FROM ${t} WHERE atlas_source = ? ORDER BY rowid`).all(source));

describe('a source larger than the rest of the directory, written beside it', () => {
  const desk = startersEachTest();
  const large = () => syntheticDirectory(STARTER_SERVICES * 3);

  it('keeps every index of the tables, whole, and leaves the other source\'s rows as they were', () => {
    const { db } = desk();
    const before = indexes(db);
    const starter = rowsOf(db, 'bundled');
    installDataset(db, large(), { datasetId: 'large', version: '1', source: 'large.json' });
    // Again, over its own rows: deleted and written while the indexes are dropped, built again after.
    const again = large();
    again.service[0]!.name = 'Renamed on the second install';
    installDataset(db, again, { datasetId: 'large', version: '2', source: 'large.json' });
    expect(indexes(db)).toEqual(before);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(rowsOf(db, 'bundled')).toEqual(starter);
    expect(db.prepare('SELECT count(*) FROM service WHERE atlas_source = ?').pluck().get('large.json')).toBe(again.service.length);
    // Found through the rebuilt index on service_at_location(service_id).
    const firstId = db.prepare("SELECT id FROM service WHERE name = 'Renamed on the second install'").pluck().get();
    expect(db.prepare('SELECT count(*) FROM service_at_location INDEXED BY sal_service WHERE service_id = ?').pluck().get(firstId)).toBe(
      again.service_at_location.filter((sal) => sal.service_id === again.service[0]!.id).length,
    );
    // Kept through both installs, the synthetic phones giving no contact: it finds each phone as the table does.
    const phonesWithout = (how: string) => db.prepare(`SELECT count(*) FROM phone ${how} WHERE contact_id IS NULL`).pluck().get();
    expect(phonesWithout('INDEXED BY phone_contact')).toBe(phonesWithout('NOT INDEXED'));
    expect(phonesWithout('NOT INDEXED')).toBeGreaterThanOrEqual(again.phone.length);
  });

  it('refused for a dangling reference, leaves everything as it was, its indexes too', () => {
    const { db } = desk();
    installDataset(db, large(), { datasetId: 'large', version: '1', source: 'large.json' });
    const before = everythingDigest(db);
    const beforeIndexes = indexes(db);
    const broken = large();
    broken.phone.at(-1)!.service_id = 'no-such-service';
    expect(() => installDataset(db, broken, { datasetId: 'large', version: '2', source: 'large.json' })).toThrow(/A phone record \(row \d+\) points to a service that is not in the dataset/);
    expect(indexes(db)).toEqual(beforeIndexes);
    expect(everythingDigest(db)).toBe(before);
  });
});

describe('a source whose ids take a prefix, left alone in the directory', () => {
  const desk = startersEachTest();
  const storedIndex = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

  it('is written again with its prefix on every id and link, and searched by the index the tables give', () => {
    const { db } = desk();
    const extra = { datasetId: 'extra', version: '1', source: 'extra.json' };
    installDataset(db, syntheticDirectory(30), extra);
    writeSteps(db, removeSourceSteps(db, 'bundled'));
    const before = rowsOf(db, 'extra.json');
    const again = syntheticDirectory(30);
    installDataset(db, again, { ...extra, version: '2' });
    // The same rows as when it was written beside the bundled directory: prefixed ids and links alike.
    expect(rowsOf(db, 'extra.json')).toEqual(before);
    expect(db.prepare('SELECT id FROM service ORDER BY rowid LIMIT 1').pluck().get()).toBe(`extra.json/${String(again.service[0]!.id)}`);
    expect(db.prepare('SELECT count(*) FROM service_at_location s JOIN service v ON v.id = s.service_id').pluck().get()).toBe(again.service_at_location.length);
    const installed = storedIndex(db);
    rebuildSearchIndex(db);
    expect(installed).toEqual(storedIndex(db));
  });
});

describe('the columns a source\'s rows leave empty', () => {
  const desk = startersEachTest();
  const term = (description: string | undefined) => ({ id: 'shared-term', name: 'Shared term', ...(description === undefined ? {} : { description }), code: description === undefined ? undefined : 'kept-code' });

  it('are stored empty, and a shared term brought again without one loses what the first source gave it', () => {
    const { db } = desk();
    const first = syntheticDirectory(3);
    first.taxonomy_term.push(term('Given by the first source'));
    installDataset(db, first, { datasetId: 'first', version: '1', source: 'first.json' });
    expect(db.prepare("SELECT code, description FROM taxonomy_term WHERE id = 'shared-term'").get()).toEqual({ code: 'kept-code', description: 'Given by the first source' });
    // The second source's terms fill no code at all: left out of its inserts, yet the term takes its wording whole.
    const second = syntheticDirectory(3);
    second.taxonomy_term.push({ ...term(undefined), description: 'Given by the second source' });
    installDataset(db, second, { datasetId: 'second', version: '1', source: 'second.json' });
    expect(db.prepare("SELECT code, description FROM taxonomy_term WHERE id = 'shared-term'").get()).toEqual({ code: null, description: 'Given by the second source' });
    // A service column no synthetic row fills is empty, not some default.
    expect(db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'second.json' AND alternate_name IS NULL AND status = 'active'").pluck().get()).toBe(3);
  });
});
