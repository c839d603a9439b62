import { SyncError } from '../../sync/sync-error';
import { getJson, type ApiGetOptions } from './api-get';
import { apiBase, isObject } from './api-pages';

/**
 * What an HSDS API says of itself at its root (`GET /`: version, profile, openapi_url). A pull reads HSDS 3
 * APIs, so a root naming another major version is refused before any page is read, rather than misread.
 * Many live servers serve only `/services`: a root that does not answer, or names no version, is read as
 * HSDS 3 and the pull says so (the returned warning; null when the root says 3).
 */
export async function checkApiVersion(baseUrl: string, options: ApiGetOptions): Promise<string | null> {
  let root: unknown;
  try {
    root = await getJson(`${apiBase(baseUrl)}/`, options);
  } catch {
    return `${options.server} did not say which HSDS version it serves (its root address gave no answer); it was read as HSDS 3.`;
  }
  const version = isObject(root) && typeof root.version === 'string' ? root.version.trim() : null;
  if (version === null || version === '') return `${options.server} did not say which HSDS version it serves (no "version" at its root address); it was read as HSDS 3.`;
  if (!/^v?3(\.|$)/.test(version)) {
    throw new SyncError(`${options.server} says it serves HSDS ${version}; this app pulls HSDS 3 APIs. A directory of an older version can be exported as a datapackage and added with --kind datapackage. Nothing was changed.`);
  }
  return null;
}
