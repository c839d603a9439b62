import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedFeed, starterTables, stopFeed, withSyntheticService } from '../test-support/coordinator';
import type { FeedServer } from '../test-support/feed-server';
import { fixture } from '../test-support/fixtures';
import { runCli } from '../test-support/cli-import';

// The built CLI run while another program holds the database's write lock, as a second import would.
const dir = mkdtempSync(join(tmpdir(), 'atlas-busy-'));
const desk = join(dir, 'atlas.sqlite');
const cli = (...args: string[]) => runCli([...args, '--db', desk]);

const LOCKED = 'Another import or update is running on this directory, so its database is locked. Try again when it has finished. Nothing was changed.';

describe('a database another writer holds', { timeout: 60_000 }, () => {
  let feed: Awaited<ReturnType<typeof servedFeed>>;
  let server: FeedServer;
  beforeAll(async () => {
    feed = await servedFeed(withSyntheticService(starterTables(), 'synthetic-busy', 'Legal clinic'));
    server = feed.server;
    expect((await cli('info')).status).toBe(0);
  });
  afterAll(async () => {
    await stopFeed(feed);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `args` while another connection holds the write lock; then checks nothing changed. */
  async function whileLocked(...args: string[]) {
    const before = (await cli('info', '--json')).stdout;
    const other = new Database(desk);
    other.exec('BEGIN IMMEDIATE');
    try {
      return await cli(...args);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      expect((await cli('info', '--json')).stdout).toBe(before);
    }
  }

  it('import says another import or update is running, exits 1, and --json says ok: false', async () => {
    const r = await whileLocked('import', fixture('hsds3', 'service_list.json'), '--json', '--allow-removals');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: LOCKED });
    expect(r.stderr).toBe(`${LOCKED}\n`);
  });

  it('sync says the same', async () => {
    const r = await whileLocked('sync', server.manifestUrl, '--pin', feed.coord.pin, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, to_version: null, error: LOCKED });
  });
});
