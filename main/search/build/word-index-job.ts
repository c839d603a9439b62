import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { runSteps, type Steps } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import { nameRanks } from '../words/name-order';
import type { ServiceFacts } from '../service-facts';
import { TEXTS_PER_ITEM, WORD_BATCH, WordIndexParts, type WordTags, type WordTexts } from './word-index-parts';
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
  const names = services.map((f) => f.name);
  const inThread = options.inThread || (services.length < WORKER_MIN_SERVICES && !options.script);
  const script = inThread ? null : (options.script ?? wordWorkerScript());
  if (!script) return inThreadJob(names, yield* wordTextsSteps(services));
  return yield* workerJobSteps(script, names, services, options.startTimeoutMs ?? START_TIMEOUT_MS);
}

/** startWordIndexSteps run straight through. */
export const startWordIndex = (services: readonly ServiceFacts[], options: WordIndexOptions = {}): WordIndexJob => runSteps(startWordIndexSteps(services, options));

export interface WordIndexOptions {
  /** On this thread, whatever the size (the reference the worker's index is tested against). */
  inThread?: boolean;
  /** Another worker script, and how long it may take to start (tests of a worker that never starts). */
  script?: string;
  startTimeoutMs?: number;
}

export const wordWorkerScript = (): string | null => workerScript('word-index-worker.js');

function inThreadJob(names: readonly string[], texts: WordTexts): WordIndexJob {
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
      return { index: parts.assemble(tags), nameRank: nameRanks(names) };
    },
    close() {},
    scanned: () => scanned,
  };
}

/** How long a wait blocks the main thread before it reports progress (and, in the app, answers the window). */
const WAIT_SLICE_MS = 50;
/** A worker whose script has not even loaded in this long is given up, and the work done on this thread. */
const START_TIMEOUT_MS = 20_000;

class WorkerDidNotStart extends Error {}

function* workerJobSteps(script: string, names: readonly string[], services: readonly ServiceFacts[], startTimeoutMs: number): Steps<WordIndexJob> {
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
  yield { step: 'indexing', done: 0, total: names.length };
  // Each piece is posted as it is done, where all of them at once took the thread a quarter of a second to
  // copy. The worker takes the names from the texts: posting them apart took this thread 0.2-0.3 s.
  let texts: WordTexts | undefined;
  try {
    texts = yield* wordTextsSteps(services, (piece) => send({ piece }));
  } finally {
    // Stopped while packing (a cancel, a failure): the thread is let go.
    if (texts === undefined) close();
  }
  send({ layout: { size: texts.size, pieceOf: texts.pieceOf, bounds: texts.bounds } });
  const scanned = () => Atomics.load(state, WORKER_SCANNED);
  /** Waits, reporting progress, until the worker raises its flag, then takes its reply. */
  function* reply(): Steps<WordWorkerMessage> {
    const started = Date.now();
    while (Atomics.load(state, WORKER_RESULT) === 0) {
      // Heard between two yields of an install in the app; one run straight through hears only the flags.
      if (ended) throw new Error(`Preparing search stopped unexpectedly (its worker thread ended${ended.message ? `: ${ended.message}` : ''}). Nothing was changed.`);
      if (Atomics.load(state, WORKER_READY) === 0 && Date.now() - started > startTimeoutMs) throw new WorkerDidNotStart();
      Atomics.wait(state, WORKER_RESULT, 0, WAIT_SLICE_MS);
      yield { step: 'indexing', done: scanned(), total: names.length };
    }
    const message = receiveMessageOnPort(port1)?.message as WordWorkerMessage | undefined;
    if (!message) throw new Error('Preparing search stopped unexpectedly (no answer from its worker thread). Nothing was changed.');
    if ('error' in message) throw new Error(`Preparing search failed: ${message.error}`);
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
          const result = (yield* reply()) as WordIndexResult;
          close();
          return result;
        } catch (err) {
          if (!(err instanceof WorkerDidNotStart)) throw err;
          close();
          fallback = inThreadJob(names, texts);
          if (tagsSent) fallback.sendTags(tagsSent);
        }
      }
      return yield* fallback.finishSteps();
    },
    close,
    scanned: () => fallback?.scanned() ?? scanned(),
  };
}

/**
 * Each piece of text at most this long: joined and posted to a worker in a few tens of milliseconds at
 * most (pieces of 4 million took 0.1-0.2 s), far below V8's limit on one string's length.
 */
const PIECE_CHARS = 1 << 20;
/** Services packed between two yields. */
const PACK_BATCH = 10_000;

/** The services' names and body texts, packed (see WordTexts), each piece handed to `onPiece` once complete. */
export function* wordTextsSteps(services: readonly ServiceFacts[], onPiece: (piece: string) => void = () => {}): Steps<WordTexts> {
  const size = services.length;
  const bounds = new Int32Array(size * TEXTS_PER_ITEM * 2);
  const pieceOf = new Int32Array(size);
  const pieces: string[] = [];
  // Appended to one string rather than joined from a list: V8 keeps the appends as a rope, flattened in one
  // copy when the piece is posted, where join('') took 0.4-0.6 s at 100,000 services.
  let piece = '';
  let at = 0;
  let k = 0;
  const put = (value: string | null) => {
    bounds[k++] = at;
    if (value) {
      piece += value;
      at += value.length;
    }
    bounds[k++] = at;
  };
  const endPiece = () => {
    pieces.push(piece);
    onPiece(piece);
    piece = '';
    at = 0;
  };
  for (let i = 0; i < size; i++) {
    const f = services[i]!;
    if (at > PIECE_CHARS) endPiece();
    if (i % PACK_BATCH === PACK_BATCH - 1) yield { step: 'indexing', done: 0, total: size };
    pieceOf[i] = pieces.length;
    put(f.name);
    put(f.alternateName);
    put(f.organization);
    put(f.description);
    put(f.eligibility);
  }
  endPiece();
  return { size, pieces, pieceOf, bounds };
}

/** The services' tags column: cities, and category, population and language ids (see WordTags). */
export const wordTags = (facts: readonly ServiceFacts[]): WordTags => runSteps(wordTagsSteps(facts));

/** Services tagged between two yields. */
const TAG_BATCH = 20_000;

/** wordTags with a yield every TAG_BATCH services: all 100,000 at once held the thread 0.1-0.3 s. */
export function* wordTagsSteps(facts: readonly ServiceFacts[]): Steps<WordTags> {
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
    if (i > 0 && i % TAG_BATCH === 0) yield { step: 'indexing', done: 0, total: facts.length };
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
