import { pageItems } from '../../hsds/read/json-shape';
import { SyncError } from '../../sync/sync-error';
import { getJson, type ApiGetOptions } from './api-get';
import { apiBase, isLastPage, isObject, MAX_PAGES } from './api-pages';

/** Ids asked for per page of the listing: an id is a few dozen bytes, and the spec asks for one call. */
const IDS_PER_PAGE = 1_000;

/**
 * The id of every service an HSDS API lists now, which is how a pull that read only the changes finds
 * deletions. It asks `/services?minimal=true` (the spec's "just id and modified date, all in one call")
 * and takes what comes back as it is: a bare array is the whole listing; a Page is read page by page to
 * its last, like the full listing. A server that ignores `minimal` answers with summaries or full
 * services, which carry their ids too: slower, still right. An item without an id, or a page that is not
 * a Page, fails the pull, since a listing with a hole would read as deletions.
 */
export async function readApiIds(baseUrl: string, options: ApiGetOptions, progress?: (line: string) => void): Promise<Set<string>> {
  const base = apiBase(baseUrl);
  const ids = new Set<string>();
  const take = (items: unknown[], url: string) => {
    for (const item of items) {
      const id = isObject(item) ? item.id : undefined;
      if (typeof id !== 'string' || id === '') throw new SyncError(`The listing of service ids (${url}) holds an item with no id, so deletions cannot be told and the pull stopped. Nothing was changed.`);
      ids.add(id);
    }
  };
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = `${base}/services?minimal=true&page=${page}&per_page=${IDS_PER_PAGE}`;
    const doc = await getJson(url, options);
    if (Array.isArray(doc)) {
      take(doc, url);
      return ids;
    }
    const found = pageItems(doc);
    if (!found || !isObject(doc)) throw new SyncError(`Page ${page} of the listing of service ids (${url}) is neither a list nor an HSDS Page, so the pull stopped. Nothing was changed.`);
    take(found.items, url);
    progress?.(`Listed ${ids.size} service id(s)…`);
    if (isLastPage(doc, page, found.items.length)) return ids;
  }
  throw new SyncError(`${base}/services?minimal=true went past ${MAX_PAGES} pages without a last one, so the pull stopped. Nothing was changed.`);
}
