import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI as a user runs it: the built bin, a real process, a real database file.
const BIN = resolve(__dirname, '..', 'bin', 'referral-atlas.cjs');
const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, REFERRAL_ATLAS_HOME: join(dir, 'home') } });

describe('referral-atlas CLI (built by npm test before it runs)', () => {
  it('search --json lists the National Human Trafficking Hotline with its number', () => {
    const out = JSON.parse(execFileSync(process.execPath, [BIN, 'search', 'hotline', '--json', '--db', join(dir, 'a.sqlite')], { encoding: 'utf8' }));
    expect(out.total).toBeGreaterThanOrEqual(1);
    expect(out.results[0]).toMatchObject({ name: 'National Human Trafficking Hotline', phones: ['1-888-373-7888'], categories: ['cat-hotline'] });
    expect(Object.keys(out.results[0]).sort()).toEqual(['categories', 'id', 'languages', 'name', 'organization', 'phones']);
  });

  it('info --json creates a missing database from the starter directory in the app data folder', () => {
    const r = cli('info', '--json');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ datasetId: 'referral-atlas-starter-california', services: 10, databasePath: join(dir, 'home', 'atlas.sqlite') });
    expect(existsSync(join(dir, 'home', 'atlas.sqlite'))).toBe(true);
  });

  it('rejects an unknown command with usage and exit code 2', () => {
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
  });
});
