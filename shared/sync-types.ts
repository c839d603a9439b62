/** What the Sync screen shows about feed subscriptions (issue 6). */

import type { DatasetDiff, ImportJobStatus } from './import-types';

export interface SyncCheckView {
  /** update: verified and downloaded, waiting to be applied; refused: nothing changed, see message. */
  status: 'up-to-date' | 'update' | 'refused';
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

export interface SyncApplyView {
  version: number;
  added: number;
  changed: number;
  removed: number;
}

/** How far a feed's running check, apply or restore has got. */
export type SyncProgressView = Pick<ImportJobStatus, 'step' | 'done' | 'total'>;
