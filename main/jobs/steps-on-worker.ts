import { parentPort, Worker, workerData } from 'node:worker_threads';
import { ImportCancelled, type StepListener, type StepProgress } from './steps';

/**
 * Long work run on a worker thread with a connection of its own, so that nothing of it holds this
 * thread, a write's commit least of all. After a write whose pages spilled to the log as it ran, SQLite's
 * commit re-reads that log from the first page the write overwrote there (to chain its checksums again):
 * a rollback's three-way copy overwrites freed pages early on, and its commit then read back some 350 MB
 * of log in one call, over a second at 100,000 services. A worker can take that; the window cannot.
 *
 * The two threads go a step apart: the worker reports a step and goes on with the next while this thread
 * hands the report to the listener and asks it about a cancel; before the step after that it waits for the
 * answer. Waiting for each answer at once cost the round trip every step, some 0.2 ms, a third of a second
 * in a statewide import's 1,350 steps. So a cancel or a failing listener is heard at most one step later
 * than on this thread, and a write still commits whole or not at all: its commit waits for every report to
 * be answered. A worker answers one call at a time and may be asked again (an import's check, then its
 * apply), until it is closed.
 */

/**
 * Slots of the array the two threads share: how many reports this thread has answered, and whether to stop.
 * A write about to commit asks too, as a report of its own: this thread answers it in one go with a
 * cancel, or by telling the listener the write is committing, so a cancel can never come between the
 * answer and the commit unseen.
 */
const ANSWERED = 0;
const CANCEL = 1;

type ToWorker = { call: unknown } | { cancel: true } | { close: true };
/** A failure as the worker saw it: its message, and its name and SQLite code, by which a caller tells a refusal or a busy database apart. */
interface Failure {
  failed: string;
  cancelled: boolean;
  name?: string;
  code?: string;
}
type FromWorker<T> = { progress: unknown } | { committing: true } | { committed: true } | { done: T } | Failure;

interface Call {
  listener: StepListener<unknown>;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
  /** What the listener threw: the call is stopped, and this is what it fails with. */
  failure: unknown;
  /** Whether the listener has heard its write is committing: a cancel then stops nothing. */
  committing: boolean;
}

/**
 * A worker thread started from `script` (which calls serveOnWorker) with `data`, answering calls one at a
 * time. `transfer`: buffers of `data` handed to the worker rather than copied (gone from this thread).
 */
export class StepsWorker {
  private readonly shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private current: Call | null = null;
  private ended: Error | null = null;
  private closing = false;

  constructor(script: string, data: object, transfer: readonly ArrayBuffer[] = []) {
    this.worker = new Worker(script, { workerData: { ...data, shared: this.shared }, transferList: [...transfer] });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (message: FromWorker<unknown>) => this.heard(message));
    this.worker.once('error', (err) => this.end(err));
    this.worker.once('exit', (code) => this.end(new Error(`The worker thread ended (code ${code}) before it answered. Nothing was changed.`)));
  }

  /**
   * Settles as the call does: with its value, with ImportCancelled when the listener asked it to stop, or
   * with the failure (an Error with the worker's message, name and code). `signal` stops it at once, even
   * while it waits on something other than a step (a download): the worker's call is handed a signal of
   * its own that aborts with it. A signal that comes once the listener has heard the write is committing
   * stops nothing: the call settles as its commit does.
   */
  run<T, P = StepProgress>(call: unknown, listener: StepListener<P> = {}, signal?: AbortSignal): Promise<T> {
    // Closed, its thread's end is no failure to report: the work was let go.
    if (this.closing) return Promise.reject(new Error('This work was closed.'));
    if (this.ended) return Promise.reject(this.ended);
    if (this.current) return Promise.reject(new Error('The worker thread is still answering another call.'));
    Atomics.store(this.shared, CANCEL, 0);
    const cancel = () => {
      if (!this.current || this.current.committing) return;
      Atomics.store(this.shared, CANCEL, 1);
      this.worker.postMessage({ cancel: true } satisfies ToWorker);
    };
    // Kept alive while it answers: a promise alone would not keep the process (the CLI) running.
    this.worker.ref();
    const settled = new Promise<T>((resolve, reject) => {
      this.current = { listener: listener as StepListener<unknown>, resolve: resolve as (value: never) => void, reject, failure: null, committing: false };
      this.worker.postMessage({ call } satisfies ToWorker);
    });
    if (!signal) return settled;
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    return settled.finally(() => signal.removeEventListener('abort', cancel));
  }

  /**
   * Lets the worker go once its call, if any, has ended: a running call is asked to stop at its next step,
   * so its connection is closed by the worker itself (a thread killed mid-transaction would leave its
   * locks behind in this process). Settles once the thread has ended, its connection closed.
   */
  close(): Promise<void> {
    if (!this.closing && !this.ended) {
      this.closing = true;
      this.worker.ref();
      if (this.current) Atomics.store(this.shared, CANCEL, 1);
      else this.worker.postMessage({ close: true } satisfies ToWorker);
    }
    return this.exited;
  }

  private heard(message: FromWorker<unknown>): void {
    const call = this.current;
    if (!call) return;
    if ('progress' in message || 'committing' in message) {
      try {
        // A step reported after a cancel was heard is not shown: the worker is stopping.
        if ('progress' in message && Atomics.load(this.shared, CANCEL) === 0) call.listener.onProgress?.(message.progress);
        if (this.closing || Atomics.load(this.shared, CANCEL) === 1 || call.listener.isCancelled?.()) Atomics.store(this.shared, CANCEL, 1);
        else if ('committing' in message) {
          call.committing = true;
          call.listener.onCommitting?.();
        }
      } catch (err) {
        call.failure = err;
        Atomics.store(this.shared, CANCEL, 1);
      }
      Atomics.add(this.shared, ANSWERED, 1);
      Atomics.notify(this.shared, ANSWERED);
    } else if ('committed' in message) call.listener.onCommitted?.();
    else {
      this.current = null;
      if ('done' in message) call.resolve(message.done as never);
      else call.reject(call.failure ?? (message.cancelled ? new ImportCancelled() : failureOf(message)));
      if (this.closing) this.worker.postMessage({ close: true } satisfies ToWorker);
      // Waiting for its next call (a checked version waiting to be applied), it never keeps a process alive on its own.
      else this.worker.unref();
    }
  }

  private end(err: Error): void {
    this.ended ??= err;
    const call = this.current;
    this.current = null;
    call?.reject(err);
  }
}

const failureOf = ({ failed, name, code }: Failure): Error => Object.assign(new Error(failed), name ? { name } : {}, code ? { code } : {});

/**
 * One call on a worker of its own, settling once the worker has closed its connection too: whoever waits
 * for the write may then close or remove the database file.
 */
export async function stepsOnWorker<T, P = StepProgress>(script: string, data: object, listener: StepListener<P> = {}, transfer: readonly ArrayBuffer[] = [], signal?: AbortSignal): Promise<T> {
  const worker = new StepsWorker(script, data, transfer);
  try {
    return await worker.run<T, P>(undefined, listener, signal);
  } finally {
    await worker.close();
  }
}

/**
 * On the worker thread: answers each call with `answer`, given a listener that reports to the thread that
 * started it and waits for all but its newest report to be answered before the next step (every one before
 * a commit), and a signal that aborts when that thread cancels the call; `close` tidies (a connection) when
 * the worker is let go, after its last answer.
 */
export function serveOnWorker(answer: (call: unknown, listener: StepListener<unknown>, signal: AbortSignal) => Promise<unknown>, close: () => void): void {
  const { shared } = workerData as { shared: Int32Array };
  const port = parentPort!;
  let reported = 0;
  let running: AbortController | null = null;
  /** Waits until this thread has answered all but `ahead` of the reports, then says whether it asked to stop. */
  const answeredBut = (ahead: number) => {
    for (let answered = Atomics.load(shared, ANSWERED); answered < reported - ahead; answered = Atomics.load(shared, ANSWERED)) Atomics.wait(shared, ANSWERED, answered);
    return Atomics.load(shared, CANCEL) === 1;
  };
  const listener: StepListener<unknown> = {
    onProgress: (progress) => {
      reported++;
      port.postMessage({ progress } satisfies FromWorker<unknown>);
    },
    isCancelled: () => answeredBut(1),
    onCommitting: () => {
      reported++;
      port.postMessage({ committing: true } satisfies FromWorker<unknown>);
      if (answeredBut(0)) throw new ImportCancelled();
    },
    onCommitted: () => port.postMessage({ committed: true } satisfies FromWorker<unknown>),
  };
  port.on('message', (message: ToWorker) => {
    if ('cancel' in message) return running?.abort();
    if ('close' in message) {
      close();
      port.close();
      return;
    }
    const call = (running = new AbortController());
    answer(message.call, listener, call.signal)
      .finally(() => running === call && (running = null))
      .then(
        (done) => port.postMessage({ done } satisfies FromWorker<unknown>),
        (err: unknown) => port.postMessage(failure(err) satisfies FromWorker<unknown>),
      );
  });
}

function failure(err: unknown): Failure {
  if (!(err instanceof Error)) return { failed: String(err), cancelled: false };
  const { code } = err as { code?: unknown };
  return { failed: err.message, cancelled: err instanceof ImportCancelled, name: err.name, ...(typeof code === 'string' ? { code } : {}) };
}

/** serveOnWorker for a worker that does one thing, whatever it is called with. */
export const answerOnWorker = (work: (listener: StepListener<unknown>, signal: AbortSignal) => Promise<unknown>, close: () => void): void =>
  serveOnWorker((_call, listener, signal) => work(listener, signal), close);
