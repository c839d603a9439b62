import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's and Ubuntu's Chromium, where a package put it. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set (and then only it), else the system's,
 * else one `npx playwright-core install chromium` downloaded; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, systemPaths: readonly string[] = SYSTEM_CHROMIUM): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const system = systemPaths.find((p) => existsSync(p));
  if (system) return system;
  const downloaded = chromium.executablePath();
  return downloaded && existsSync(downloaded) ? downloaded : null;
}

const hasCommand = (command: string, env: NodeJS.ProcessEnv) => !spawnSync(command, ['-v'], { env, stdio: 'ignore' }).error;

/**
 * One plain sentence naming what the browser tests need and this machine lacks, or null when nothing is
 * missing: without it they would fail a hundred times over with launch errors.
 */
export function missingTestTools(env: NodeJS.ProcessEnv = process.env): string | null {
  const missing: string[] = [];
  if (!findChromium(env)) missing.push('Chromium (`apt-get install chromium`, or `npx playwright-core install chromium`, or set CHROMIUM_PATH)');
  if (!hasCommand('pdftotext', env) || !hasCommand('pdftoppm', env)) missing.push('poppler-utils for pdftotext and pdftoppm (`apt-get install poppler-utils`)');
  return missing.length === 0 ? null : `The browser tests cannot run on this machine: install ${missing.join(' and ')}, then run the tests again.`;
}
