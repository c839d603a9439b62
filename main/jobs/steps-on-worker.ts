import { parentPort, Worker, workerData } from 'node:worker_threads';
import { ImportCancelled, type StepListener, type StepProgress } from './steps';

/**
 * A long write run on a worker thread with a connection of its own, so that nothing of it holds this
 * thread, its commit least of all. After a write whose pages spilled to the log as it ran, SQLite's commit
 * re-reads that log from the first page the write overwrote there (to chain its checksums again): a
 * rollback's three-way copy overwrites freed pages early on, and its commit then read back some 350 MB of
 * log in one call, over a second at 100,000 services. A worker can take that; the window cannot.
 *
 * The two threads go step by step: the worker reports each step and waits until this thread has handed it
 * to the listener and asked it about a cancel, so a cancel or a failing listener is heard between the same
 * two steps as on this thread, and the write still commits whole or not at all.
 */

/** Slots of the array the two threads share: how many reports this thread has answered, and whether to stop. */
const ANSWERED = 0;
const CANCEL = 1;

type FromWorker<T> = { progress: StepProgress } | { committed: true } | { done: T } | { failed: string; cancelled: boolean };

/**
 * Starts `script` (which calls answerOnWorker) with `data`, and settles as its write does: with its
 * value once committed, with ImportCancelled when the listener asked it to stop, or with the failure.
 * `transfer`: buffers of `data` handed to the worker rather than copied (gone from this thread).
 */
export function stepsOnWorker<T>(script: string, data: object, listener: StepListener = {}, transfer: readonly ArrayBuffer[] = []): Promise<T> {
  const shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    /** What the listener threw: the write is stopped, and this is what it failed with. */
    let failure: unknown = null;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const worker = new Worker(script, { workerData: { ...data, shared }, transferList: [...transfer] });
    worker.on('message', (message: FromWorker<T>) => {
      if ('progress' in message) {
        try {
          listener.onProgress?.(message.progress);
          if (listener.isCancelled?.()) Atomics.store(shared, CANCEL, 1);
        } catch (err) {
          failure = err;
          Atomics.store(shared, CANCEL, 1);
        }
        Atomics.add(shared, ANSWERED, 1);
        Atomics.notify(shared, ANSWERED);
      } else if ('committed' in message) listener.onCommitted?.();
      else if ('done' in message) settle(() => resolve(message.done));
      else settle(() => reject(failure ?? (message.cancelled ? new ImportCancelled() : new Error(message.failed))));
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`The write's worker thread ended (code ${code}) before it answered. Nothing was changed.`))));
  });
}

/**
 * On the worker thread: runs `write` with a listener that reports to the thread that started it and
 * waits for its answer before the next step, then sends how the write ended. Settles once sent, so what
 * the write leaves to tidy (its connection) is done after the answer, not before it.
 */
export function answerOnWorker<T>(write: (listener: StepListener) => Promise<T>): Promise<void> {
  const { shared } = workerData as { shared: Int32Array };
  const port = parentPort!;
  let reported = 0;
  const listener: StepListener = {
    onProgress: (progress) => {
      reported++;
      port.postMessage({ progress } satisfies FromWorker<T>);
    },
    isCancelled: () => {
      for (let answered = Atomics.load(shared, ANSWERED); answered < reported; answered = Atomics.load(shared, ANSWERED)) Atomics.wait(shared, ANSWERED, answered);
      return Atomics.load(shared, CANCEL) === 1;
    },
    onCommitted: () => port.postMessage({ committed: true } satisfies FromWorker<T>),
  };
  return write(listener).then(
    (done) => port.postMessage({ done } satisfies FromWorker<T>),
    (err: unknown) => port.postMessage({ failed: err instanceof Error ? err.message : String(err), cancelled: err instanceof ImportCancelled } satisfies FromWorker<T>),
  );
}
