// `npm run bench [-- --json] [-- --only search,map] [-- --sizes 1000,10000]`: runs every bench/<section>.bench.ts.
// Each section exports `run(options)` resolving to an array of measurement rows; figures are printed as a
// table per section, or as one JSON object {section: rows} with --json, the machine's own speed at the start
// and the end under "machine". Benchmarks measure; tests assert.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, only: { type: 'string' }, sizes: { type: 'string' } },
  allowPositionals: true,
});
const only = values.only ? new Set(values.only.split(',')) : null;
const sizes = values.sizes ? values.sizes.split(',').map(Number) : [1_000, 10_000, 100_000];
const log = values.json ? (...a) => console.error(...a) : (...a) => console.log(...a);

// Building a search index runs the bundled worker script in out/main: build first, so the bench measures this code.
log('building (electron-vite build)…');
if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' }).status !== 0) {
  console.error('build failed');
  process.exit(1);
}

// The machine's own speed at the start and at the end (bench/machine-reference.ts): a figure is read against these.
const { module: reference } = await runnerImport(join(root, 'bench', 'machine-reference.ts'), { configFile: false, logLevel: 'error' });
const machine = [];
const measureMachine = (when) => {
  const row = reference.machineReference(when);
  machine.push(row);
  log(`machine at the ${when}: objects made and sorted ${row.js_ms} ms, rows written ${row.sqlite_ms} ms, new memory touched ${row.touch_ms} ms`);
};
measureMachine('start');

const results = {};
for (const file of readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort()) {
  const section = file.replace(/\.bench\.ts$/, '');
  if (only && !only.has(section)) continue;
  log(`\n== ${section} ==`);
  const { module } = await runnerImport(join(root, 'bench', file), { configFile: false, logLevel: 'error' });
  const rows = await module.run({ sizes, log });
  results[section] = rows;
  if (!values.json) console.table(rows);
}
measureMachine('end');
results.machine = machine;
if (!values.json) console.table(machine);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
