import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { coordinator } from '../test-support/coordinator';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { directoryDigest } from '../test-support/db-digest';
import { startFeedServer, type FeedServer } from '../test-support/feed-server';
import { ensureStarterDirectory } from '../hsds/install/starter';
import { STARTER_PATH } from '../test-support/temp-db';
import { syncOnce } from './sync-once';

// The desk's `referral-atlas sync` (the built CLI, npm test builds it first) killed with SIGKILL at random
// moments, half of them timed to land while the new version is being written. Every time, the database
// must open, pass integrity_check, and hold exactly the old version or exactly the new one.
const BIN = resolve(__dirname, '..', '..', 'bin', 'referral-atlas.cjs');
const RUNS = 24;
const SERVICES = 300;

type Outcome = { stderr: string; killedAfterApplyStarted: boolean; applyMs: number };

describe('crash safety of applying a feed update', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
  const coord = coordinator();
  let server: FeedServer;
  const template = join(dir, 'template.sqlite');
  let oldState = '';
  let newState = '';

  /** What a user would notice: the directory, which version is installed, and the feed's record of it. */
  const state = (path: string): { integrity: string; state: string } => {
    const db = new Database(path);
    try {
      const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
      const install = db.prepare('SELECT dataset_id, version, source FROM dataset_install ORDER BY id').all();
      const feed = db.prepare('SELECT s.version, s.manifest_sha256, a.version AS applied, a.kind FROM feed_subscription s LEFT JOIN feed_applied a ON a.subscription_id = s.id ORDER BY a.id').all();
      return { integrity, state: JSON.stringify([directoryDigest(db), install, feed]) };
    } finally {
      db.close();
    }
  };

  const runSync = (dbPath: string, killAt: { ms: number; afterApplyStarts: boolean } | null) =>
    new Promise<Outcome>((ok) => {
      const child = spawn(process.execPath, [BIN, 'sync', server.manifestUrl, '--pin', coord.pin, '--db', dbPath]);
      let stderr = '';
      let applying = false;
      let applyStartedAt = 0;
      let applyMs = 0;
      const kill = () => setTimeout(() => child.kill('SIGKILL'), killAt!.ms);
      if (killAt && !killAt.afterApplyStarts) kill();
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        if (!applying && stderr.includes('Applying version')) {
          applying = true;
          applyStartedAt = Date.now();
          if (killAt?.afterApplyStarts) kill();
        }
        if (!applyMs && stderr.includes('Applied version')) applyMs = Date.now() - applyStartedAt;
      });
      child.on('close', (_code, signal) => ok({ stderr, killedAfterApplyStarted: signal === 'SIGKILL' && applying, applyMs }));
    });

  const freshCopy = (name: string): string => {
    mkdirSync(join(dir, name));
    const path = join(dir, name, 'atlas.sqlite');
    copyFileSync(template, path);
    return path;
  };

  beforeAll(async () => {
    coord.publish(syntheticDirectory(SERVICES));
    server = await startFeedServer(coord.feedDir);
    const db = openDatabase(template);
    ensureStarterDirectory(db, STARTER_PATH);
    expect((await syncOnce(db, server.manifestUrl, coord.pin, { feedsDir: join(dir, 'template-feeds'), allowRemovals: true })).ok).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    oldState = state(template).state;
    const edited = syntheticDirectory(SERVICES);
    edited.service = edited.service.map((s) => ({ ...s, description: `${String(s.description)} Edition two.` }));
    coord.publish(edited);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    coord.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`leaves exactly the old or the new version after ${RUNS} kills at random points`, async () => {
    const reference = freshCopy('reference');
    const started = Date.now();
    const whole = await runSync(reference, null);
    const totalMs = Date.now() - started;
    expect(whole.stderr).toContain('Applied version 2');
    newState = state(reference).state;
    expect(newState).not.toBe(oldState);

    const seen = { old: 0, new: 0, killedMidApply: 0 };
    for (let run = 0; run < RUNS; run++) {
      const path = freshCopy(`run-${run}`);
      const afterApplyStarts = run % 2 === 1;
      const ms = Math.random() * (afterApplyStarts ? whole.applyMs : totalMs * 1.2);
      const outcome = await runSync(path, { ms, afterApplyStarts });
      const after = state(path);
      expect(after.integrity, `run ${run}`).toBe('ok');
      expect([oldState, newState], `run ${run} killed at ${Math.round(ms)} ms${afterApplyStarts ? ' after apply began' : ''}`).toContain(after.state);
      if (after.state === oldState) seen.old++;
      else seen.new++;
      if (outcome.killedAfterApplyStarted && after.state === oldState) seen.killedMidApply++;
      rmSync(join(dir, `run-${run}`), { recursive: true, force: true });
    }
    // The runs timed inside the apply window must have caught some writes half done.
    expect(seen.killedMidApply).toBeGreaterThan(0);
    console.log(`crash runs: ${seen.old} old, ${seen.new} new, ${seen.killedMidApply} killed while writing the new version`);
  }, 300_000);
});
