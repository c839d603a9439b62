// `npm test`: type-check, lint, build, then every vitest project (unit and browser end-to-end), ending
// with one plain "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
};

// Before anything slow: a machine without Chromium or poppler-utils is told so in one sentence, rather
// than seeing every browser test fail with a launch error. A run of the unit project alone needs neither.
const unitOnly = process.argv.slice(2).join(' ').match(/--project[= ]unit\b/) && !process.argv.includes('e2e');
if (!unitOnly) {
  const { module } = await runnerImport(resolve(import.meta.dirname, 'test-tools.ts'), { configFile: false, logLevel: 'error' });
  const missing = module.missingTestTools();
  if (missing) {
    console.error(missing);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

for (const [label, cmd, args] of [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
]) {
  if (run(cmd, args) !== 0) {
    console.error(`\n${label} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = '.vitest-report.json';
rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let passed = 0;
let failed;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
