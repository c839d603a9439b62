import type { Db, ReadDb } from '../db/open';
import { runSteps } from '../jobs/steps';
import { listBytesSteps, listOfTextSteps } from './string-lists';
import type { FacetColumns, FacetIndex, MaskFacet } from './facets/facet-index';
import { textIndexOf, type StoredTextIndex, type TextIndex } from './words/text-postings';

/**
 * The search indexes as named BLOBs in search_blob (migration 006): typed arrays as their bytes, texts
 * and lists of strings (string-lists.ts) as UTF-8. A start reads them back in a few queries, with no
 * per-service parsing.
 */
type Blob = ArrayBufferView | string | readonly string[];

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array | Float64Array;
type TypedArrayType<T extends TypedArray> = { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number };

function typed<T extends TypedArray>(type: TypedArrayType<T>, bytes: Buffer): T {
  // A view needs its offset aligned to the element size; a copy is the rare fallback.
  const aligned = bytes.byteOffset % type.BYTES_PER_ELEMENT === 0 ? bytes : Buffer.from(bytes);
  return new type(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / type.BYTES_PER_ELEMENT);
}

/**
 * Replaces the stored indexes with these facets, all but the name order: an install stores them while the
 * word index is still being finished on its worker. writeWordBlobsSteps then adds the rest. Yields after each
 * BLOB: a statewide directory's are tens of megabytes.
 */
export function* writeFacetBlobsSteps(db: Db, facets: FacetColumns): Generator<void, void, void> {
  yield* replaceBlobs(db, facetBlobs(facets));
}

/** Adds the word index and the name order to the facets writeFacetBlobsSteps stored, a BLOB, or a slice of a list's strings, a step. */
export function* writeWordBlobsSteps(db: Db, text: StoredTextIndex, nameRank: Int32Array): Generator<void, void, void> {
  yield* insertBlobs(db, wordBlobs(text, nameRank));
}

/** Every stored BLOB dropped, then these written, a step each. */
function* replaceBlobs(db: Db, blobs: Iterable<[string, Blob]>): Generator<void, void, void> {
  db.prepare('DELETE FROM search_blob').run();
  yield;
  yield* insertBlobs(db, blobs);
}

/** The facets' BLOBs, all but the name order, each made only as it is taken. */
function* facetBlobs(facets: FacetColumns): Generator<[string, Blob], void, void> {
  yield ['ids', facets.ids];
  yield ['pointLocation', facets.pointLocation];
  yield ['areaKeys', JSON.stringify(facets.areaKeys)];
  yield ['sources', JSON.stringify(facets.sources)];
  for (const name of ['categories', 'languages', 'served', 'excluded'] as const) {
    yield [`${name}.values`, JSON.stringify(facets[name].values)];
    yield [`${name}.bits`, facets[name].bits];
  }
  const { hourStart, hourBounds, hourRule, ruleOffset, ruleFirstDay, ruleLastDay, ruleUndecided, always, assuredAt } = facets;
  const { pointStart, pointLat, pointLon, pointApproximate, areaStart, areaOf, ageMin, ageMax, free, noIdNeeded, wheelchair, sourceOf } = facets;
  yield* Object.entries({ hourStart, hourBounds, hourRule, ruleOffset, ruleFirstDay, ruleLastDay, ruleUndecided, always, assuredAt });
  yield* Object.entries({ pointStart, pointLat, pointLon, pointApproximate, areaStart, areaOf, ageMin, ageMax, free, noIdNeeded, wheelchair, sourceOf });
}

/** The word index's BLOBs and the name order's, each made only as it is taken. */
function* wordBlobs(text: StoredTextIndex, nameRank: Int32Array): Generator<[string, Blob], void, void> {
  yield ['nameRank', nameRank];
  yield ['terms', text.terms];
  yield* Object.entries({ postingStart: text.postingStart, postings: text.postings, itemLength: text.itemLength });
}

function* insertBlobs(db: Db, blobs: Iterable<[string, Blob]>): Generator<void, void, void> {
  const insert = db.prepare('INSERT INTO search_blob (name, data) VALUES (?, ?)');
  for (const [name, blob] of blobs) {
    insert.run(name, yield* bytesSteps(blob));
    yield;
  }
}

/**
 * A BLOB's bytes as a Buffer, a typed array's viewed where they lie (one that came from another thread is a
 * plain view), a list's encoded a slice a step.
 */
function* bytesSteps(blob: Blob): Generator<void, Buffer, void> {
  if (typeof blob === 'string') return Buffer.from(blob, 'utf8');
  if (Array.isArray(blob)) return yield* listBytesSteps(blob as readonly string[]);
  const view = blob as ArrayBufferView;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** The search indexes as searches use them. */
export interface SearchIndexes {
  facets: FacetIndex;
  text: TextIndex;
}

/**
 * The same with their two long lists of strings, the service ids and the terms, each still one text
 * (string-lists.ts): as the thread that reads them hands them to the window's, which splits them a slice a
 * step (listsSplitSteps).
 */
export interface SearchIndexesListsAsText {
  facets: Omit<FacetIndex, 'ids'> & { ids: string };
  text: Omit<TextIndex, 'terms'> & { terms: string };
}

/** The stored indexes, or null when none are stored (a database from before migration 006's rebuild). */
export const readSearchIndexes = (db: ReadDb): SearchIndexes | null => runSteps(readSearchIndexesSteps(db));

/** readSearchIndexes with a yield between its parts, each a step of tens of milliseconds at 100,000 services. */
export function* readSearchIndexesSteps(db: ReadDb): Generator<void, SearchIndexes | null, void> {
  const read = yield* readSearchIndexesListsAsTextSteps(db);
  return read && (yield* listsSplitSteps(read));
}

/** The indexes' two lists split, a slice a step; an index whose ids are not one per service cannot be read. */
export function* listsSplitSteps({ facets, text }: SearchIndexesListsAsText): Generator<void, SearchIndexes, void> {
  const ids = yield* listOfTextSteps(facets.ids);
  if (ids.length !== facets.size) throw new Error('The search index lists a different number of services than it indexes: it must be rebuilt.');
  const terms = yield* listOfTextSteps(text.terms);
  return { facets: { ...facets, ids }, text: { ...text, terms } };
}

/**
 * The stored indexes with their lists as text, or null when none are stored: the BLOBs are read in one
 * query (one snapshot, so never half of two builds), then decoded, a part a step.
 */
export function* readSearchIndexesListsAsTextSteps(db: ReadDb): Generator<void, SearchIndexesListsAsText | null, void> {
  // The points' location ids are stored but not loaded: the map names a point by its service.
  const rows = db.prepare("SELECT name, data FROM search_blob WHERE name <> 'pointLocation'").raw().all() as [string, Buffer][];
  if (rows.length === 0) return null;
  yield;
  const blob = new Map(rows);
  const bytes = (name: string) => {
    const b = blob.get(name);
    if (!b) throw new Error(`The search index has no "${name}": it must be rebuilt.`);
    return b;
  };
  const text = (name: string) => bytes(name).toString('utf8');
  const mask = (name: string): MaskFacet => {
    const values = JSON.parse(text(`${name}.values`)) as string[];
    return { values, words: Math.max(1, Math.ceil(values.length / 32)), bits: typed(Uint32Array, bytes(`${name}.bits`)) };
  };

  // One name rank per service: the index's size, before its ids are split from their text.
  const nameRank = typed(Int32Array, bytes('nameRank'));
  const size = nameRank.length;
  const pointStart = typed(Int32Array, bytes('pointStart'));
  const pointLat = typed(Float64Array, bytes('pointLat'));
  const pointLon = typed(Float64Array, bytes('pointLon'));
  const facets: SearchIndexesListsAsText['facets'] = {
    size,
    ids: text('ids'),
    nameRank,
    categories: mask('categories'),
    languages: mask('languages'),
    served: mask('served'),
    excluded: mask('excluded'),
    hourStart: typed(Int32Array, bytes('hourStart')),
    hourBounds: typed(Int32Array, bytes('hourBounds')),
    hourRule: typed(Int32Array, bytes('hourRule')),
    ruleOffset: typed(Float64Array, bytes('ruleOffset')),
    ruleFirstDay: typed(Int32Array, bytes('ruleFirstDay')),
    ruleLastDay: typed(Int32Array, bytes('ruleLastDay')),
    ruleUndecided: typed(Uint8Array, bytes('ruleUndecided')),
    always: typed(Uint8Array, bytes('always')),
    assuredAt: typed(Float64Array, bytes('assuredAt')),
    pointStart,
    pointLat,
    pointLon,
    pointApproximate: typed(Uint8Array, bytes('pointApproximate')),
    areaStart: typed(Int32Array, bytes('areaStart')),
    areaOf: typed(Int32Array, bytes('areaOf')),
    areaKeys: JSON.parse(text('areaKeys')) as string[],
    ageMin: typed(Float64Array, bytes('ageMin')),
    ageMax: typed(Float64Array, bytes('ageMax')),
    free: typed(Int8Array, bytes('free')),
    noIdNeeded: typed(Int8Array, bytes('noIdNeeded')),
    wheelchair: typed(Int8Array, bytes('wheelchair')),
    sources: JSON.parse(text('sources')) as string[],
    sourceOf: typed(Uint16Array, bytes('sourceOf')),
  };
  const stored = {
    size,
    terms: text('terms'),
    postingStart: typed(Int32Array, bytes('postingStart')),
    postings: bytes('postings'),
    itemLength: typed(Uint16Array, bytes('itemLength')),
  };
  yield;
  return { facets, text: textIndexOf(stored) };
}
