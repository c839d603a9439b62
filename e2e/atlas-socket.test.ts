import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMAP, launchApp, searchDirect, type AppSession } from './harness';
import { SOCKET_PATH } from './socket-path';

describe("the browser tests' stand-in preload", () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('answers calls made together each with its own answer: a long byte range byte for byte, a search as the handler gives it', async () => {
    const [bytes, search, refused] = await app.page.evaluate(async () => {
      const [range, found, bad] = await Promise.all([
        window.atlas.basemapBytes({ offset: 1000, length: 200_000 }),
        window.atlas.search({ text: 'trafficking hotline', limit: 50 }),
        window.atlas.basemapBytes({ offset: -1, length: 10 }),
      ]);
      return [range.ok ? [...range.value] : range.error, found, bad];
    });
    expect(bytes).toEqual([...readFileSync(BASEMAP).subarray(1000, 201_000)]);
    expect(search).toEqual({ ok: true, value: searchDirect(app, { text: 'trafficking hotline' }) });
    expect(refused).toMatchObject({ ok: false });
  });

  it("refuses a socket asked for from any origin but the page's own", async () => {
    const url = new URL(app.page.url());
    const status = (origin: string) =>
      new Promise<number | 'closed'>((done) => {
        const asked = request({
          host: url.hostname,
          port: url.port,
          path: SOCKET_PATH,
          headers: { Connection: 'Upgrade', Upgrade: 'websocket', Origin: origin, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
        });
        asked.on('upgrade', (res, socket) => {
          socket.destroy();
          done(res.statusCode ?? 0);
        });
        asked.on('response', (res) => done(res.statusCode ?? 0));
        asked.on('error', () => done('closed'));
        asked.end();
      });
    expect(await status('https://evil.example.org')).toBe('closed');
    expect(await status(url.origin)).toBe(101);
  });
});
