/** What the Sync screen shows about feed subscriptions. */

import { z } from 'zod';
import type { DatasetDiff, DiffCounts, ImportJobStatus } from './import-types';

export interface SyncCheckView {
  /**
   * update: verified and downloaded, waiting to be applied; refused: nothing changed, see message;
   * cancelled: the person stopped it, nothing changed and the feed's last check stands as it was.
   */
  status: 'up-to-date' | 'update' | 'refused' | 'cancelled';
  message: string;
  checkedAt: string;
  version: number | null;
  /** An update's services added, changed and removed: the first DIFF_SHOWN of each; `counts` says how many in all. */
  diff: DatasetDiff | null;
  counts: DiffCounts | null;
}

export interface AppliedVersionView {
  version: number;
  appliedAt: string;
  kind: 'update' | 'rollback';
  added: number;
  changed: number;
  removed: number;
}

export interface FeedSubscriptionView {
  id: number;
  url: string;
  fingerprint: string;
  datasetId: string | null;
  /** Highest version ever applied: older ones offered by the feed are refused. */
  highestVersion: number | null;
  /** The feed version the directory holds now (null when it came from elsewhere). */
  installedVersion: number | null;
  history: AppliedVersionView[];
  /** Versions whose verified files are kept on this computer and can be restored. */
  keptVersions: number[];
  lastCheck: SyncCheckView | null;
}

export interface SyncOverview {
  subscriptions: FeedSubscriptionView[];
  periodicCheck: boolean;
  /** How long one feed's whole download may take before it is stopped. */
  deadlineSeconds: number;
}

/** The time a feed's whole download may take unless the person sets another (CLI --deadline, the Sync screen). */
export const DEFAULT_DEADLINE_SECONDS = 600;
/** A day: a timer set longer than about 24.8 days would fire at once instead. */
export const MAX_WAIT_SECONDS = 86_400;
/** The deadline a person may set on the Sync screen, and the one a desk keeps. */
export const deadlineSecondsSchema = z.number().int().min(1).max(MAX_WAIT_SECONDS);

/**
 * How an apply or restore ended: committed whole, or cancelled with nothing changed, or (an apply only) not
 * started because it would remove more than half of the installed services and the call did not say the
 * person confirmed it (main/hsds/install/removals.ts).
 */
export type SyncApplyView =
  | { status: 'applied'; version: number; added: number; changed: number; removed: number }
  | { status: 'cancelled'; version: number; message: string }
  | { status: 'confirm-removals'; version: number; removed: number; installed: number; message: string };

/**
 * What a cancel did. cancelling: the running check, apply or restore stops at its next batch and ends
 * 'cancelled'; too-late: the last apply or restore had already committed (version says which); idle:
 * nothing was running for that feed.
 */
export interface SyncCancelView {
  outcome: 'cancelling' | 'too-late' | 'idle';
  version: number | null;
  message: string;
}

/** How far a feed's running check, apply or restore has got. */
export type SyncProgressView = Pick<ImportJobStatus, 'step' | 'done' | 'total'>;
