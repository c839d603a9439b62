import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a bundled worker thread's script is (electron.vite.config.mts gives each its own entry): beside the
 * code that asks once bundled (out/main, or its chunks folder), or in out/main from the source tree. Null
 * before `npm run build`, when callers do the work on their own thread instead.
 */
export function workerScript(file: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, file), join(here, '..', file), join(here, '..', '..', 'out', 'main', file)];
  return candidates.find((path) => existsSync(path)) ?? null;
}
