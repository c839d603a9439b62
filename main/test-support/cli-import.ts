import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

/** The built command line, run as a coordinator would run it. */
export const BIN = resolve(__dirname, '..', '..', 'bin', 'referral-atlas.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a process of its own, not awaited synchronously: a server in this process can answer it meanwhile. */
export const runCli = (args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], env ? { env } : {});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });

export interface Outcome {
  ok: boolean;
  errors: { file: string; row: number | null; field: string | null; message: string }[];
  error_count: number;
}

/**
 * A desk database in a temp folder and the built CLI pointed at it. `importRefused` imports a path and
 * asserts what every refusal must hold: exit 1, `{"ok": false}` with errors, the database file unchanged
 * byte for byte.
 */
export function cliDesk(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'atlas.sqlite');
  const hash = () => createHash('sha256').update(readFileSync(db)).digest('hex');
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const importRefused = (path: string): Outcome => {
    const before = hash();
    const r = cli('import', path, '--json');
    expect(r.status, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as Outcome;
    expect(out.ok).toBe(false);
    expect(out.errors.length).toBeGreaterThan(0);
    expect(hash()).toBe(before);
    return out;
  };
  return { dir, db, cli, importRefused, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
