import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticDatabase } from '../e2e/synthetic-directory';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(tmpdir(), 'atlas-bench-cache');

/**
 * What the database file is made from: the size, the generator and the installer's entry for tests, and
 * the migrations (a new one changes the file's tables). Another key makes another file.
 */
function inputsKey(services: number): string {
  const hash = createHash('sha256').update(String(services));
  for (const file of ['scripts/gen-synthetic-data.ts', 'e2e/synthetic-directory.ts']) hash.update(readFileSync(join(ROOT, file)));
  for (const name of readdirSync(join(ROOT, 'main', 'db', 'migrations')).sort()) hash.update(name);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A database file holding a synthetic directory of `services`, made once and kept in the system's temp
 * folder: at 100,000 services generating and installing it takes about a minute, which would otherwise
 * come before every run. Callers copy it (launchApp does) and never write to it.
 */
export function cachedSyntheticDatabase(services: number, log: (...a: unknown[]) => void): string {
  const path = join(CACHE, `synthetic-${services}-${inputsKey(services)}.sqlite`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  log(`making a synthetic database of ${services} services (kept in ${CACHE} for later runs)…`);
  const made = syntheticDatabase(services);
  try {
    // Renamed into place whole: a run stopped halfway leaves no file that looks finished.
    copyFileSync(made.path, `${path}.partial`);
    renameSync(`${path}.partial`, path);
  } finally {
    made.remove();
  }
  return path;
}
