import { afterAll } from 'vitest';
import { closeSharedBrowser } from './shared-browser';

// Each browser test file's apps share one Chromium (shared-browser.ts): it goes with the file.
afterAll(closeSharedBrowser);
