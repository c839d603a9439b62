import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, normalize } from 'node:path';

export type Override = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A static feed host on 127.0.0.1 serving a folder the way a plain web server does (ETag,
 * Last-Modified, 304 on a matching conditional GET), with per-path overrides for misbehaving servers.
 */
export async function startFeedServer(root: string) {
  const overrides = new Map<string, Override>();
  const requests: { path: string; ifNoneMatch: string | undefined }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'] });
    const override = overrides.get(path);
    if (override) return override(req, res);
    let body: Buffer;
    try {
      body = readFileSync(join(state.root, normalize(path)));
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(200, { ETag: etag, 'Last-Modified': new Date(0).toUTCString(), 'Content-Length': body.length }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const state = { root };
  return {
    manifestUrl: `${base}manifest.json`,
    base,
    overrides,
    requests,
    /** Serve another folder from now on (an attacker replaying an old feed, say). */
    serveFrom: (dir: string) => {
      state.root = dir;
    },
    /**
     * Serves the next request for `path` slowly, 16 bytes at a time as a poor link does, and holds back its
     * last byte, so only the client can end it; `seen` says when it started and whether the client dropped it.
     */
    trickleNext: (path: string) => {
      const body = readFileSync(join(state.root, normalize(path)));
      const seen = { started: false, dropped: false };
      overrides.set(path, (_req, res) => {
        overrides.delete(path);
        seen.started = true;
        res.writeHead(200, { 'Content-Length': body.length });
        let sent = 0;
        const drip = setInterval(() => {
          if (sent < body.length - 1) res.write(body.subarray(sent, (sent = Math.min(sent + 16, body.length - 1))));
        }, 20);
        res.on('close', () => {
          clearInterval(drip);
          seen.dropped = !res.writableFinished;
        });
      });
      return seen;
    },
    /**
     * Serves `path` one byte every `everyMs`, as a server that is never silent long enough for the silence
     * timeout and never finishes either. It stops by itself after `maxBytes` bytes, dropping the connection.
     */
    drip: (path: string, everyMs: number, maxBytes: number) => {
      const body = readFileSync(join(state.root, normalize(path)));
      const seen = { started: false, sent: 0, dropped: false };
      overrides.set(path, (_req, res) => {
        seen.started = true;
        res.writeHead(200, { 'Content-Length': body.length });
        const drip = setInterval(() => {
          if (seen.sent >= Math.min(maxBytes, body.length - 1)) return res.destroy();
          res.write(body.subarray(seen.sent, ++seen.sent));
        }, everyMs);
        res.on('close', () => {
          clearInterval(drip);
          seen.dropped = !res.writableFinished;
        });
      });
      return seen;
    },
    /**
     * Answers `path` with zeros without end, as fast as the client reads them (never faster: nothing piles up
     * here), until the client drops it or `maxBytes` have gone out.
     */
    endless: (path: string, maxBytes: number) => {
      const chunk = Buffer.alloc(64 * 1024);
      const seen = { sent: 0, dropped: false };
      overrides.set(path, (_req, res) => {
        res.writeHead(200);
        const pump = () => {
          while (seen.sent < maxBytes && !res.destroyed) {
            seen.sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (seen.dropped = !res.writableFinished));
        pump();
      });
      return seen;
    },
    /** The first file of the version the feed offers now. */
    firstFile: (): string => (JSON.parse(readFileSync(join(state.root, 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files[0]!.path,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

export type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;
