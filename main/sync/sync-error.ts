/** A failure whose message is written for the person at the desk: it says what went wrong and that nothing changed. */
export class SyncError extends Error {}

/** The person stopped a check, apply or restore before it committed: not a failure, and nothing changed. */
export class SyncCancelled extends SyncError {
  constructor() {
    super('Cancelled: nothing was changed.');
  }
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
