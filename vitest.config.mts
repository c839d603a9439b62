import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Every core, where vitest's default leaves one free: on a two-core machine that default is one file
          // at a time. The browser tests' one Chromium runs after these, never beside them.
          maxWorkers: '100%',
          // A hang guard, not a speed target (speed lives in `npm run bench`): the machines are shared, and a
          // worker thread or a real SQLite build can take several seconds on a loaded one.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          setupFiles: ['e2e/close-browser.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The machines are shared and loaded: a debounced search answer can take over a second to show.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
