import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { missingTestTools } from '../scripts/test-tools';

// From the module's URL, not __dirname: `npm run bench` loads this file as an ES module.
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BRIDGE_FILE = resolve(ROOT, 'out/e2e/bridge.js');

/** Browser tests run the built renderer; the preload stand-in is bundled here from the same contract. */
export default async function setup(): Promise<void> {
  const missing = missingTestTools();
  if (missing) throw new Error(missing);
  if (!existsSync(resolve(ROOT, 'out/renderer/index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` (npm test does it for you).');
  }
  mkdirSync(resolve(ROOT, 'out/e2e'), { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(ROOT, 'out/e2e'),
      emptyOutDir: false,
      minify: false,
      lib: { entry: resolve(ROOT, 'e2e/bridge-entry.ts'), formats: ['iife'], name: 'atlasBridge', fileName: () => 'bridge.js' },
    },
  });
}
