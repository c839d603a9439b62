import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium, missingTestTools } from './test-tools';

const ROOT = resolve(__dirname, '..');

describe('a newcomer\'s first test run', () => {
  it('stops at once with one sentence naming what to install when Chromium and pdftotext are missing', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: ROOT,
      env: { ...process.env, PATH: '/nonexistent', CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'The browser tests cannot run on this machine: install Chromium (`apt-get install chromium`, or `npx playwright-core install chromium`, or set CHROMIUM_PATH) and poppler-utils for pdftotext and pdftoppm (`apt-get install poppler-utils`), then run the tests again.',
    );
    expect(run.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('takes a Chromium that Playwright downloaded when the system has none', () => {
    const downloaded = chromium.executablePath();
    expect(findChromium({}, [])).toBe(existsSync(downloaded) ? downloaded : null);
    expect(findChromium({}, [process.execPath])).toBe(process.execPath);
  });

  it('takes CHROMIUM_PATH when set, and names only what is missing', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(missingTestTools({ ...process.env, CHROMIUM_PATH: process.execPath })).toBeNull();
    expect(missingTestTools({ ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' })).toMatch(/^The browser tests cannot run on this machine: install Chromium \(.*\), then run the tests again\.$/);
  });
});
