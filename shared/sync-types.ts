/** What the Sync screen shows about feed subscriptions. */

import type { DatasetDiff, ImportJobStatus } from './import-types';

export interface SyncCheckView {
  /**
   * update: verified and downloaded, waiting to be applied; refused: nothing changed, see message;
   * cancelled: the person stopped it, nothing changed and the feed's last check stands as it was.
   */
  status: 'up-to-date' | 'update' | 'refused' | 'cancelled';
  message: string;
  checkedAt: string;
  version: number | null;
  diff: DatasetDiff | null;
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
}

/** How an apply or restore ended: committed whole, or cancelled with nothing changed. */
export type SyncApplyView =
  | { status: 'applied'; version: number; added: number; changed: number; removed: number }
  | { status: 'cancelled'; version: number; message: string };

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
