import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineIn } from '../../sync/http-get';
import { readApiIds } from './api-ids';

/** Answers /{case}/services?minimal=true with what that case's server returns. */
const ANSWERS: Record<string, (page: number) => unknown> = {
  // The spec's form: one bare array of ids and modified dates.
  bare: () => [{ id: 'a', last_modified: '2026-01-01' }, { id: 'b' }],
  // minimal ignored, the listing paged as usual (full services or summaries: only the ids are taken).
  paged: (page) => ({ contents: page === 1 ? [{ id: 'a', name: 'A', phones: [] }] : [{ id: 'c', name: 'C' }], total_pages: 2, page_number: page }),
  'no-id': () => [{ id: 'a' }, { name: 'nameless' }],
  'not-a-page': () => ({ items: [] }),
};

describe('the listing of service ids an incremental pull finds deletions in', () => {
  let server: Server;
  let base = '';
  const options = { headers: {}, deadline: deadlineIn(30), timeoutMs: 5_000, maxBytes: 1_000_000, received: { bytes: 0 }, retryDelayMs: 10, maxRetryAfterSeconds: 1, server: 'The HSDS API at test' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const answer = ANSWERS[url.pathname.split('/')[1]!]!(Number(url.searchParams.get('page')));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('takes a bare array as the whole listing', async () => {
    expect([...(await readApiIds(`${base}/bare/`, options))]).toEqual(['a', 'b']);
  });

  it('reads a Page to its last page when the server pages it or ignores minimal', async () => {
    expect([...(await readApiIds(`${base}/paged`, options))]).toEqual(['a', 'c']);
  });

  it('stops when the pages together pass what one pull may download, not only when one page does', async () => {
    const small = { ...options, maxBytes: 120, received: { bytes: 0 } };
    await expect(readApiIds(`${base}/paged`, small)).rejects.toThrow(/^The HSDS API at test would send more than the 0 MB this app reads in one pull \(it passed it at http:.*page=2.*\), so the pull stopped\. Nothing was changed\.$/);
    expect(small.received.bytes).toBeGreaterThan(0);
    expect(small.received.bytes).toBeLessThanOrEqual(120);
  });

  it('stops at an item without an id, or an answer that is neither a list nor a Page: a hole would read as deletions', async () => {
    await expect(readApiIds(`${base}/no-id`, options)).rejects.toThrow(/holds an item with no id, so deletions cannot be told/);
    await expect(readApiIds(`${base}/not-a-page`, options)).rejects.toThrow(/is neither a list nor an HSDS Page/);
  });
});
