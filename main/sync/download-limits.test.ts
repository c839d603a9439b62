import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../test-support/call';
import { coordinator, servedFeed, starterTables, stopFeed } from '../test-support/coordinator';
import { dbDigest } from '../test-support/db-digest';
import type { FeedServer } from '../test-support/feed-server';
import { tempDb } from '../test-support/temp-db';
import { createHandlers } from '../handlers';
import type { SyncCheckView, SyncOverview } from '../../shared/sync-types';
import { loadPrivateKey } from './keys';
import { manifestBytes, signManifest, type Manifest } from './manifest';
import { syncOnce } from './sync-once';

// What a download may cost a desk: a real HTTP server on 127.0.0.1 that trickles or never ends, against
// the built CLI in a real process, syncOnce, or the Sync screen's handlers.
const BIN = resolve(__dirname, '..', '..', 'bin', 'referral-atlas.cjs');
const run = (...args: string[]) => {
  const child = spawn(process.execPath, [BIN, ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => child.on('close', (status) => ok({ status, stdout, stderr })));
  return { child, done };
};

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const DEADLINE = /download took longer than the 2 seconds allowed for it and was stopped/;

/** Every folder and file under dir, relative. */
const tree = (dir: string): string[] => (existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]) : []);

describe('download limits', { timeout: 120_000 }, () => {
  let coord: ReturnType<typeof coordinator>;
  let server: FeedServer;
  let desk: ReturnType<typeof tempDb>;
  const feeds = () => join(desk.dir, 'feeds');
  beforeEach(async () => {
    desk = tempDb({ starter: true });
    ({ coord, server } = await servedFeed(starterTables()));
  }, 60_000);
  afterEach(async () => {
    await stopFeed({ coord, server });
    desk.cleanup();
  });

  it('sync --deadline stops a server trickling one byte at a time, says so, and leaves no staging folder', async () => {
    desk.db.close();
    for (const path of ['manifest.json', server.firstFile()]) {
      const seen = server.drip(path, 200, 150);
      const started = Date.now();
      const { done } = run('sync', server.manifestUrl, '--pin', coord.pin, '--deadline', '2', '--json', '--db', desk.path);
      const r = await done;
      server.overrides.delete(path);
      expect(r.status, path).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, to_version: null, error: expect.stringMatching(DEADLINE) });
      // Stopped at the deadline, long before the server would have given up by itself.
      await expect.poll(() => seen.dropped).toBe(true);
      expect(seen.sent).toBeLessThan(150);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(tree(feeds())).toEqual([]);
    }
  });

  it('sync refuses --deadline and --timeout that are not a number of seconds up to a day', async () => {
    for (const [flag, value] of [['--deadline', '0'], ['--deadline', 'soon'], ['--deadline', '1e9'], ['--timeout', '1e9']]) {
      const r = await run('sync', server.manifestUrl, '--pin', coord.pin, flag!, value!, '--db', desk.path).done;
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${flag} must be a number of seconds above 0 and at most 86400 (a day).`);
    }
  });

  it('streams an endless signed file to disk: memory stays small, the file never grows past its signed length', async () => {
    const signed = 64 * 1024 * 1024;
    const file = resign(coord, (m) => {
      m.files[0]!.length = signed;
      return m.files[0]!.path;
    });
    const sent = server.endless(file, signed * 2);
    // What the download holds on to, not garbage not yet collected: measured right after a collection.
    const held = () => {
      collectGarbage();
      return process.memoryUsage().arrayBuffers;
    };
    const baseline = held();
    let mostHeld = 0;
    let largestOnDisk = 0;
    const watch = setInterval(() => {
      mostHeld = Math.max(mostHeld, held() - baseline);
      for (const name of tree(feeds())) {
        if (name.endsWith(file.split('/').at(-1)!)) largestOnDisk = Math.max(largestOnDisk, statSync(join(feeds(), name), { throwIfNoEntry: false })?.size ?? 0);
      }
    }, 50);
    const before = dbDigest(desk.db);
    const r = await syncOnce(desk.db, server.manifestUrl, coord.pin, { feedsDir: feeds(), timeoutMs: 10_000 }).finally(() => clearInterval(watch));
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining(`is larger than the ${signed.toLocaleString('en-US')} bytes allowed for it`) });
    await expect.poll(() => sent.dropped).toBe(true);
    expect(largestOnDisk).toBeGreaterThan(signed / 2);
    expect(largestOnDisk).toBeLessThanOrEqual(signed);
    // Held whole, the body would grow to the signed 64 MB before the cap stops it; streamed, what is held is
    // the socket buffers of both ends in this one process (10-24 MB seen in full test runs).
    expect(mostHeld).toBeLessThan(40 * 1024 * 1024);
    expect(dbDigest(desk.db)).toBe(before);
    expect(tree(feeds())).toEqual([]);
  });

  it('a sync killed mid-download leaves a staging folder that the next sync clears', async () => {
    desk.db.close();
    const seen = server.drip(server.firstFile(), 50, 10_000);
    const { child, done } = run('sync', server.manifestUrl, '--pin', coord.pin, '--db', desk.path);
    while (!seen.started || seen.sent < 3) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await done;
    server.overrides.delete(server.firstFile());
    expect(tree(feeds()).some((n) => n.includes('.staging-'))).toBe(true);
    const again = await run('sync', server.manifestUrl, '--pin', coord.pin, '--json', '--db', desk.path).done;
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, to_version: 1 });
    expect(tree(feeds()).filter((n) => n.includes('.staging-'))).toEqual([]);
  });

  it('the Sync screen keeps its own deadline: set, shown, used by the next check, and refused out of range', async () => {
    const handlers = createHandlers(desk.db, desk.path);
    expect((await call<SyncOverview>(handlers, 'syncList')).deadlineSeconds).toBe(600);
    for (const seconds of [0, 1.5, 86_401]) await expect(call(handlers, 'syncSetDeadline', { seconds })).rejects.toThrow(/Invalid request to syncSetDeadline: seconds/);
    await call(handlers, 'syncSetDeadline', { seconds: 2 });
    expect((await call<SyncOverview>(handlers, 'syncList')).deadlineSeconds).toBe(2);

    const { id } = await call<{ id: number }>(handlers, 'syncSubscribe', { url: server.manifestUrl, pin: coord.pin });
    const seen = server.drip(server.firstFile(), 200, 150);
    const started = Date.now();
    expect(await call<SyncCheckView>(handlers, 'syncCheck', { id })).toMatchObject({ status: 'refused', message: expect.stringMatching(DEADLINE) });
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect.poll(() => seen.dropped).toBe(true);
    expect(tree(feeds())).toEqual([]);

    // A stored value that is not a number of seconds in range (a hand-edited database) means the default.
    desk.db.prepare("UPDATE local_setting SET value = 'soon' WHERE key = 'sync.deadline_seconds'").run();
    expect((await call<SyncOverview>(handlers, 'syncList')).deadlineSeconds).toBe(600);
  });
});

/** The coordinator signing an edited manifest, as a careless publisher might; returns what `edit` returns. */
function resign<T>(coord: ReturnType<typeof coordinator>, edit: (m: Manifest) => T): T {
  const path = join(coord.feedDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const result = edit(manifest);
  const bytes = manifestBytes(manifest);
  writeFileSync(path, bytes);
  writeFileSync(join(coord.feedDir, 'manifest.sig'), signManifest(bytes, loadPrivateKey(coord.keyPath)));
  return result;
}
