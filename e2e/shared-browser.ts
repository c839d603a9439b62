import { chromium, type Browser } from 'playwright-core';
import { findChromium, missingTestTools } from '../scripts/test-tools';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

let launched: Promise<Browser> | null = null;

/**
 * The one Debian Chromium a process's apps open in, each app a context of its own (its storage, routes,
 * clock and scripts): launching and closing a browser for every app cost about 0.75 s an app. Launched
 * again if it has gone (a crash, or closeSharedBrowser).
 */
export async function sharedBrowser(): Promise<Browser> {
  const running = launched && (await launched.catch(() => null));
  if (running?.isConnected()) return running;
  const executablePath = findChromium();
  if (!executablePath) throw new Error(missingTestTools() ?? 'No Chromium found.');
  launched = chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return launched;
}

/** Closes the shared Chromium, if one was launched: at the end of a test file, or of a bench. */
export async function closeSharedBrowser(): Promise<void> {
  const closing = launched;
  launched = null;
  const browser = closing && (await closing.catch(() => null));
  await browser?.close();
}
