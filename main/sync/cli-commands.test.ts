import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../test-support/feed-server';
import { STARTER_SERVICES } from '../test-support/temp-db';
import { runCli } from '../test-support/cli-import';

// The coordinator's and the desk's commands as people run them: the built bin in real processes.
const BIN = resolve(__dirname, '..', '..', 'bin', 'referral-atlas.cjs');
const dir = mkdtempSync(join(tmpdir(), 'atlas-sync-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
/** Async, so the feed server in this process can answer while the CLI runs. */
const cliAsync = (...args: string[]) => runCli(args);

describe('keygen, publish and sync on the command line (built by npm test before it runs)', () => {
  const key = join(dir, 'coordinator.key');
  const feed = join(dir, 'feed');
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer(feed);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keygen writes an owner-only private key and prints the pin and fingerprint', () => {
    const r = cli('keygen', '--out', key);
    expect(r.status).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(readFileSync(`${key}.pub`, 'utf8').trim());
    expect(r.stdout).toMatch(/Fingerprint: ([0-9A-F]{4} ){7}[0-9A-F]{4}/);
  });

  it('keygen writes nothing, not even the missing half, when KEYFILE or KEYFILE.pub exists', { timeout: 30_000 }, () => {
    const privateOnly = join(dir, 'private-only.key');
    writeFileSync(privateOnly, 'someone else\'s key');
    const r = cli('keygen', '--out', privateOnly);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${privateOnly} already exists; keygen never overwrites a key. Nothing was written.`);
    expect(existsSync(`${privateOnly}.pub`)).toBe(false);
    expect(readFileSync(privateOnly, 'utf8')).toBe('someone else\'s key');

    const publicOnly = join(dir, 'public-only.key');
    writeFileSync(`${publicOnly}.pub`, 'ed25519:old\n');
    expect(cli('keygen', '--out', publicOnly).status).toBe(1);
    expect(existsSync(publicOnly)).toBe(false);
    expect(readFileSync(`${publicOnly}.pub`, 'utf8')).toBe('ed25519:old\n');

    // The key made by the first test is left exactly as it was.
    const pin = readFileSync(`${key}.pub`, 'utf8');
    expect(cli('keygen', '--out', key).stderr).toContain('already exist;');
    expect(readFileSync(`${key}.pub`, 'utf8')).toBe(pin);
  });

  it('publish writes a feed that sync --json applies on a desk, then reports up to date', { timeout: 30_000 }, async () => {
    const pub = cli('publish', '--key', key, '--out', feed, '--expires-days', '30', '--db', join(dir, 'coordinator.sqlite'));
    expect(pub.stderr).toBe('');
    expect(pub.stdout).toContain('version 1');
    const pin = readFileSync(`${key}.pub`, 'utf8').trim();
    const desk = join(dir, 'desk', 'atlas.sqlite');
    const first = await cliAsync('sync', server.manifestUrl, '--pin', pin, '--json', '--db', desk);
    expect(first.status).toBe(0);
    // The coordinator published the bundled directory: on the desk it is a source of its own beside that one.
    expect(JSON.parse(first.stdout)).toEqual({ ok: true, from_version: null, to_version: 1, added: STARTER_SERVICES, changed: 0, removed: 0, error: null });
    const again = await cliAsync('sync', server.manifestUrl, '--pin', pin, '--json', '--db', desk);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, from_version: 1, to_version: 1 });
  });

  it('sync exits non-zero with the reason when the feed is missing', async () => {
    const pin = readFileSync(`${key}.pub`, 'utf8').trim();
    const r = await cliAsync('sync', `${server.base}nowhere/manifest.json`, '--pin', pin, '--json', '--db', join(dir, 'desk2.sqlite'));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, to_version: null, error: expect.stringContaining('404 not found') });
  });

  it('Ctrl-C during a sync stops it, says so, and leaves the desk as it was', { timeout: 30_000 }, async () => {
    const pin = readFileSync(`${key}.pub`, 'utf8').trim();
    const desk = join(dir, 'desk-interrupted.sqlite');
    const before = JSON.parse(cli('info', '--json', '--db', desk).stdout) as { datasetId: string; version: string };
    const seen = server.trickleNext(server.firstFile());
    const child = spawn(process.execPath, [BIN, 'sync', server.manifestUrl, '--pin', pin, '--db', desk]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const status = new Promise<number | null>((ok) => child.on('close', ok));
    while (!seen.started) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await status).toBe(130);
    expect(stderr).toContain('Stopping…');
    expect(stderr).toContain('Sync cancelled. Nothing was changed.');
    expect(seen.dropped).toBe(true);
    expect(JSON.parse(cli('info', '--json', '--db', desk).stdout)).toMatchObject(before);
    // Nothing half-done stays behind: the same sync then runs to the end.
    const again = await cliAsync('sync', server.manifestUrl, '--pin', pin, '--json', '--db', desk);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, from_version: null, to_version: 1 });
  });

  it('publish refuses an expiry past ten years or no number at all, in a sentence, and --json says ok: false', { timeout: 60_000 }, () => {
    const out = join(dir, 'feed-days');
    for (const days of ['1e9', '0', 'soon', '3651']) {
      const r = cli('publish', '--key', key, '--out', out, '--expires-days', days, '--json', '--db', join(dir, 'coordinator.sqlite'));
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: expect.stringMatching(/^--expires-days must be a number of days above 0 and at most 3650 \(ten years\)(, not \d+)?\. Nothing was published\.$/) });
      expect(existsSync(out)).toBe(false);
    }
  });

  it('publish refuses a folder whose manifest names a version no next one can follow, in a sentence and not a schema dump', { timeout: 60_000 }, () => {
    for (const [name, manifest] of [
      ['largest', `{"dataset_id": "x", "version": ${Number.MAX_SAFE_INTEGER}}`],
      ['beyond', '{"dataset_id": "x", "version": 1e300}'],
      ['negative', '{"dataset_id": "x", "version": -4}'],
      ['long-id', `{"dataset_id": "${'x'.repeat(201)}", "version": 1}`],
      ['not-json', '{"dataset_id": '],
    ]) {
      const out = join(dir, `feed-${name}`);
      mkdirSync(out);
      writeFileSync(join(out, 'manifest.json'), manifest!);
      const r = cli('publish', '--key', key, '--out', out, '--json', '--db', join(dir, 'coordinator.sqlite'));
      expect(r.status, name).toBe(1);
      const { ok, error } = JSON.parse(r.stdout) as { ok: boolean; error: string };
      expect(ok).toBe(false);
      expect(error, name).toMatch(name === 'not-json' ? /is not a feed manifest/ : name === 'long-id' ? /dataset id "x+" has 201 characters; a feed manifest carries 1 to 200/ : /which no next version can follow/);
      expect(error).toMatch(/Nothing was published\.$/);
      expect(r.stderr).not.toContain('"code"');
      expect(readdirSync(out)).toEqual(['manifest.json']);
    }
  });

  it('a server answering "not modified" to a first sync, or for a file never asked conditionally, is named as such', { timeout: 60_000 }, async () => {
    const pin = readFileSync(`${key}.pub`, 'utf8').trim();
    for (const path of ['manifest.json', 'manifest.sig', server.firstFile()]) {
      server.overrides.set(path, (_req, res) => res.writeHead(304).end());
      const r = await cliAsync('sync', server.manifestUrl, '--pin', pin, '--json', '--db', join(dir, 'desk-304.sqlite'));
      server.overrides.delete(path);
      expect(r.status).toBe(1);
      const { ok, error } = JSON.parse(r.stdout) as { ok: boolean; error: string };
      expect(ok).toBe(false);
      expect(error).toContain(`answered "not modified" (304) for ${server.base}${path}, though this computer had no copy for it to compare with`);
    }
  });

  it('sync without --pin is a usage error', () => {
    const r = cli('sync', server.manifestUrl, '--db', join(dir, 'desk3.sqlite'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sync needs FEED_URL and --pin PUBKEY');
  });
});
