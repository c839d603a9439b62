import { readFileSync } from 'node:fs';
import type { Db } from '../../db/open';
import { flattenHsdsJson } from '../read/flatten-json';
import { installDataset } from './install-dataset';

export const STARTER_DATASET_ID = 'referral-atlas-starter-california';
/** Bump when data/starter-directory.json changes (scripts/build-starter-directory.mjs writes it). */
export const STARTER_VERSION = '2026.12.05.3';

/**
 * First run: a database with no installed dataset gets the bundled starter directory, through the same
 * install path every later import and sync uses.
 */
export function ensureStarterDirectory(db: Db, starterPath: string): boolean {
  const installed = db.prepare('SELECT 1 FROM dataset_install LIMIT 1').get();
  if (installed) return false;
  const { tables, problems } = flattenHsdsJson(JSON.parse(readFileSync(starterPath, 'utf8')));
  if (problems.length > 0) {
    throw new Error(`The bundled starter directory is damaged: ${problems[0]!.path}: ${problems[0]!.message}`);
  }
  installDataset(db, tables, { datasetId: STARTER_DATASET_ID, version: STARTER_VERSION, source: 'starter' });
  return true;
}
