/** A failure whose message is written for the person at the desk: it says what went wrong and that nothing changed. */
export class SyncError extends Error {}

/** The server answered with an error status: a caller that may retry (a 429, a 503) needs the status and the wait it asked for. */
export class HttpStatusError extends SyncError {
  constructor(message: string, readonly status: number, readonly retryAfter: string | null) {
    super(message);
  }
}

/** A download was stopped for passing the bytes it was allowed: a caller sharing one allowance over many downloads says so in its own words. */
export class TooLargeError extends SyncError {}

/** The person stopped a check, apply or restore before it committed: not a failure, and nothing changed. */
export class SyncCancelled extends SyncError {
  constructor() {
    super('Cancelled: nothing was changed.');
  }
}

/** A SyncError's name as it crosses from a worker thread, which carries only a failure's message, name and code. */
export const REFUSAL = 'SyncError';

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
