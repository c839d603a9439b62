import { dirname, join } from 'node:path';
import type { Db, ReadDb } from '../db/open';
import { DEFAULT_DEADLINE_SECONDS, MAX_WAIT_SECONDS } from '../../shared/sync-types';
import { generateKeyFiles } from './keys';
import { publishFeed } from './publish';
import { syncOnce } from './sync-once';
import { messageOf, SyncError } from './sync-error';

export const SYNC_USAGE = `  keygen --out KEYFILE               make a publisher key pair (KEYFILE private, KEYFILE.pub to share)
  publish --key KEYFILE --out DIR [--expires-days 90]
                                     write the installed directory as a signed feed into DIR
  sync FEED_URL --pin PUBKEY [--timeout SECONDS] [--deadline SECONDS] [--allow-removals] [--json]
                                     fetch, verify and apply a feed (FEED_URL is its manifest.json);
                                     --timeout: how long the server may stay silent (default 30),
                                     --deadline: how long the whole download may take (default 600),
                                     --allow-removals: apply a version that removes more than half of
                                     the installed services
`;

export const SYNC_CLI_OPTIONS = {
  out: { type: 'string' },
  key: { type: 'string' },
  'expires-days': { type: 'string' },
  pin: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
} as const;

export interface SyncCliValues {
  out?: string;
  key?: string;
  'expires-days'?: string;
  pin?: string;
  timeout?: string;
  deadline?: string;
  'allow-removals'?: boolean;
  json?: boolean;
}

type Out = (s: string) => void;

/** The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export function keygenCommand(values: SyncCliValues, out: Out, err: Out): number {
  if (!values.out) return usageError('keygen needs --out KEYFILE', err);
  try {
    const { pin, fingerprint } = generateKeyFiles(values.out);
    out(values.json ? `${JSON.stringify({ ok: true, pin, fingerprint })}\n` : `Private key: ${values.out} (keep it secret; the app never needs it)\nPublic key:  ${values.out}.pub\n  ${pin}\nFingerprint: ${fingerprint}\n`);
    return 0;
  } catch (e) {
    return failed(values, e instanceof SyncError ? e.message : `Could not write the key files: ${messageOf(e)}. Nothing was written.`, out, err);
  }
}

export function publishCommand(db: ReadDb, values: SyncCliValues, out: Out, err: Out): number {
  if (!values.key || !values.out) return usageError('publish needs --key KEYFILE and --out DIR', err);
  try {
    const r = publishFeed(db, { keyPath: values.key, outDir: values.out, expiresDays: Number(values['expires-days'] ?? 90) });
    out(values.json ? `${JSON.stringify({ ok: true, ...r })}\n` : `Published ${r.datasetId} version ${r.version} into ${values.out} (expires ${r.expires.slice(0, 10)}).\nHost the folder as static files; desks sync ${join(values.out, 'manifest.json')} at its web address.\nPublisher fingerprint: ${r.fingerprint}\n`);
    return 0;
  } catch (e) {
    return failed(values, messageOf(e), out, err);
  }
}

/** The message on stderr, and for --json a result a script can read; exit status 1. */
function failed(values: SyncCliValues, message: string, out: Out, err: Out): number {
  if (values.json) out(`${JSON.stringify({ ok: false, error: message })}\n`);
  err(`${message}\n`);
  return 1;
}

export async function syncCommand(db: Db, dbPath: string, url: string | undefined, values: SyncCliValues, out: Out, err: Out): Promise<number> {
  if (!url || !values.pin) return usageError('sync needs FEED_URL and --pin PUBKEY', err);
  const timeoutSeconds = Number(values.timeout ?? 30);
  const deadlineSeconds = Number(values.deadline ?? DEFAULT_DEADLINE_SECONDS);
  for (const [flag, seconds] of [['--timeout', timeoutSeconds], ['--deadline', deadlineSeconds]] as const) {
    if (!(seconds > 0 && seconds <= MAX_WAIT_SECONDS)) return usageError(`${flag} must be a number of seconds above 0 and at most ${MAX_WAIT_SECONDS} (a day)`, err);
  }
  // Ctrl-C stops the sync between steps, changing nothing; a second one quits at once, which is safe too:
  // SQLite drops a transaction that never committed.
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(INTERRUPTED);
    err('Stopping… (Ctrl-C again to quit at once)\n');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  let summary;
  try {
    summary = await syncOnce(db, url, values.pin, {
      feedsDir: join(dirname(dbPath), 'feeds'),
      timeoutMs: timeoutSeconds * 1000,
      deadlineSeconds,
      allowRemovals: values['allow-removals'],
      signal: stop.signal,
      progress: values.json ? undefined : (line) => err(`${line}\n`),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (values.json) out(`${JSON.stringify(summary)}\n`);
  else if (!summary.ok) err(`${summary.error}\n`);
  if (stop.signal.aborted && summary.ok && summary.to_version !== summary.from_version) {
    err(`Too late to stop: version ${summary.to_version} had already been installed.\n`);
  }
  return summary.ok ? 0 : stop.signal.aborted ? INTERRUPTED : 1;
}

function usageError(message: string, err: Out): number {
  err(`${message}.\n`);
  return 2;
}
