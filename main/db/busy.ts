/** SQLite's answer when another connection (another import, a sync, the app) holds the write lock past the wait. */
export const isBusy = (err: unknown): boolean =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');

export const BUSY_MESSAGE =
  'Another import or update is running on this directory, so its database is locked. Try again when it has finished. Nothing was changed.';
