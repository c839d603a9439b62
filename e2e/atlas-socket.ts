import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH } from './socket-path';
import { typedArrayReplacer } from './typed-json';


/** RFC 6455's fixed key suffix for the handshake. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;

/** A call from the page: its number (to match the answer), the channel and the input. */
interface Call {
  id: number;
  channel: string;
  input: unknown;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.alloc(2) : length < 0x10000 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (length < 126) head[1] = length;
  else if (length < 0x10000) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/**
 * An answer as the page's socket takes it: a byte range (the basemap's) as a binary message, its call's
 * number in its first four bytes; any other as text, the number, a space, then the answer as JSON with
 * its typed arrays in base64 (typed-json.ts).
 */
function answerFrame(id: number, answer: { ok: boolean; value?: unknown }): Buffer {
  if (answer.ok && answer.value instanceof Uint8Array) {
    const number = Buffer.alloc(4);
    number.writeUInt32BE(id);
    return frame(BINARY, Buffer.concat([number, answer.value]));
  }
  return frame(TEXT, Buffer.from(`${id} ${JSON.stringify(answer, typedArrayReplacer)}`));
}

/**
 * Reads the page's frames off one socket: masked, as a browser sends them; a message split over
 * continuation frames is put together. Text messages go to `onText`; a close is answered and ends it.
 */
function readFrames(socket: Duplex, onText: (text: string) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  let parts: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const fin = (pending[0]! & 0x80) !== 0;
      const opcode = pending[0]! & 0x0f;
      let length = pending[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        at = 10;
      }
      const masked = (pending[1]! & 0x80) !== 0;
      if (pending.length < at + (masked ? 4 : 0) + length) return;
      const mask = masked ? pending.subarray(at, at + 4) : null;
      if (mask) at += 4;
      const payload = Buffer.from(pending.subarray(at, at + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
      pending = pending.subarray(at + length);
      if (opcode === CLOSE) {
        socket.end(frame(CLOSE, Buffer.alloc(0)));
        return;
      }
      if (opcode === PING) {
        socket.write(frame(0xa, payload));
        continue;
      }
      if (opcode >= 0x8) continue;
      parts.push(payload);
      if (!fin) continue;
      const message = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      onText(message.toString('utf8'));
    }
  });
}

/**
 * Answers the page's stand-in preload (bridge-entry.ts) over a WebSocket on the renderer server: each
 * call runs `answer` (the real handlers' dispatch) and its answer goes back on the same socket, in any
 * order, tagged with the call's number. Only a page of this server's own origin may open it.
 */
export function serveAtlasSocket(server: Server, origin: string, answer: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown }>): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    if (req.url !== SOCKET_PATH || req.headers.origin !== origin || typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    // The renderer server keeps a socket half open when its peer ends it: a socket left so would keep
    // the server from closing.
    socket.on('end', () => socket.destroy());
    socket.on('error', () => socket.destroy());
    readFrames(socket, (text) => {
      const call = JSON.parse(text) as Call;
      void answer(call.channel, call.input).then((reply) => {
        if (socket.writable) socket.write(answerFrame(call.id, reply));
      });
    });
  });
}
