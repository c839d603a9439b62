import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          cli: resolve(import.meta.dirname, 'main/cli.ts'),
          // A worker thread's script is a file of its own (main/jobs/worker-script.ts finds it beside the others).
          'word-index-worker': resolve(import.meta.dirname, 'main/search/build/word-index-worker.ts'),
          'database-file-worker': resolve(import.meta.dirname, 'main/jobs/database-file-worker.ts'),
          'write-worker': resolve(import.meta.dirname, 'main/hsds/install/write-worker.ts'),
          'rebuild-worker': resolve(import.meta.dirname, 'main/search/build/rebuild-worker.ts'),
          'import-session-worker': resolve(import.meta.dirname, 'main/hsds/import-session/session-worker.ts'),
          'feed-session-worker': resolve(import.meta.dirname, 'main/sync/feed-session-worker.ts'),
          'read-worker': resolve(import.meta.dirname, 'main/search/build/read-worker.ts'),
          'pull-worker': resolve(import.meta.dirname, 'main/sources/pull-run/pull-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': everything else (zod) is bundled in, as CommonJS.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
