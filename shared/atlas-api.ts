import { channelNames, type AtlasApi, type ChannelName } from './ipc-contract';
import type { Result } from './result';

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Builds the frozen window.atlas object from the contract. The preload passes an ipcRenderer-backed
 * invoke; the browser tests pass one over a WebSocket to the real handlers, so both cross the same contract.
 */
export function createAtlasApi(invoke: Invoke): AtlasApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of channelNames) {
    api[name] = (input: unknown) =>
      invoke(name, input).catch((err: unknown) => ({ ok: false as const, error: String(err instanceof Error ? err.message : err) }));
  }
  return Object.freeze(api) as AtlasApi;
}
