import { httpGet, type Deadline } from '../../sync/http-get';
import { HttpStatusError, SyncError, TooLargeError } from '../../sync/sync-error';

/** How an HSDS API is asked: the limits of http-get.ts, and how long to wait before trying again. */
export interface ApiGetOptions {
  headers: Record<string, string>;
  deadline: Deadline;
  timeoutMs: number;
  /** The most a whole pull may download, every page and service together (the import's size cap). */
  maxBytes: number;
  /** What this pull has downloaded so far: one counter shared by its requests. */
  received: { bytes: number };
  signal?: AbortSignal;
  /** The wait before retrying a 5xx; doubled each time. */
  retryDelayMs: number;
  /** The longest Retry-After a 429 or 503 may ask for; a longer one fails the pull rather than hold it. */
  maxRetryAfterSeconds: number;
  /** Who answers, as messages name it ("The HSDS API at api.example.org"). */
  server: string;
}

/** Tries after the first: a server that keeps failing fails the pull instead of holding it for ever. */
const RETRIES = 3;

/** Seconds a Retry-After asks for: a number of seconds or an HTTP date; none given is one second. */
function retryAfterSeconds(header: string | null): number {
  if (header === null || header.trim() === '') return 1;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1 : Math.max(0, (at - Date.now()) / 1000);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * One JSON document from an HSDS API. A 429 or 503 is retried after the wait the server asks for
 * (Retry-After, bounded); another 5xx, a silent server or a dropped connection after a short backoff;
 * a few times at most. A 4xx other than 429 is the answer and is not retried. Anything but JSON fails
 * with a sentence naming the address.
 */
export async function getJson(url: string, options: ApiGetOptions): Promise<unknown> {
  let body: Buffer | undefined;
  for (let attempt = 0; body === undefined; attempt++) {
    try {
      body = (await httpGet(url, { ...options, maxBytes: options.maxBytes - options.received.bytes })).body;
      options.received.bytes += body.length;
    } catch (err) {
      if (err instanceof TooLargeError) {
        throw new SyncError(`${options.server} would send more than the ${Math.round(options.maxBytes / 1024 ** 2)} MB this app reads in one pull (it passed it at ${url}), so the pull stopped. Nothing was changed.`);
      }
      if (!(err instanceof SyncError) || attempt === RETRIES || options.signal?.aborted || options.deadline.signal.aborted) throw err;
      const status = err instanceof HttpStatusError ? err.status : null;
      if (status !== null && status < 500 && status !== 429) throw err;
      if (status === 429 || status === 503) {
        const wait = retryAfterSeconds((err as HttpStatusError).retryAfter);
        if (wait > options.maxRetryAfterSeconds) {
          throw new SyncError(`${options.server} asked to wait ${Math.round(wait)} seconds before asking ${url} again (HTTP ${status}), longer than the ${options.maxRetryAfterSeconds} allowed; pull again later. Nothing was changed.`);
        }
        await sleep(wait * 1000, options.signal);
      } else await sleep(options.retryDelayMs * 2 ** attempt, options.signal);
    }
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new SyncError(`${url} did not answer with JSON (${(err as Error).message}), so the pull stopped. Nothing was changed.`);
  }
}
