import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { encodeAnswer } from './answer-frame';
import { SOCKET_PATH } from './socket-path';

/** A call from the page: its number (to match the answer), the channel and the input. */
interface Call {
  id: number;
  channel: string;
  input: unknown;
}

/**
 * Answers the page's stand-in preload (bridge-entry.ts) over a WebSocket on the renderer server: each
 * call runs `answer` (the real handlers' dispatch) and its answer goes back on the same socket, in any
 * order, as one binary frame tagged with the call's number (answer-frame.ts). Only a page of this
 * server's own origin may open it. Returns what ends every socket still open: the server's close waits
 * for them.
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
          if (page.readyState === page.OPEN) page.send(encodeAnswer(call.id, reply));
        });
      });
    });
  });
  return () => {
    for (const page of sockets.clients) page.terminate();
    sockets.close();
  };
}
