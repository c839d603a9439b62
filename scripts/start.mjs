// `npm start`: build, make an Electron-ABI copy of better-sqlite3 beside the Node one, launch Electron.
//
// Tests run under Node and need better-sqlite3 built for Node's ABI; Electron needs its own ABI. Rebuilding
// node_modules in place would break `npm test` afterwards, so the Electron build lives in
// .electron-native/ and main/index.ts loads it from there (better-sqlite3's `nativeBinding` option).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');

function die(message) {
  console.error(`\nReferral Atlas cannot start: ${message}\n`);
  process.exit(1);
}

let electronBinary;
try {
  electronBinary = require('electron'); // the package's main export is the path of the binary
} catch {
  electronBinary = null;
}
if (!electronBinary || !existsSync(electronBinary)) {
  die(
    'the Electron binary is not installed.\n' +
      'It is downloaded by the `electron` package at install time, which needs internet access to its release host;\n' +
      'this machine installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or could not reach it.\n' +
      'On a machine with internet: `npm ci` (without ELECTRON_SKIP_BINARY_DOWNLOAD), then `npm start`.\n' +
      'Everything else (tests, CLI, browser tests) works without it: `npm test`, `npx referral-atlas search hotline`.',
  );
}

const electronVersion = require('electron/package.json').version;
const nativeDir = join(root, '.electron-native');
const nativeFile = join(nativeDir, 'better_sqlite3.node');
const stampFile = join(nativeDir, 'electron-version');
const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';

if (!existsSync(nativeFile) || stamp !== electronVersion) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once per Electron version)…`);
  const src = join(nativeDir, 'better-sqlite3');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), src, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
  const opts = { cwd: src, stdio: 'inherit', shell: process.platform === 'win32' };
  const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js', { paths: [join(root, 'node_modules', 'better-sqlite3')] }), '--runtime', 'electron', '--target', electronVersion], opts);
  if (prebuilt.status !== 0) {
    const gyp = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], opts);
    if (gyp.status !== 0) die('better-sqlite3 could not be built for Electron (see the messages above).');
  }
  cpSync(join(src, 'build', 'Release', 'better_sqlite3.node'), nativeFile);
  writeFileSync(stampFile, electronVersion);
}

if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status !== 0) {
  die('the build failed (see the messages above).');
}
const run = spawnSync(electronBinary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 0);
