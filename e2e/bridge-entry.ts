import { createAtlasApi } from '../shared/atlas-api';
import type { ChannelName } from '../shared/ipc-contract';
import type { Result } from '../shared/result';
import { parseWithTypedArrays } from './typed-json';

/**
 * Stands in for the preload in browser tests: the same contract-built window.atlas, but each call goes
 * to a Playwright binding that runs the real main-process handler in Node.
 */
declare global {
  interface Window {
    /** Byte ranges come as they are; every other answer as JSON text, typed arrays in base64 (e2e/harness.ts says why). */
    __atlasInvoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown> | string>;
  }
}

Object.defineProperty(window, 'atlas', {
  value: createAtlasApi(async (channel, input) => {
    const answer = await window.__atlasInvoke(channel, input);
    return typeof answer === 'string' ? (parseWithTypedArrays(answer) as Result<unknown>) : answer;
  }),
  writable: false,
  configurable: false,
});
