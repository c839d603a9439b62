import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportTables } from '../hsds/export/export-common';
import { writeDatapackage } from '../hsds/export/export-datapackage';
import { runCli } from '../test-support/cli-import';
import { packedZip } from '../test-support/packed-zip';
import { dbDigest, directoryDigest } from '../test-support/db-digest';
import { range, service, startApi, uuid } from '../test-support/sources/hsds-api-server';
import { rollback } from '../hsds/install/rollback';
import { STARTER_SERVICES, tempDb } from '../test-support/temp-db';
import { addSource } from './add-source';
import { pullSource, type PullOptions } from './pull-source';
import { readPullConfig } from './pull-config';
import { listSources } from './source-list';
import { readSourceTables } from './source-tables';

// Every case pulls from a real HTTP server on 127.0.0.1 into a real desk database holding the bundled directory.
describe('pulling a source from an HSDS API or a datapackage URL', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let desk: ReturnType<typeof tempDb>;
  const fast: PullOptions = { limits: { retryDelayMs: 10, timeoutMs: 5_000, maxRetryAfterSeconds: 5 } };
  const pull = (options: PullOptions = {}) => pullSource(desk.db, 'county', { ...fast, ...options });
  const countyServices = () => desk.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county'").pluck().get();

  beforeEach(async () => {
    desk = tempDb({ starter: true });
    api = await startApi();
    addSource(desk.db, 'county', { kind: 'hsds-api', url: `${api.base}/api/`, headerEnv: null });
  });
  afterEach(async () => {
    await api.stop();
    desk.cleanup();
  });

  async function refused(options: PullOptions = {}) {
    const before = dbDigest(desk.db);
    const r = await pull(options);
    expect(r.ok).toBe(false);
    expect(dbDigest(desk.db)).toBe(before);
    return r.errors[0]!;
  }

  it('reads every page of the 3.0 envelope and installs them beside the bundled directory', async () => {
    expect(await pull()).toEqual({ ok: true, source: 'county', added: 5, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [] });
    expect(api.requests.filter((r) => r.startsWith('/api/services?'))).toEqual([1, 2, 3].map((p) => `/api/services?page=${p}&per_page=100&full=true`));
    expect(countyServices()).toBe(5);
    expect(desk.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'bundled'").pluck().get()).toBe(STARTER_SERVICES);
    expect(desk.db.prepare("SELECT kind, origin FROM source WHERE name = 'county'").get()).toEqual({ kind: 'hsds-api', origin: `${api.base}/api/` });
  });

  it('reads the older envelope, and asks /services/{id} for each service a listing gives only in summary', async () => {
    api.state.envelope = 'older';
    api.state.shallow = true;
    expect(await pull()).toMatchObject({ ok: true, added: 5 });
    expect(api.requests.filter((r) => /^\/api\/services\/[^?]/.test(r))).toHaveLength(5);
    expect(desk.db.prepare("SELECT organization_id FROM service WHERE atlas_source = 'county' LIMIT 1").pluck().get()).toMatch(/b2c3d4e5/);
  });

  it('leaves out an invalid service with its reason and applies the rest', async () => {
    api.state.services = [...range(11), service(12, { status: 'maybe' })];
    const r = await pull();
    expect(r).toMatchObject({ ok: true, added: 11, quarantined: [{ id: uuid(12), reason: expect.stringMatching(/^status: must be one of/) }] });
    expect(countyServices()).toBe(11);
  });

  it('applies nothing when more than 10% of the services are invalid, and says why', async () => {
    api.state.services = [...range(10), service(11, { status: 'maybe' }), service(12, { name: 5 })];
    expect(await refused()).toMatch(/^The pull was not applied: 2 of the 12 services it read failed validation, more than the 10%/);
  });

  it('applies nothing from an API that lists no services', async () => {
    api.state.services = [];
    expect(await refused()).toMatch(/^The pull was not applied: the listing has no services/);
  });

  it('applies nothing when page 2 of the listing fails with a 500, after retrying it', async () => {
    api.state.misbehave = (req, res, page) => (req.url!.startsWith('/api/services?') && page === 2 ? (res.writeHead(500).end(), true) : false);
    expect(await refused()).toMatch(/internal error \(500\) for http:\/\/127\.0\.0\.1:\d+\/api\/services\?page=2/);
    expect(api.requests.filter((r) => r.includes('page=2'))).toHaveLength(4);
  });

  it('applies nothing when a page is not a Page', async () => {
    api.state.misbehave = (req, res, page) => (page === 2 ? (res.writeHead(200).end('{"items": []}'), true) : false);
    expect(await refused()).toMatch(/^Page 2 of the listing \(.*\) is not an HSDS Page/);
  });

  it('waits as long as a 429 asks (Retry-After), then carries on', async () => {
    let limited = false;
    api.state.misbehave = (_req, res, page) => (page === 2 && !limited ? ((limited = true), res.writeHead(429, { 'Retry-After': '1' }).end(), true) : false);
    const started = Date.now();
    expect(await pull()).toMatchObject({ ok: true, added: 5 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('refuses a Retry-After longer than allowed instead of waiting', async () => {
    api.state.misbehave = (_req, res) => (res.writeHead(429, { 'Retry-After': '3600' }).end(), true);
    expect(await refused()).toMatch(/asked to wait 3600 seconds/);
  });

  it('asks the API its HSDS version first: another major version is refused, none said is read as HSDS 3 with a warning', async () => {
    api.state.root = { version: '1.1', profile: 'https://example.org/profile' };
    expect(await refused()).toMatch(/^The HSDS API at 127\.0\.0\.1:\d+ says it serves HSDS 1\.1; this app pulls HSDS 3 APIs\./);
    expect(api.requests).toEqual(['/api/']);
    expect(countyServices()).toBe(0);
    api.state.root = null;
    const r = await pull();
    expect(r).toMatchObject({ ok: true, added: 5 });
    expect(r.warnings).toEqual([expect.stringMatching(/did not say which HSDS version it serves \(its root address gave no answer\); it was read as HSDS 3\.$/)]);
  });

  it('asks again for a page that does not answer in time, and applies nothing when it never does', async () => {
    const slow = { limits: { ...fast.limits, timeoutMs: 300 } };
    let silent = 1;
    api.state.misbehave = (req, _res, page) => req.url!.includes('/services?') && page === 2 && silent-- > 0;
    expect(await pull(slow)).toMatchObject({ ok: true, added: 5 });
    expect(api.requests.filter((r) => r.includes('page=2&')).length).toBe(2);
    api.state.services = range(6);
    silent = Infinity;
    expect(await refused(slow)).toMatch(/^The HSDS API at 127\.0\.0\.1:\d+ .*page=2/);
    expect(countyServices()).toBe(5);
  });

  it('removes a service the second pull no longer lists, and a dry run changes nothing', async () => {
    await pull();
    api.state.services = range(4);
    const before = dbDigest(desk.db);
    expect(await pull({ dryRun: true })).toMatchObject({ ok: true, removed: 1 });
    expect(dbDigest(desk.db)).toBe(before);
    expect(await pull()).toMatchObject({ ok: true, added: 0, changed: 0, removed: 1 });
    expect(countyServices()).toBe(4);
    api.state.services = range(1);
    expect(await refused()).toMatch(/remove 3 of the 4 services.*--allow-removals/);
    expect(await pull({ allowRemovals: true })).toMatchObject({ ok: true, removed: 3 });
  });

  describe('incremental pulls', () => {
    const OLD = '2026-01-02T03:04:05.000Z';
    const since = () => readPullConfig(desk.db, 'county')!.since;
    beforeEach(() => {
      api.state.incremental = true;
      api.state.services = range(5).map((s) => ({ ...s, last_modified: OLD }));
    });

    it('after the first pull, reads only what changed since it started and finds deletions in the id listing', async () => {
      const before = Date.now();
      expect(await pull()).toMatchObject({ ok: true, added: 5 });
      expect(Date.parse(since()!)).toBeGreaterThanOrEqual(before - 1000);
      const unchanged = desk.db.prepare("SELECT * FROM service WHERE id = 'county/' || ?").get(uuid(1));
      const now = new Date().toISOString();
      api.state.services = [...api.state.services.slice(0, 2), { ...service(3, { name: 'SYNTHETIC renamed service 3' }), last_modified: now }, api.state.services[4]!, { ...service(6), last_modified: now }];
      api.requests.length = 0;

      const after = new Date(Date.parse(since()!) - 10 * 60 * 1000).toISOString();
      expect(await pull()).toEqual({ ok: true, source: 'county', added: 1, changed: 1, removed: 1, quarantined: [], errors: [], warnings: [] });
      // The changes since the first pull began (less the clock overlap), then the ids for deletions: no service fetched one by one.
      expect(api.requests).toEqual(['/api/', `/api/services?page=1&per_page=100&full=true&modified_after=${encodeURIComponent(after)}`, '/api/services?minimal=true&page=1&per_page=1000']);
      expect(desk.db.prepare("SELECT name FROM service WHERE id = 'county/' || ?").pluck().get(uuid(3))).toBe('SYNTHETIC renamed service 3');
      expect(desk.db.prepare("SELECT * FROM service WHERE id = 'county/' || ?").get(uuid(1))).toEqual(unchanged);
      expect(desk.db.prepare("SELECT count(*) FROM service WHERE id = 'county/' || ?").pluck().get(uuid(4))).toBe(0);
      expect(countyServices()).toBe(5);

      // Nothing changed since: nothing read but the listing, and the source stays as it is.
      const directory = directoryDigest(desk.db);
      expect(await pull()).toMatchObject({ ok: true, added: 0, changed: 0, removed: 0 });
      expect(directoryDigest(desk.db)).toBe(directory);
    });

    it('a pull whose second page fails applies nothing and leaves the cursor where it was', async () => {
      await pull();
      const cursor = since();
      api.state.pageSize = 1;
      const now = new Date().toISOString();
      api.state.services = api.state.services.map((s, i) => (i < 2 ? { ...s, name: `SYNTHETIC changed ${i}`, last_modified: now } : s));
      api.state.misbehave = (req, res, page) => (req.url!.includes('modified_after') && page === 2 ? (res.writeHead(500).end(), true) : false);
      expect(await refused()).toMatch(/^The HSDS API at 127\.0\.0\.1:\d+ had an internal error \(500\) for .*page=2/);
      expect(since()).toBe(cursor);
      expect(listSources(desk.db).find((s) => s.name === 'county')).toMatchObject({ lastResult: { ok: false, added: 0, error: expect.stringMatching(/^The HSDS API at/) } });
      // The next pull asks from the same point, and gets both changes.
      api.state.misbehave = null;
      expect(await pull()).toMatchObject({ ok: true, changed: 2 });
    });

    it('a rollback of a pull brings back the cursor of the rows it restores, so the next pull reads the changes again', async () => {
      await pull();
      const first = since();
      api.state.services = api.state.services.map((s, i) => (i === 0 ? { ...s, name: 'SYNTHETIC changed', last_modified: new Date().toISOString() } : s));
      await new Promise((r) => setTimeout(r, 5));
      expect(await pull()).toMatchObject({ ok: true, changed: 1 });
      expect(since()).not.toBe(first);
      rollback(desk.db);
      expect(since()).toBe(first);
      expect(await pull()).toMatchObject({ ok: true, changed: 1 });
    });

    it('gives the services it did not read the newer copy of an organization a changed one carries', async () => {
      await pull();
      const org = { id: uuid(900), name: 'SYNTHETIC County Org', description: 'synthetic, edited' };
      api.state.services = api.state.services.map((s, i) => (i === 1 ? { ...s, organization: org, last_modified: new Date().toISOString() } : s));
      expect(await pull()).toMatchObject({ ok: true, removed: 0, errors: [] });
      expect(desk.db.prepare("SELECT description FROM organization WHERE atlas_source = 'county'").pluck().all()).toEqual(['synthetic, edited']);
    });

    it('keeps the installed version of a service whose update fails validation, and says so', async () => {
      api.state.services = range(12).map((s) => ({ ...s, last_modified: OLD }));
      await pull();
      const now = new Date().toISOString();
      api.state.services = api.state.services.map((s, i) => (i === 0 ? { ...s, status: 'maybe', last_modified: now } : { ...s, name: `SYNTHETIC changed ${i}`, last_modified: now }));
      const r = await pull();
      expect(r).toMatchObject({ ok: true, changed: 11, removed: 0 });
      expect(r.quarantined).toEqual([{ id: uuid(1), reason: expect.stringMatching(/status.*\(the version already installed was kept\)$/) }]);
      expect(desk.db.prepare("SELECT name, status FROM service WHERE id = 'county/' || ?").get(uuid(1))).toEqual({ name: expect.not.stringContaining('changed'), status: 'active' });
      expect(countyServices()).toBe(12);
    });

    it('reckons the 10% on what it read: one bad record among two read is too many, whatever the source holds', async () => {
      await pull();
      const now = new Date().toISOString();
      api.state.services = api.state.services.map((s, i) => (i === 0 ? { ...s, status: 'maybe', last_modified: now } : i === 1 ? { ...s, name: 'SYNTHETIC changed', last_modified: now } : s));
      expect(await refused()).toMatch(/^The pull was not applied: 1 of the 2 services it read failed validation/);
    });
  });

  it('pulls a JSON file at a URL, and asks for it conditionally the next time', async () => {
    addSource(desk.db, 'file-url', { kind: 'datapackage', url: `${api.base}/directory.json`, headerEnv: null });
    expect(await pullSource(desk.db, 'file-url', fast)).toMatchObject({ ok: true, added: 5 });
    expect(await pullSource(desk.db, 'file-url', fast)).toMatchObject({ ok: true, added: 0, warnings: [expect.stringContaining('has not changed')] });
  });

  it('pulls a datapackage zip at a URL through the import path', async () => {
    await pull();
    const pkg = join(desk.dir, 'pkg');
    writeDatapackage(exportTables(readSourceTables(desk.db, 'county')), pkg, { name: 'county-export', version: null });
    api.state.zip = packedZip(readdirSync(pkg).map((name) => ({ name, data: readFileSync(join(pkg, name)) })));
    addSource(desk.db, 'zipped', { kind: 'datapackage', url: `${api.base}/directory.zip`, headerEnv: null });
    expect(await pullSource(desk.db, 'zipped', fast)).toMatchObject({ ok: true, added: 5, errors: [] });
    expect(desk.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'zipped'").pluck().get()).toBe(5);
  });
});

describe('source add and pull on the command line', () => {
  it('sends the API key header from the variable --header-env names, and never stores the key', async () => {
    const api = await startApi();
    const desk = tempDb();
    desk.db.close();
    try {
      api.state.requireHeader = 'SYNTHETIC-KEY-123';
      // Not spawnSync: the server answering the CLI runs on this process's event loop.
      const cli = (...args: string[]) => runCli([...args, '--db', desk.path, '--json'], { ...process.env, COUNTY_KEY: 'x-api-key: SYNTHETIC-KEY-123' });
      expect((await cli('source', 'add', 'county', `${api.base}/api`, '--kind', 'hsds-api', '--header-env', 'COUNTY_KEY')).status).toBe(0);
      expect((await cli('source', 'add', 'other', 'ftp://example.org', '--kind', 'hsds-api')).status).toBe(2);
      const r = await cli('source', 'pull', 'county');
      expect(JSON.parse(r.stdout)).toEqual({ ok: true, source: 'county', added: 5, changed: 0, removed: 0, quarantined: [], errors: [], warnings: [] });
      const list = JSON.parse((await cli('source', 'list')).stdout) as { name: string; kind: string; services: number }[];
      expect(list.find((s) => s.name === 'county')).toMatchObject({ kind: 'hsds-api', services: 5 });
      expect(readFileSync(desk.path).includes('SYNTHETIC-KEY-123')).toBe(false);
      expect(readFileSync(desk.path).includes('COUNTY_KEY')).toBe(true);
    } finally {
      await api.stop();
      desk.cleanup();
    }
  }, 60_000);

  it('pauses and resumes a source, pulls every source but the paused ones, and lists the last pull and its result', async () => {
    const api = await startApi();
    const desk = tempDb();
    desk.db.close();
    try {
      const cli = (...args: string[]) => runCli([...args, '--db', desk.path, '--json']);
      await cli('source', 'add', 'county', `${api.base}/api`, '--kind', 'hsds-api');
      await cli('source', 'add', 'city', `${api.base}/api`, '--kind', 'hsds-api');
      expect(JSON.parse((await cli('source', 'pause', 'city')).stdout)).toEqual({ ok: true, source: 'city', paused: true });
      const refused = await cli('source', 'pull', 'city');
      expect(refused.status).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, errors: [expect.stringContaining('"city" is paused')] });
      const all = await cli('source', 'pull', '--all');
      expect(all.status).toBe(0);
      expect(JSON.parse(all.stdout)).toMatchObject({ ok: true, paused: ['city'], pulls: [{ source: 'county', ok: true, added: 5 }] });
      expect((await cli('source', 'pull', 'county', '--all')).status).toBe(2);
      const list = JSON.parse((await cli('source', 'list')).stdout) as Record<string, unknown>[];
      expect(list.find((s) => s.name === 'county')).toMatchObject({ last_pull: expect.any(String), last_result: { ok: true, added: 5, changed: 0, removed: 0, quarantined: 0, error: null }, paused: false });
      expect(list.find((s) => s.name === 'city')).toMatchObject({ last_pull: null, last_result: null, paused: true });
      expect(JSON.parse((await cli('source', 'resume', 'city')).stdout)).toEqual({ ok: true, source: 'city', paused: false });
      expect(JSON.parse((await cli('source', 'pull', 'city')).stdout)).toMatchObject({ ok: true, added: 5 });
      const bundled = await cli('source', 'pause', 'bundled');
      expect([bundled.status, JSON.parse(bundled.stdout).error]).toEqual([1, expect.stringContaining('nothing pulls from an address')]);
    } finally {
      await api.stop();
      desk.cleanup();
    }
  }, 60_000);

  it('refuses to pull a source whose key the app sealed, saying why: only the app can open it', async () => {
    const api = await startApi();
    const desk = tempDb();
    try {
      const box = { available: () => true, seal: (t: string) => Buffer.from([...t].reverse().join('')), open: (b: Buffer) => [...b.toString()].reverse().join('') };
      addSource(desk.db, 'county', { kind: 'hsds-api', url: `${api.base}/api`, headerName: 'x-api-key', apiKey: 'k' }, box);
      desk.db.close();
      const r = await runCli(['source', 'pull', 'county', '--db', desk.path, '--json']);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, errors: [expect.stringMatching(/kept encrypted by the app, which alone can open it/)] });
      expect(api.requests).toEqual([]);
    } finally {
      await api.stop();
      desk.cleanup();
    }
  }, 60_000);
});
