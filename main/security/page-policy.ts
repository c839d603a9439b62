import type { Db } from '../db/open';
import { readMapSettings } from '../map/settings';
import { tileOrigin } from '../../shared/map-contract';
import { contentSecurityPolicy } from './csp';

/**
 * The Content-Security-Policy every app:// response carries, allowing the online tile host the desk
 * saved. Whatever is stored, this answers: a policy that cannot be built means a page that never loads
 * again, with no way left to send the fix, so a settings read that fails gives the offline policy.
 */
export function pagePolicy(db: Db): string {
  return contentSecurityPolicy({ tileOrigin: savedTileOrigin(db) });
}

function savedTileOrigin(db: Db): string | null {
  try {
    return tileOrigin(readMapSettings(db));
  } catch {
    return null;
  }
}
