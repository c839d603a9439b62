import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** SYNTHETIC HSDS services and an HSDS API serving them on 127.0.0.1, for the pull tests and the pull bench. */
export const uuid = (n: number) => `b2c3d4e5-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const service = (n: number, extra: Record<string, unknown> = {}) => ({
  id: uuid(n),
  name: `SYNTHETIC pulled service ${n}`,
  status: 'active',
  organization: { id: uuid(900), name: 'SYNTHETIC County Org', description: 'synthetic' },
  phones: [],
  ...extra,
});
export const range = (n: number) => Array.from({ length: n }, (_, i) => service(i + 1));

/** Items of a long list written between two turns of the event loop. */
const LIST_SLICE = 5_000;

/**
 * A JSON list answered a slice at a time, the event loop free between: the pull bench's probe of the
 * window's thread shares this process with the server, which a real API never does, and the id listing
 * of a statewide directory turned into JSON at once held it for a tenth of a second.
 */
function listInSlices<T>(res: ServerResponse, items: readonly T[], map: (item: T) => unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let at = 0;
  const next = () => {
    const slice = items.slice(at, at + LIST_SLICE).map((item) => JSON.stringify(map(item))).join(',');
    res.write(at === 0 ? `[${slice}` : `,${slice}`);
    at += LIST_SLICE;
    if (at >= items.length) res.end(']');
    else setImmediate(next);
  };
  next();
}

export type Handler = (req: IncomingMessage, res: ServerResponse, page: number) => boolean;

/**
 * An HSDS API on 127.0.0.1: its root (`root`: what it says of itself, null for none), `/services` in pages of what per_page asks, at most `pageSize` (real servers
 * cap it), in the 3.0 or the older Page envelope, `/services/{id}`, and `/directory.json` with an ETag.
 * With `incremental`, it honours `modified_after` (services whose last_modified is on or after it) and
 * answers `minimal=true` with a bare array of ids and modified dates, as the spec has it; without, it
 * ignores both, as many servers do. `misbehave` may answer a request itself (a 500, a 429) and return true.
 * While `hold` is a promise, requests wait for it before they are answered (to watch a pull in progress).
 */
export async function startApi() {
  const state = { root: { version: '3.0.0' } as unknown, services: range(5) as Record<string, unknown>[], pageSize: 2, envelope: '3.0' as '3.0' | 'older', shallow: false, incremental: false, misbehave: null as Handler | null, requireHeader: null as string | null, zip: null as Buffer | null, hold: null as Promise<void> | null };
  const requests: string[] = [];
  /** Services sent in listing pages (not the id listing), to tell how many a pull read. */
  const served = { services: 0 };
  const server: Server = createServer((req, res) => {
    if (state.hold) return void state.hold.then(() => answer(req, res));
    answer(req, res);
  });
  function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (state.misbehave?.(req, res, page)) return;
    if (state.requireHeader && req.headers['x-api-key'] !== state.requireHeader) return void res.writeHead(401).end();
    const json = (doc: unknown, headers: Record<string, string> = {}) => res.writeHead(200, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(doc));
    if (url.pathname === '/api/') return state.root === null ? void res.writeHead(404).end() : json(state.root);
    if (url.pathname === '/api/services') {
      const after = url.searchParams.get('modified_after');
      if (state.incremental && url.searchParams.get('minimal') === 'true') return listInSlices(res, state.services, (s) => ({ id: s.id, last_modified: s.last_modified }));
      const listed = state.incremental && after ? state.services.filter((s) => String(s.last_modified) >= after) : state.services;
      const size = Math.min(Number(url.searchParams.get('per_page') ?? state.pageSize) || state.pageSize, state.pageSize);
      const total = Math.max(1, Math.ceil(listed.length / size));
      const items = listed.slice((page - 1) * size, page * size).map((s) => (state.shallow ? { id: s.id, name: s.name } : s));
      served.services += items.length;
      return json(state.envelope === '3.0' ? { total_items: listed.length, total_pages: total, page_number: page, size: items.length, first_page: page === 1, last_page: page >= total, empty: items.length === 0, contents: items } : { content: items, totalPages: total, number: page, last: page >= total });
    }
    const one = /^\/api\/services\/(.+)$/.exec(url.pathname);
    if (one) {
      const s = state.services.find((x) => x.id === decodeURIComponent(one[1]!));
      return s ? json(s) : void res.writeHead(404).end();
    }
    if (url.pathname === '/directory.zip' && state.zip) return void res.writeHead(200, { 'Content-Type': 'application/zip' }).end(state.zip);
    if (url.pathname === '/directory.json') {
      const body = JSON.stringify(state.services);
      const etag = `"${body.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      return json(state.services, { ETag: etag });
    }
    res.writeHead(404).end();
  }
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, requests, served, base, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}

