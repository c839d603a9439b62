import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './manifest';

/** Versions kept on disk for rollback, newest first. */
const KEEP_VERSIONS = 5;

/** Where a feed's verified versions are kept: one folder per feed, one per version inside it. */
export const feedFolder = (feedsDir: string, url: string): string => join(feedsDir, sha256(Buffer.from(url)).slice(0, 16));
export const versionFolder = (feedsDir: string, url: string, version: number) => join(feedFolder(feedsDir, url), `v${version}`);

/** Kept versions on disk, newest first. */
export function keptVersions(feedsDir: string, url: string): number[] {
  let names: string[];
  try {
    names = readdirSync(feedFolder(feedsDir, url));
  } catch {
    return [];
  }
  return names.flatMap((n) => (/^v\d+$/.test(n) ? [Number(n.slice(1))] : [])).sort((a, b) => b - a);
}

export function pruneKept(feedsDir: string, url: string): void {
  for (const v of keptVersions(feedsDir, url).slice(KEEP_VERSIONS)) rmSync(versionFolder(feedsDir, url, v), { recursive: true, force: true });
}
