import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourcePullSummary } from '../../../shared/domain';
import type { DatasetProblem } from '../../../shared/import-types';
import { BUSY_MESSAGE, isBusy } from '../../db/busy';
import type { Db } from '../../db/open';
import { applyCheckedAsync, checkDatasetAsync, type CheckedDataset } from '../../hsds/install/apply';
import { ImportCancelled, type StepListener } from '../../jobs/steps';
import { needsRemovalConsent, removalRefusal, removalsFrom } from '../../hsds/install/removals';
import { DATASET_LIMITS } from '../../hsds/read/dataset-limits';
import { deadlineIn, httpGet } from '../../sync/http-get';
import { messageOf, SyncCancelled, SyncError } from '../../sync/sync-error';
import type { ApiGetOptions } from '../api/api-get';
import { readApiChanges } from '../api/api-changes';
import { readApiServices } from '../api/api-pages';
import { checkApiVersion } from '../api/api-version';
import { pullColumn, type PullConfig } from '../pull-config';
import { checkLeavingOut, type Quarantined } from '../quarantine';

/** What one pull is asked to do and how it reports, whichever thread it runs on. */
export interface PullRunOptions {
  dryRun?: boolean;
  allowRemovals?: boolean;
  /** Overrides of the network limits, for tests. */
  limits?: Partial<Pick<ApiGetOptions, 'timeoutMs' | 'retryDelayMs' | 'maxRetryAfterSeconds'>> & { deadlineSeconds?: number };
  progress?: (line: string) => void;
  /** The check's and the install's steps, for the app's progress, and its cancel between them. */
  listener?: StepListener;
  /** The app's cancel of the download. */
  signal?: AbortSignal;
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
async function fetchChecked(db: Db, name: string, config: PullConfig, headers: Record<string, string>, dir: string, options: PullRunOptions): Promise<Fetched | null> {
  const get: ApiGetOptions = {
    headers,
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
 * One pull of the source `name`, sending `headers` (its API key, if any): reads what it publishes (what
 * changed, after the first pull of an HSDS API), leaves out invalid services (quarantine.ts), asks for
 * consent to removals, and applies the rest through the same install an import uses, storing with the
 * rows the cursor the next pull starts from. Answers with its summary, a failure or a cancel included:
 * either applies nothing and leaves the cursor where it was.
 */
export async function fetchAndApply(db: Db, name: string, config: PullConfig, headers: Record<string, string>, options: PullRunOptions): Promise<SourcePullSummary> {
  const summary: SourcePullSummary = { ok: false, source: name, added: 0, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [] };
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pull-'));
  try {
    const fetched = await fetchChecked(db, name, config, headers, dir, options);
    if (!fetched) return { ...summary, ok: true, warnings: [`${config.url} has not changed since the last pull.`] };
    const { checked, quarantined } = fetched;
    const { diffCounts, warnings } = checked.report;
    const counts = diffCounts ?? { added: 0, changed: 0, removed: 0 };
    const result = { ...summary, ...counts, quarantined, warnings: [...fetched.notes, ...lines(warnings)] };
    const removals = removalsFrom(db, checked.tables!, name);
    if (needsRemovalConsent(removals) && !options.allowRemovals) {
      return { ...result, errors: [`The pull was not applied. ${removalRefusal(removals, 'pull again with --allow-removals if that is what you mean')}`] };
    }
    if (!options.dryRun) await applyCheckedAsync(db, { ...checked, identity: { ...checked.identity, pull: pullColumn(fetched.config) } }, options.listener);
    return { ...result, ok: true };
  } catch (err) {
    return failedPull(summary, err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pull that stopped: cancelled, or failed with a sentence saying why and that nothing changed. */
export function failedPull(summary: SourcePullSummary, err: unknown): SourcePullSummary {
  if (err instanceof SyncCancelled || err instanceof ImportCancelled) return { ...summary, cancelled: true, errors: [PULL_CANCELLED] };
  // One sentence: a worker thread that ended says itself that nothing was changed.
  return { ...summary, errors: [err instanceof SyncError ? err.message : isBusy(err) ? BUSY_MESSAGE : `The pull failed: ${messageOf(err).replace(/\.? Nothing was changed\.$/, '')}. Nothing was changed.`] };
}
