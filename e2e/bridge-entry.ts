import { createAtlasApi, type Invoke } from '../shared/atlas-api';
import type { Result } from '../shared/result';
import { SOCKET_PATH } from './socket-path';
import { parseWithTypedArrays } from './typed-json';

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
      // Byte ranges come as binary, their call's number first; every other answer as text, the number,
      // a space, then JSON with typed arrays in base64 (typed-json.ts).
      socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
        let id: number;
        let answer: Result<unknown>;
        if (typeof event.data === 'string') {
          const space = event.data.indexOf(' ');
          id = Number(event.data.slice(0, space));
          answer = parseWithTypedArrays(event.data.slice(space + 1)) as Result<unknown>;
        } else {
          id = new DataView(event.data).getUint32(0);
          answer = { ok: true, value: new Uint8Array(event.data, 4) };
        }
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
