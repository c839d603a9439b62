import { NESTING } from '../../hsds/read/flatten-json';
import { pageItems } from '../../hsds/read/json-shape';
import { SyncError } from '../../sync/sync-error';
import { getJson, type ApiGetOptions } from './api-get';

/** Services asked for per page: the API's usual maximum, so a large directory takes fewer requests. */
export const PER_PAGE = 100;
/** More pages than any directory has (10 million services): a server that never says "last" is stopped. */
export const MAX_PAGES = 100_000;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether this page is the last: the 3.0 envelope's `last_page` / `total_pages`, or the older `last` / `totalPages`. */
export function isLastPage(page: Record<string, unknown>, asked: number, items: number): boolean {
  if (items === 0) return true;
  const last = page.last_page ?? page.last;
  if (typeof last === 'boolean') return last;
  const total = page.total_pages ?? page.totalPages;
  if (typeof total === 'number') return asked >= total;
  throw new SyncError(`Page ${asked} of the listing says neither whether it is the last (last_page or last) nor how many pages there are (total_pages or totalPages), so the pull stopped. Nothing was changed.`);
}

/** Keys a full service nests its tables under; a listing item with none of them is a summary. */
const NESTED_KEYS = Object.entries(NESTING.service!).filter(([, n]) => n.kind === 'array').map(([k]) => k);
const isShallow = (s: Record<string, unknown>) => typeof s.id === 'string' && !NESTED_KEYS.some((k) => k in s);

/** An API's base address without the trailing slash its paths are added to. */
export const apiBase = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/** One service in full, for an item a listing gives only in summary or one listed and not read. */
export const readApiService = (base: string, id: string, options: ApiGetOptions): Promise<unknown> => getJson(`${base}/services/${encodeURIComponent(id)}`, options);

/**
 * Every service an HSDS API lists, in full: `/services` page by page (`full=true`), in either Page
 * envelope, and `/services/{id}` for an item the listing gives only in summary. With `modifiedAfter`,
 * only those the API says changed on or after that time (`modified_after`). Any page or service that
 * fails (after api-get.ts's retries), or a page that is not a Page, fails the whole read: a pull applies
 * all of a listing or nothing.
 */
export async function readApiServices(baseUrl: string, options: ApiGetOptions, progress?: (line: string) => void, modifiedAfter?: string): Promise<unknown[]> {
  const base = apiBase(baseUrl);
  const since = modifiedAfter === undefined ? '' : `&modified_after=${encodeURIComponent(modifiedAfter)}`;
  const services: unknown[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new SyncError(`${base}/services went past ${MAX_PAGES} pages without a last one, so the pull stopped. Nothing was changed.`);
    const url = `${base}/services?page=${page}&per_page=${PER_PAGE}&full=true${since}`;
    const doc = await getJson(url, options);
    const found = pageItems(doc);
    if (!found || !isObject(doc)) {
      throw new SyncError(`Page ${page} of the listing (${url}) is not an HSDS Page (no "contents" or "content" list), so the pull stopped. Nothing was changed.`);
    }
    for (const item of found.items) {
      services.push(isObject(item) && isShallow(item) ? await readApiService(base, item.id as string, options) : item);
    }
    progress?.(`Read page ${page} (${services.length} service(s) so far)…`);
    if (isLastPage(doc, page, found.items.length)) return services;
  }
}
