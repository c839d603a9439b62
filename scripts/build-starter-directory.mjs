// `node scripts/build-starter-directory.mjs`: writes data/starter-directory.json, the directory the app
// ships with, from the cited source tables data/starter-sources/*.csv (docs/starter-directory.md).
// The builder itself is scripts/starter-directory/build.ts, shared with the tests.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const root = resolve(import.meta.dirname, '..');
const { module } = await runnerImport(resolve(root, 'scripts', 'starter-directory', 'build.ts'), { configFile: false, logLevel: 'error' });
try {
  const { json, services } = module.buildStarterDirectory(resolve(root, 'data', 'starter-sources'), resolve(root, 'data', 'gazetteer.json'));
  const out = resolve(root, 'data', 'starter-directory.json');
  writeFileSync(out, json);
  console.log(`${out}: ${services} services`);
} catch (e) {
  if (!Array.isArray(e?.problems)) throw e;
  for (const p of e.problems) console.error(`data/starter-sources/${p.file}:${p.line}: ${p.message}`);
  console.error(`No directory written: ${e.problems.length} problem(s) in the source tables.`);
  process.exit(1);
}
