/** A failure whose message is written for the person at the desk: it says what went wrong and that nothing changed. */
export class SyncError extends Error {}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
