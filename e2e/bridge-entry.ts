import { createAtlasApi } from '../shared/atlas-api';
import type { ChannelName } from '../shared/ipc-contract';
import type { Result } from '../shared/result';

/**
 * Stands in for the preload in browser tests: the same contract-built window.atlas, but each call goes
 * to a Playwright binding that runs the real main-process handler in Node.
 */
declare global {
  interface Window {
    __atlasInvoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
  }
}

Object.defineProperty(window, 'atlas', {
  value: createAtlasApi((channel, input) => window.__atlasInvoke(channel, input)),
  writable: false,
  configurable: false,
});
