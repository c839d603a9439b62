import { createAtlasApi, type Invoke } from '../shared/atlas-api';
import type { Result } from '../shared/result';
import { decodeAnswer } from './answer-frame';
import { SOCKET_PATH } from './socket-path';

/**
 * Stands in for the preload in browser tests: the same contract-built window.atlas, but each call goes
 * over a WebSocket to the renderer's own test server, which runs the real main-process handler in Node
 * (atlas-socket.ts). The socket is opened at the first call, from the page's own origin.
 */
function socketInvoke(): Invoke {
  let opened: Promise<WebSocket> | null = null;
  const waiting = new Map<number, (answer: Result<unknown>) => void>();
  let next = 0;
  const open = () =>
    new Promise<WebSocket>((ok, fail) => {
      const socket = new WebSocket(`ws://${location.host}${SOCKET_PATH}`);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => ok(socket);
      socket.onerror = () => fail(new Error('The test harness refused its socket.'));
      socket.onclose = () => {
        opened = null;
        for (const answered of waiting.values()) answered({ ok: false, error: 'The test harness closed its socket.' });
        waiting.clear();
      };
      socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        const { id, answer } = decodeAnswer(event.data) as { id: number; answer: Result<unknown> };
        waiting.get(id)?.(answer);
        waiting.delete(id);
      };
    });
  return async (channel, input) => {
    opened ??= open();
    const socket = await opened;
    const id = next++;
    return new Promise((answered) => {
      waiting.set(id, answered);
      socket.send(JSON.stringify({ id, channel, input }));
    });
  };
}

Object.defineProperty(window, 'atlas', {
  value: createAtlasApi(socketInvoke()),
  writable: false,
  configurable: false,
});
