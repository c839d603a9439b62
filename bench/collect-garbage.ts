/**
 * A full collection of the bench process's own heap, between timed parts: what one part left behind (a
 * generated directory, a rebuild run on this thread) is then not collected inside the next part's timing,
 * where the app, which never held it, would not collect it either. `npm run bench` runs node with
 * --expose-gc; elsewhere this is a no-op.
 */
export const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();
