import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { runSteps, SLICE_MS, sliceDue, type Steps } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import { nameRanks } from '../words/name-order';
import type { ServiceFacts } from '../service-facts';
import { databaseFileOf, type ReadDb } from '../../db/open';
import { textsFromTablesSteps } from './texts-from-tables';
import { namesOf, TextPacker, WORD_BATCH, WordIndexParts, type WordTags, type WordTexts } from './word-index-parts';
import {
  WORKER_READY, WORKER_RESULT, WORKER_SCANNED, WORKER_STATE_SLOTS, type WordIndexResult, type WordJobMessage, type WordWorkerMessage,
} from './word-worker-protocol';

/**
 * A word index being built, with the services' name order: started from the services' own columns,
 * finished once their tags are known.
 */
export interface WordIndexJob {
  /** Hands over the tags: on a worker the index is then finished while this thread builds the facets. */
  sendTags(tags: WordTags): void;
  /** Waits for the index and name order, reporting how many services have been scanned. */
  finishSteps(): Steps<WordIndexResult>;
  /** Stops the work if it is still running (a cancelled install); harmless after it has finished. */
  close(): void;
  /** Services whose words have been scanned so far. */
  scanned(): number;
}

/** Below this many services the word index takes less time than starting a thread. */
const WORKER_MIN_SERVICES = 2_000;

/**
 * Starts the word index and name order of these services, whose own columns are read (their lists need
 * not be). On a worker thread when the built worker script is there: putting 100,000 names in order and
 * scanning their every word takes over a second, which the main thread spends meanwhile on the rest of the
 * facts and the facets. Otherwise (a small directory, or a source-tree run before `npm run build`) on this
 * thread, with the same result. The texts are packed, and handed to the worker, a batch at a time.
 */
export function* startWordIndexSteps(services: readonly ServiceFacts[], options: WordIndexOptions = {}): Steps<WordIndexJob> {
  const script = workerScriptFor(services.length, options);
  if (!script) return inThreadJob(yield* wordTextsSteps(services));
  // Each piece is posted as it is done, where all of them at once took the thread a quarter of a second to
  // copy. The worker takes the names from the texts: posting them apart took this thread 0.2-0.3 s.
  return yield* workerJobSteps(script, options, {
    size: services.length,
    *send(post) {
      const texts = yield* wordTextsSteps(services, (piece) => post({ piece }));
      post({ layout: { size: texts.size, pieceOf: texts.pieceOf, bounds: texts.bounds } });
    },
    // Packed again: only once a worker has not started in START_TIMEOUT_MS.
    here: () => wordTextsSteps(services),
  });
}

/** startWordIndexSteps run straight through. */
export const startWordIndex = (services: readonly ServiceFacts[], options: WordIndexOptions = {}): WordIndexJob => runSteps(startWordIndexSteps(services, options));

/** Committed tables, as `db` sees them in the read transaction it holds, and the latest install in that snapshot. */
export interface InstalledTables {
  db: ReadDb;
  install: number | null;
}

/** The tables changed between two snapshots of a build: its index would mix two directories. */
export class TablesChanged extends Error {
  constructor() {
    super('The directory changed while search was being prepared. Nothing was changed.');
  }
}

/**
 * startWordIndexSteps for every installed service, their texts read straight from the tables rather than
 * from the facts (which can then be read without them): on the worker, with a connection of its own, while
 * this thread reads the rest of the facts, rather than this thread reading, packing and posting them (some
 * 44 million characters in the search bench's directory of 100,000 services). It moves that work rather than
 * saving it: the gain is in time, where a second core is free. The worker sees only what is committed, in a
 * snapshot of its own: finishing throws TablesChanged unless it is of the same install. Done on this
 * thread (a small directory, no built script, a database in memory, a worker that never starts) from `db`,
 * which keeps its snapshot until the job has finished.
 */
export function* startWordIndexFromTablesSteps({ db, install }: InstalledTables, options: WordIndexOptions = {}): Steps<WordIndexJob> {
  // For the progress and the choice of thread: the join texts-from-tables.ts reads by took 50 ms to count.
  const size = db.prepare('SELECT count(*) FROM service').pluck().get() as number;
  const here = () => textsFromTablesSteps(db, { step: 'indexing', done: 0, total: size });
  const script = db.memory ? null : workerScriptFor(size, options);
  if (!script) return inThreadJob(yield* here());
  return yield* workerJobSteps(script, options, {
    size,
    send(post) {
      post({ read: databaseFileOf(db) });
    },
    here,
    install,
  });
}

export interface WordIndexOptions {
  /** On this thread, whatever the size (the reference the worker's index is tested against). */
  inThread?: boolean;
  /** Another worker script, and how long it may take to start (tests of a worker that never starts). */
  script?: string;
  startTimeoutMs?: number;
}

export const wordWorkerScript = (): string | null => workerScript('word-index-worker.js');

/** The worker's script for a job of this many services, or null for one on this thread. */
function workerScriptFor(size: number, options: WordIndexOptions): string | null {
  const inThread = options.inThread || (size < WORKER_MIN_SERVICES && !options.script);
  return inThread ? null : (options.script ?? wordWorkerScript());
}

function inThreadJob(texts: WordTexts): WordIndexJob {
  let scanned = 0;
  let tags: WordTags | null = null;
  return {
    sendTags(given) {
      tags = given;
    },
    *finishSteps() {
      if (!tags) throw new Error('The word index was finished before its tags were given.');
      const parts = new WordIndexParts(texts.size);
      for (; scanned < texts.size; scanned = Math.min(texts.size, scanned + WORD_BATCH)) {
        yield { step: 'indexing', done: scanned, total: texts.size };
        parts.scan(texts, scanned, Math.min(texts.size, scanned + WORD_BATCH));
      }
      return { index: parts.assemble(tags), nameRank: nameRanks(namesOf(texts)) };
    },
    close() {},
    scanned: () => scanned,
  };
}

/** A worker whose script has not even loaded in this long is given up, and the work done on this thread. */
const START_TIMEOUT_MS = 20_000;

class WorkerDidNotStart extends Error {}

/** How a worker job's texts get to the worker, or to this thread once the worker has not started. */
interface TextsHandover {
  size: number;
  /** Hands the texts to the worker, in steps or at once. */
  send(post: (message: WordJobMessage) => void): Steps<void> | void;
  /** The same texts on this thread. */
  here(): Steps<WordTexts>;
  /** Texts the worker reads from the tables: the install they must be of. */
  install?: number | null;
}

function* workerJobSteps(script: string, options: WordIndexOptions, texts: TextsHandover): Steps<WordIndexJob> {
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const state = new Int32Array(new SharedArrayBuffer(WORKER_STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { port: port2, state }, transferList: [port2] });
  let ended: { message: string } | null = null;
  worker.on('error', (err) => (ended = { message: err.message }));
  worker.on('exit', () => (ended ??= { message: '' }));
  // A job dropped without close() must not keep the CLI's process alive.
  worker.unref();
  port1.unref();
  const send = (message: WordJobMessage) => port1.postMessage(message);
  const close = () => {
    port1.close();
    void worker.terminate();
  };
  yield { step: 'indexing', done: 0, total: texts.size };
  let sent = false;
  try {
    const sending = texts.send(send);
    if (sending) yield* sending;
    sent = true;
  } finally {
    // Stopped while handing over (a cancel, a failure): the thread is let go.
    if (!sent) close();
  }
  const scanned = () => Atomics.load(state, WORKER_SCANNED);
  /** Waits, reporting progress, until the worker raises its flag, then takes its reply. */
  function* reply(): Steps<WordWorkerMessage> {
    const started = Date.now();
    while (Atomics.load(state, WORKER_RESULT) === 0) {
      // Heard between two yields of an install in the app; one run straight through hears only the flags.
      if (ended) throw new Error(`Preparing search stopped unexpectedly (its worker thread ended${ended.message ? `: ${ended.message}` : ''}). Nothing was changed.`);
      if (Atomics.load(state, WORKER_READY) === 0 && Date.now() - started > startTimeoutMs) throw new WorkerDidNotStart();
      // A slice at a time, reporting progress (and, in the app, answering the window) in between.
      Atomics.wait(state, WORKER_RESULT, 0, SLICE_MS);
      yield { step: 'indexing', done: scanned(), total: texts.size };
    }
    const message = receiveMessageOnPort(port1)?.message as WordWorkerMessage | undefined;
    if (!message) throw new Error('Preparing search stopped unexpectedly (no answer from its worker thread). Nothing was changed.');
    if ('error' in message) throw new Error(`Preparing search failed: ${message.error}`);
    if (texts.install !== undefined && message.install !== texts.install) throw new TablesChanged();
    return message;
  }
  let tagsSent: WordTags | null = null;
  /** The same work on this thread, once a worker has not started. */
  let fallback: WordIndexJob | null = null;
  return {
    sendTags(tags) {
      tagsSent = tags;
      send({ tags });
    },
    *finishSteps() {
      if (!fallback) {
        try {
          const { index, nameRank } = (yield* reply()) as WordIndexResult;
          close();
          return { index, nameRank };
        } catch (err) {
          if (!(err instanceof WorkerDidNotStart)) throw err;
          close();
          fallback = inThreadJob(yield* texts.here());
          if (tagsSent) fallback.sendTags(tagsSent);
        }
      }
      return yield* fallback.finishSteps();
    },
    close,
    scanned: () => fallback?.scanned() ?? scanned(),
  };
}

/** Services packed between two yields. */
const PACK_BATCH = 10_000;

/** The services' names and body texts, packed (see WordTexts), each piece handed to `onPiece` once complete. */
export function* wordTextsSteps(services: readonly ServiceFacts[], onPiece?: (piece: string) => void): Steps<WordTexts> {
  const packer = new TextPacker(onPiece);
  for (let i = 0; i < services.length; i++) {
    const f = services[i]!;
    if (i % PACK_BATCH === PACK_BATCH - 1) yield { step: 'indexing', done: 0, total: services.length };
    packer.add(f.name, f.alternateName, f.organization, f.description, f.eligibility);
  }
  return packer.finish();
}

/** The services' tags column: cities, and category, population and language ids (see WordTags). */
export const wordTags = (facts: readonly ServiceFacts[]): WordTags => runSteps(wordTagsSteps(facts));

/** Services tagged between two yields. */
const TAG_BATCH = 20_000;

/** wordTags with a yield every TAG_BATCH services, or sooner on a slow machine (sliceDue): all 100,000 at once held the thread 0.1-0.3 s. */
export function* wordTagsSteps(facts: readonly ServiceFacts[]): Steps<WordTags> {
  const due = sliceDue(TAG_BATCH);
  const placeKeys: string[] = [];
  const placeIndex = new Map<string, number>();
  const labelKeys: string[] = [];
  const labelIndex = new Map<string, number>();
  const placeOf = new Int32Array(facts.length);
  const labelStart = new Int32Array(facts.length + 1);
  const labels: number[] = [];
  const indexOf = (keys: string[], index: Map<string, number>, key: string) => {
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = keys.length));
      keys.push(key);
    }
    return k;
  };
  for (let i = 0; i < facts.length; i++) {
    if (i > 0 && due(i)) yield { step: 'indexing', done: 0, total: facts.length };
    const f = facts[i]!;
    const cities: string[] = [];
    for (const l of f.locations) if (l.city && !cities.includes(l.city)) cities.push(l.city);
    placeOf[i] = indexOf(placeKeys, placeIndex, cities.length === 1 ? cities[0]! : cities.join(' \n '));
    labelStart[i] = labels.length;
    for (const terms of [f.categories, f.populationsServed, f.languages]) for (const id of terms) labels.push(indexOf(labelKeys, labelIndex, id));
  }
  labelStart[facts.length] = labels.length;
  return { placeKeys, placeOf, labelKeys, labelStart, labels: Int32Array.from(labels) };
}
