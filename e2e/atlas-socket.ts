import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { SOCKET_PATH } from './socket-path';
import { typedArrayReplacer } from './typed-json';

/** A call from the page: its number (to match the answer), the channel and the input. */
interface Call {
  id: number;
  channel: string;
  input: unknown;
}

/**
 * An answer as the page's socket takes it: a byte range (the basemap's) as a binary message, its call's
 * number in its first four bytes; any other as text, the number, a space, then the answer as JSON with
 * its typed arrays in base64 (typed-json.ts).
 */
function answerMessage(id: number, answer: { ok: boolean; value?: unknown }): Buffer | string {
  if (answer.ok && answer.value instanceof Uint8Array) {
    const number = Buffer.alloc(4);
    number.writeUInt32BE(id);
    return Buffer.concat([number, answer.value]);
  }
  return `${id} ${JSON.stringify(answer, typedArrayReplacer)}`;
}

/**
 * Answers the page's stand-in preload (bridge-entry.ts) over a WebSocket on the renderer server: each
 * call runs `answer` (the real handlers' dispatch) and its answer goes back on the same socket, in any
 * order, tagged with the call's number. Only a page of this server's own origin may open it. Returns what
 * ends every socket still open: the server's close waits for them.
 */
export function serveAtlasSocket(server: Server, origin: string, answer: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown }>): () => void {
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url !== SOCKET_PATH || req.headers.origin !== origin) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (page) => {
      page.on('message', (data: RawData) => {
        const call = JSON.parse(data.toString()) as Call;
        void answer(call.channel, call.input).then((reply) => {
          if (page.readyState === page.OPEN) page.send(answerMessage(call.id, reply));
        });
      });
    });
  });
  return () => {
    for (const page of sockets.clients) page.terminate();
    sockets.close();
  };
}
