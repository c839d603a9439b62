import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourcePullSummary } from '../../shared/domain';
import type { DatasetProblem } from '../../shared/import-types';
import { BUSY_MESSAGE, isBusy } from '../db/busy';
import type { Db } from '../db/open';
import { applyCheckedAsync, checkDatasetAsync, type CheckedDataset } from '../hsds/install/apply';
import { ImportCancelled, type StepListener } from '../jobs/steps';
import { needsRemovalConsent, removalRefusal, removalsFrom } from '../hsds/install/removals';
import { DATASET_LIMITS } from '../hsds/read/dataset-limits';
import { deadlineIn, httpGet } from '../sync/http-get';
import { messageOf, SyncCancelled, SyncError } from '../sync/sync-error';
import type { ApiGetOptions } from './api/api-get';
import { readApiChanges } from './api/api-changes';
import { readApiServices } from './api/api-pages';
import { checkApiVersion } from './api/api-version';
import { pullColumn, readPullConfig, type PullConfig } from './pull-config';
import { isPaused, recordPull } from './pull-status';
import { NO_SECRET_BOX, type SecretBox } from './secret-box';
import { checkLeavingOut, type Quarantined } from './quarantine';

/** What `source pull --json` prints (defined beside the views the app receives). */
export type PullSummary = SourcePullSummary;

export interface PullOptions {
  dryRun?: boolean;
  allowRemovals?: boolean;
  /** Where the --header-env variables are read from. */
  env?: NodeJS.ProcessEnv;
  /** Overrides of the network limits, for tests. */
  limits?: Partial<Pick<ApiGetOptions, 'timeoutMs' | 'retryDelayMs' | 'maxRetryAfterSeconds'>> & { deadlineSeconds?: number };
  progress?: (line: string) => void;
  /** The check's and the install's steps, for the app's progress, and its cancel between them. */
  listener?: StepListener;
  /** The app's cancel of the download. */
  signal?: AbortSignal;
  /** Opens a key the app sealed (secret-box.ts); the CLI has none, and reads keys from --header-env. */
  keys?: SecretBox;
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

/** A pull checked and ready to apply, and the settings to store with its rows (the API cursor, a datapackage's validators). */
interface Fetched {
  checked: CheckedDataset;
  quarantined: Quarantined[];
  config: PullConfig;
  /** What the pull itself has to say beside the check's warnings (an API that names no version). */
  notes: string[];
}

export const PULL_CANCELLED = 'The pull was cancelled; nothing was changed.';

const lines = (problems: DatasetProblem[]) => problems.map((p) => `${p.row != null ? `service ${p.row}` : p.file}${p.field ? `, ${p.field}` : ''}: ${p.message}`);

/**
 * Reads what the source publishes into `dir`, checks it as an import would, and returns it with the
 * services left out. An HSDS API is read whole the first time, and after that only what changed since the
 * installed rows' pull started, with the id listing for deletions (api/api-changes.ts); a datapackage or
 * JSON file is asked for conditionally, and null means it has not changed.
 */
async function fetchChecked(db: Db, name: string, config: PullConfig, dir: string, options: PullOptions, keys: SecretBox): Promise<Fetched | null> {
  const get: ApiGetOptions = {
    headers: headersOf(config, options.env ?? process.env, keys),
    deadline: deadlineIn(options.limits?.deadlineSeconds ?? 30 * 60),
    timeoutMs: options.limits?.timeoutMs ?? 60_000,
    maxBytes: DATASET_LIMITS.maxBytes,
    received: { bytes: 0 },
    retryDelayMs: options.limits?.retryDelayMs ?? 1_000,
    maxRetryAfterSeconds: options.limits?.maxRetryAfterSeconds ?? 120,
    server: `The ${config.kind === 'hsds-api' ? 'HSDS API' : 'server'} at ${new URL(config.url).host}`,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const checkOptions = { sourceName: name, pulledFrom: { url: config.url, kind: config.kind } };
  if (config.kind === 'hsds-api') {
    const started = new Date().toISOString();
    const versionWarning = await checkApiVersion(config.url, get);
    const { services, read, stored } = config.since
      ? await readApiChanges(db, name, config.url, config.since, get, options.progress)
      : await readApiServices(config.url, get, options.progress).then((all) => ({ services: all, read: all.length, stored: undefined }));
    return { ...(await checkLeavingOut(db, dir, services, checkOptions, read, options.listener, stored)), config: { ...config, since: started }, notes: versionWarning ? [versionWarning] : [] };
  }
  const conditional = { ...(config.etag ? { 'If-None-Match': config.etag } : {}), ...(config.lastModified ? { 'If-Modified-Since': config.lastModified } : {}) };
  const res = await httpGet(config.url, { ...get, headers: { ...get.headers, ...conditional } });
  if (res.status === 304) return null;
  // The reader tells a datapackage from HSDS JSON by the file's name; a zip announces itself in its first bytes.
  const path = join(dir, res.body.subarray(0, 2).toString('latin1') === 'PK' ? 'download.zip' : 'download.json');
  writeFileSync(path, res.body);
  const checked = await checkDatasetAsync(db, path, checkOptions, options.listener ?? {});
  if (!checked.report.ok) throw new SyncError(`The pull was not applied: the file at ${config.url} has ${checked.report.errorCount} error(s). First: ${lines(checked.report.errors)[0]}. Nothing was changed.`);
  return { checked, quarantined: [], config: { ...config, etag: res.etag, lastModified: res.lastModified }, notes: [] };
}

/**
 * Pulls a source added with `source add`: reads what it publishes (what changed, after the first pull of
 * an HSDS API), leaves out invalid services (quarantine.ts), and applies the rest through the same install
 * an import uses (diff, the removals check, one transaction, rollback), storing with the rows the cursor the
 * next pull starts from. Any failure or cancel on the way applies nothing and leaves the cursor where it
 * was. A paused source is refused. Each pull but a dry run or a cancelled one is recorded for `source list`
 * (pull-status.ts): a cancelled pull changes nothing, not even the source's last pull.
 */
export async function pullSource(db: Db, name: string, options: PullOptions = {}): Promise<PullSummary> {
  const summary: PullSummary = { ok: false, source: name, added: 0, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [] };
  const config = readPullConfig(db, name);
  if (!config) return { ...summary, errors: [`There is no source named "${name}" to pull; add it with \`source add ${name} URL --kind hsds-api|datapackage\`. Nothing was changed.`] };
  if (isPaused(db, name)) return { ...summary, errors: [`The source "${name}" is paused, so it was not pulled; \`source resume ${name}\` (or Resume in Settings) pulls it again. Nothing was changed.`] };
  const started = new Date().toISOString();
  const result = await attempt(db, name, config, summary, options);
  if (!options.dryRun && !result.cancelled) recordPull(db, name, started, result);
  return result;
}

async function attempt(db: Db, name: string, config: PullConfig, summary: PullSummary, options: PullOptions): Promise<PullSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pull-'));
  try {
    const fetched = await fetchChecked(db, name, config, dir, options, options.keys ?? NO_SECRET_BOX);
    if (!fetched) return { ...summary, ok: true, warnings: [`${config.url} has not changed since the last pull.`] };
    const { checked, quarantined } = fetched;
    const { diff, warnings } = checked.report;
    const counts = { added: diff?.added.length ?? 0, changed: diff?.changed.length ?? 0, removed: diff?.removed.length ?? 0 };
    const result = { ...summary, ...counts, quarantined, warnings: [...fetched.notes, ...lines(warnings)] };
    const removals = removalsFrom(db, checked.tables!, name);
    if (needsRemovalConsent(removals) && !options.allowRemovals) {
      return { ...result, errors: [`The pull was not applied. ${removalRefusal(removals, 'pull again with --allow-removals if that is what you mean')}`] };
    }
    if (!options.dryRun) await applyCheckedAsync(db, { ...checked, identity: { ...checked.identity, pull: pullColumn(fetched.config) } }, options.listener);
    return { ...result, ok: true };
  } catch (err) {
    if (err instanceof SyncCancelled || err instanceof ImportCancelled) return { ...summary, cancelled: true, errors: [PULL_CANCELLED] };
    return { ...summary, errors: [err instanceof SyncError ? err.message : isBusy(err) ? BUSY_MESSAGE : `The pull failed: ${messageOf(err)}. Nothing was changed.`] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
