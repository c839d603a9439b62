import type { SourcePullSummary } from '../../shared/domain';
import type { Db } from '../db/open';
import { SyncError } from '../sync/sync-error';
import { failedPull, fetchAndApply, type PullRunOptions } from './pull-run/fetch-and-apply';
import { pullOnWorker } from './pull-run/on-worker';
import { readPullConfig, type PullConfig } from './pull-config';
import { isPaused, recordPull } from './pull-status';
import { NO_SECRET_BOX, type SecretBox } from './secret-box';

/** What `source pull --json` prints (defined beside the views the app receives). */
export type PullSummary = SourcePullSummary;

export interface PullOptions extends PullRunOptions {
  /** Where the --header-env variables are read from. */
  env?: NodeJS.ProcessEnv;
  /** Opens a key the app sealed (secret-box.ts); the CLI has none, and reads keys from --header-env. */
  keys?: SecretBox;
  /**
   * The app's: the download, check and install run on a worker thread (pull-run/on-worker.ts), so the
   * window's thread stays free through a statewide source; the CLI, which has no window, pulls on its own.
   */
  onWorker?: boolean;
}

/**
 * The API key header: the one a --header-env variable holds ("Name: value"), or the one the app sealed.
 * Its value is never put into a message.
 */
function headersOf(config: PullConfig, env: NodeJS.ProcessEnv, keys: SecretBox): Record<string, string> {
  if (config.sealedKey !== null && config.headerName !== null) {
    if (!keys.available()) throw new SyncError(`This source's API key is kept encrypted by the app, which alone can open it: pull it from the app, or add the source again with --header-env. Nothing was changed.`);
    try {
      return { [config.headerName]: keys.open(Buffer.from(config.sealedKey, 'base64')) };
    } catch {
      throw new SyncError("The app could not open this source's API key with this computer's key store (was it copied from another computer or user account?); remove the source and add it again with its key. Nothing was changed.");
    }
  }
  if (config.headerEnv === null) return {};
  const line = env[config.headerEnv];
  if (line === undefined || line === '') throw new SyncError(`The environment variable ${config.headerEnv}, which holds this source's API key header, is not set. Nothing was changed.`);
  const at = line.indexOf(':');
  if (at <= 0) throw new SyncError(`The environment variable ${config.headerEnv} must hold a header as "Name: value" (e.g. "x-api-key: …"). Nothing was changed.`);
  return { [line.slice(0, at).trim()]: line.slice(at + 1).trim() };
}

/**
 * Pulls a source added with `source add`: reads what it publishes, leaves out invalid services and applies
 * the rest as an import would (pull-run/fetch-and-apply.ts), on this thread or on a worker. Any failure or
 * cancel on the way applies nothing and leaves the cursor where it was. A paused source is refused. Each
 * pull but a dry run or a cancelled one is recorded for `source list` (pull-status.ts): a cancelled pull
 * changes nothing, not even the source's last pull.
 */
export async function pullSource(db: Db, name: string, options: PullOptions = {}): Promise<PullSummary> {
  const summary: PullSummary = { ok: false, source: name, added: 0, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [] };
  const config = readPullConfig(db, name);
  if (!config) return { ...summary, errors: [`There is no source named "${name}" to pull; add it with \`source add ${name} URL --kind hsds-api|datapackage\`. Nothing was changed.`] };
  if (isPaused(db, name)) return { ...summary, errors: [`The source "${name}" is paused, so it was not pulled; \`source resume ${name}\` (or Resume in Settings) pulls it again. Nothing was changed.`] };
  const started = new Date().toISOString();
  const result = await attempt(db, name, config, summary, options);
  if (!options.dryRun && !result.cancelled) withoutFoldingLog(db, () => recordPull(db, name, started, result));
  return result;
}

/**
 * A small write that leaves the log to be folded elsewhere: after an install committed on a worker's
 * connection, the log holds the statewide write until a worker thread folds it into the file
 * (db/write-transaction.ts), and this commit's own checkpoint would otherwise fold it on this thread.
 */
function withoutFoldingLog(db: Db, write: () => void): void {
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
}

async function attempt(db: Db, name: string, config: PullConfig, summary: PullSummary, options: PullOptions): Promise<PullSummary> {
  try {
    const headers = headersOf(config, options.env ?? process.env, options.keys ?? NO_SECRET_BOX);
    const here = () => fetchAndApply(db, name, config, headers, options);
    if (!options.onWorker) return await here();
    const job = { name, config, headers, dryRun: options.dryRun ?? false, allowRemovals: options.allowRemovals ?? false, ...(options.limits ? { limits: options.limits } : {}) };
    return await pullOnWorker(db, job, options, here);
  } catch (err) {
    return failedPull(summary, err);
  }
}
