import type { ReadDb } from '../../db/open';
import { runStepsAsync } from '../../jobs/steps';
import { nestServicesSteps } from '../../hsds/export/export-json';
import { readSourceTablesSteps } from '../source-tables';
import type { ApiGetOptions } from './api-get';
import { readApiIds } from './api-ids';
import { apiBase, isObject, readApiService, readApiServices } from './api-pages';

/**
 * How far before the last pull's start a later pull asks from. The start time is this computer's clock
 * and `modified_after` is compared with the server's: an overlap covers a server clock that is behind,
 * and re-reading a service that did not change costs a few bytes and shows as no change.
 */
export const OVERLAP_MS = 10 * 60 * 1000;

const idOf = (s: unknown): string | null => (isObject(s) && typeof s.id === 'string' && s.id !== '' ? s.id : null);

/**
 * The nested records (an organization, a location, a phone…) that read services carry, by the key they
 * sit under and their id, so a stored service that shares one gets the newer copy: a service whose
 * organization was edited is listed as changed, the others of that organization may not be, and one id
 * with two different contents would be refused.
 */
function newestNested(read: unknown[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (value: unknown, key: string, top: boolean) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key, false));
    if (!isObject(value)) return;
    const id = idOf(value);
    if (!top && id !== null) found.set(`${key}:${id}`, value);
    for (const [k, v] of Object.entries(value)) walk(v, k, false);
  };
  read.forEach((s) => walk(s, 'service', true));
  return found;
}

/**
 * A stored value with the newer copies swapped in. What holds no newer copy is returned as it is, and an
 * object met again (nestServices shares an organization among its services) is answered from `done`, so a
 * merge costs what changed rather than a copy of the whole source.
 */
function withNewest(value: unknown, key: string, newest: Map<string, unknown>, done: Map<string, WeakMap<object, unknown>>): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => withNewest(v, key, newest, done));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (!isObject(value)) return value;
  const id = idOf(value);
  if (id !== null && newest.has(`${key}:${id}`)) return newest.get(`${key}:${id}`);
  let under = done.get(key);
  if (!under) done.set(key, (under = new WeakMap()));
  if (under.has(value)) return under.get(value);
  const entries = Object.entries(value).map(([k, v]) => [k, withNewest(v, k, newest, done)] as const);
  const merged = entries.some(([k, v]) => v !== value[k]) ? Object.fromEntries(entries) : value;
  under.set(value, merged);
  return merged;
}

/** Listed services merged between two yields. */
const SERVICES_BETWEEN_YIELDS = 1_000;

/**
 * An incremental HSDS API pull: the services changed since `since` (less OVERLAP_MS), the ids listed now
 * (api-ids.ts), and the source's stored services. The result is the whole source as the API has it now:
 * every listed service, changed ones as read, unchanged ones as stored, and any listed service neither
 * read nor stored (one left out of an earlier pull as invalid) fetched whole; a stored service no longer
 * listed is gone, and so is a changed one the later listing no longer has. `read` counts the services that
 * came over the network, which the quarantine's share is reckoned on; `stored` is the source's services as
 * installed, which stand in for changed ones that fail validation (quarantine.ts).
 */
export async function readApiChanges(
  db: ReadDb,
  name: string,
  baseUrl: string,
  since: string,
  options: ApiGetOptions,
  progress?: (line: string) => void,
): Promise<{ services: unknown[]; read: number; stored: ReadonlyMap<string, unknown> }> {
  const after = new Date(Date.parse(since) - OVERLAP_MS).toISOString();
  const changed = await readApiServices(baseUrl, options, progress, after);
  const listed = await readApiIds(baseUrl, options, progress);
  const byId = new Map(changed.flatMap((s) => (idOf(s) === null ? [] : [[idOf(s)!, s] as const])));
  const newest = newestNested(changed);
  // Read a page at a time and nested in batches, the event loop free between: the app answers through a large source.
  const tables = await runStepsAsync(readSourceTablesSteps(db, name));
  const stored = new Map((await runStepsAsync(nestServicesSteps(tables))).map((s) => [String(s.id), s]));
  const services: unknown[] = changed.filter((s) => idOf(s) === null);
  let read = changed.length;
  const done = new Map<string, WeakMap<object, unknown>>();
  let merged = 0;
  for (const id of listed) {
    if (++merged % SERVICES_BETWEEN_YIELDS === 0) await new Promise((ok) => setImmediate(ok));
    const s = byId.get(id) ?? (stored.has(id) ? withNewest(stored.get(id), 'service', newest, done) : undefined);
    if (s !== undefined) services.push(s);
    else {
      services.push(await readApiService(apiBase(baseUrl), id, options));
      read++;
    }
  }
  progress?.(`${changed.length} changed service(s), ${listed.size} listed, ${stored.size} stored before.`);
  return { services, read, stored };
}
