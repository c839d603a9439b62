import type { AtlasApi } from '../../shared/ipc-contract';
import type { Result } from '../../shared/result';

declare global {
  interface Window {
    atlas: AtlasApi;
  }
}

/** The preload's bridge: the renderer's only way to reach data. */
export const atlas = (): AtlasApi => window.atlas;

export class AtlasError extends Error {}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AtlasError(result.error);
  return result.value;
}
