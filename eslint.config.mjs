import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const nodeOnly = {
  paths: [{ name: 'electron', message: 'Only main/ may use Electron; the renderer talks to window.atlas.' }],
  patterns: [{ group: ['node:*'], message: 'Node built-ins belong in main/; shared/ and renderer/ run in the browser too.' }],
};
const builtins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'zlib'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // A cycle makes load order matter and hides which module owns a fact: the graph must stay a tree.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The folders' direction: a lower stage never reaches up into a domain that builds on it. Tests may
    // cross (a search test installs a dataset); the code they test may not.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            { target: './main/search', from: ['./main/hsds', './main/sync'], message: 'Search is built on by imports and sync, never the other way.' },
            {
              target: ['./main/db', './main/jobs'],
              from: ['./main/search', './main/hsds', './main/sync', './main/desk', './main/map'],
              message: 'main/db and main/jobs serve every domain and import none.',
            },
            { target: './shared', from: ['./main', './renderer'], message: 'shared/ is imported by both processes and imports neither.' },
            { target: './renderer', from: './main', message: 'The renderer reaches main only through window.atlas (shared/ipc-contract.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { ...nodeOnly, paths: [...nodeOnly.paths, ...builtins.map((name) => ({ name, message: 'No Node built-ins outside main/.' }))] }],
    },
  },
  {
    files: ['main/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'e2e/**/*.ts', 'bin/**/*.cjs', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron-system-actions.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Open links only through SystemActions.openExternal after checkExternalUrl (main/security/open-external.ts).' }],
    },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
