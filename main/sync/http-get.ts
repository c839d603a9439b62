import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { isLinkLocalHost } from '../security/link-local';
import { HttpStatusError, SyncCancelled, SyncError, TooLargeError } from './sync-error';

/** The time a whole download may take, shared by all its requests: a server trickling bytes cannot hold it for ever. */
export interface Deadline {
  signal: AbortSignal;
  seconds: number;
}

export const deadlineIn = (seconds: number): Deadline => ({ signal: AbortSignal.timeout(seconds * 1000), seconds });

export interface GetOptions {
  /** Refuse the response once more than this many bytes have arrived (or are announced). */
  maxBytes: number;
  /** How long the server may stay silent: before it answers, or between two parts of the body. */
  timeoutMs: number;
  headers?: Record<string, string>;
  /** The person cancelling: the request or the body being read is dropped at once. */
  signal?: AbortSignal;
  deadline?: Deadline;
  /** Who answers, as messages name it: "The feed server" unless told ("The HSDS API at api.example.org"). */
  server?: string;
}

export interface GetResult {
  status: number;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

/**
 * One GET of an http(s) address with a silence timeout, an overall deadline and a byte cap, for feed
 * files: a slow link that keeps sending finishes, a stalled one is dropped, one that trickles past the
 * deadline is dropped too, and nothing can send more than the cap. Every failure becomes a SyncError in
 * plain words naming the address; 304 comes back as a result when the caller asked conditionally; other
 * non-2xx statuses are failures.
 *
 * Redirects are followed here, a few at most, so that every address asked (the first and each one a
 * server sends the app on to) passes the same checks: http or https, and never a link-local host.
 *
 * A connection the server drops is tried once more on a fresh one: a kept-alive connection left idle
 * while a large directory was applied is often closed by the server just as the next request goes out,
 * and a GET of a signed, hash-checked file is safe to repeat. A cancel (options.signal) is never retried.
 */
export async function httpGet(url: string, options: GetOptions): Promise<GetResult> {
  return retriedOnce(async () => {
    const chunks: Buffer[] = [];
    const meta = await getOnce(url, options, (chunk) => chunks.push(Buffer.from(chunk)));
    return { ...meta, body: Buffer.concat(chunks) };
  });
}

/**
 * httpGet for a data file, streamed to `path` as it arrives (created or emptied first) and hashed on the
 * way: memory stays small whatever the file's size, and the file never grows past options.maxBytes.
 */
export async function httpGetToFile(url: string, path: string, options: GetOptions): Promise<{ length: number; sha256: string }> {
  return retriedOnce(async () => {
    const fd = openSync(path, 'w');
    const hash = createHash('sha256');
    let length = 0;
    try {
      await getOnce(url, options, (chunk) => {
        writeSync(fd, chunk);
        hash.update(chunk);
        length += chunk.byteLength;
      });
    } finally {
      closeSync(fd);
    }
    return { length, sha256: hash.digest('hex') };
  });
}

async function retriedOnce<T>(get: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (err) {
    if (err instanceof ConnectionDropped) return get();
    throw err;
  }
}

class ConnectionDropped extends SyncError {}

/** One request; the body goes to `sink` part by part, never past the cap. */
async function getOnce(url: string, options: GetOptions, sink: (chunk: Uint8Array) => void): Promise<Omit<GetResult, 'body'>> {
  if (options.signal?.aborted) throw new SyncCancelled();
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), options.timeoutMs);
  const heardFromServer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), options.timeoutMs);
  };
  const seconds = Math.round(options.timeoutMs / 100) / 10;
  const { deadline } = options;
  const server = options.server ?? 'The feed server';
  try {
    const signal = AbortSignal.any([abort.signal, ...(options.signal ? [options.signal] : []), ...(deadline ? [deadline.signal] : [])]);
    const res = await fetchFollowing(url, { headers: options.headers, signal });
    const meta = { status: res.status, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    if (res.status === 304) {
      await res.body?.cancel();
      // Only an answer to a conditional GET: to any other request it would pass off an empty body as the file.
      if (!options.headers?.['If-None-Match'] && !options.headers?.['If-Modified-Since']) {
        throw new SyncError(`${server} answered "not modified" (304) for ${url}, though this computer had no copy for it to compare with: the server or something in between is misbehaving. Nothing was changed.`);
      }
      return meta;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new HttpStatusError(statusMessage(server, url, res.status), res.status, res.headers.get('retry-after'));
    }
    const announced = Number(res.headers.get('content-length') ?? NaN);
    if (announced > options.maxBytes) {
      await res.body?.cancel();
      throw tooLarge(url, options.maxBytes);
    }
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heardFromServer();
        size += value.byteLength;
        if (size > options.maxBytes) {
          await reader.cancel();
          throw tooLarge(url, options.maxBytes);
        }
        sink(value);
      }
    }
    return meta;
  } catch (err) {
    if (options.signal?.aborted) throw new SyncCancelled();
    if (err instanceof SyncError) throw err;
    if (deadline?.signal.aborted) {
      throw new SyncError(`${options.server ? 'The pull' : "The feed's download"} took longer than the ${deadline.seconds} seconds allowed for it and was stopped (at ${url}). The server may be overloaded; try again later, or allow more time. Nothing was changed.`);
    }
    if (abort.signal.aborted) throw new SyncError(`${server} stopped answering for ${seconds} seconds (${url}). Nothing was changed.`);
    const reason = networkReason(err);
    throw new (reason === CLOSED ? ConnectionDropped : SyncError)(`Could not download ${url}: ${reason}. Nothing was changed.`);
  } finally {
    clearTimeout(timer);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

async function fetchFollowing(url: string, init: RequestInit): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    checkAddress(current, url);
    const res = await fetch(current, { ...init, redirect: 'manual' });
    const location = REDIRECTS.has(res.status) ? res.headers.get('location') : null;
    if (location === null) return res;
    await res.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new SyncError(`${url} redirected more than ${MAX_REDIRECTS} times, so it was not downloaded. Nothing was changed.`);
    current = URL.parse(location, current)?.href ?? '';
  }
}

/** An address main may ask: http or https, on a host that is not link-local (see link-local.ts). */
function checkAddress(address: string, asked: string): void {
  const parsed = URL.parse(address);
  const via = address === asked ? '' : ` (${asked} sent the app on to it)`;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new SyncError(`"${address}" is not an http or https address${via}, so it was not downloaded. Nothing was changed.`);
  }
  if (isLinkLocalHost(parsed)) throw new SyncError(linkLocalRefusal(address + via));
}

export const linkLocalRefusal = (address: string): string =>
  `${address} is on a link-local address (169.254.x.x or fe80::), where cloud metadata services answer; Referral Atlas does not contact those. Nothing was changed.`;

function statusMessage(server: string, url: string, status: number): string {
  if (status === 404) return server === 'The feed server' ? `The feed server has no file at ${url} (404 not found). Check the feed address. Nothing was changed.` : `${server} has nothing at ${url} (404 not found). Check the source's address. Nothing was changed.`;
  if (status >= 500) return `${server} had an internal error (${status}) for ${url}. Try again later. Nothing was changed.`;
  return `${server} refused ${url} (HTTP ${status}). Nothing was changed.`;
}

const tooLarge = (url: string, max: number) =>
  new TooLargeError(`${url} is larger than the ${max.toLocaleString('en-US')} bytes allowed for it, so it was not downloaded. Nothing was changed.`);

const CLOSED = 'the server closed the connection before the download finished';

/** undici wraps the socket error in `cause`; the person at the desk needs only the gist. */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection (is the address right and the server running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the server name could not be found (is this computer online?)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return CLOSED;
    default:
      return (err as Error).message === 'terminated' ? CLOSED : (cause?.message ?? (err as Error).message);
  }
}
