// `npm run gen:synthetic -- --services N --out PATH [--seed S]`: writes a synthetic HSDS 3.1 JSON
// directory (an array of services, every record marked synthetic) for tests and benchmarks.
// The generator itself is scripts/gen-synthetic-data.ts, shared with the tests and `npm run bench`.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({ options: { services: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
const count = Number(values.services);
if (!Number.isInteger(count) || count < 1 || !values.out) {
  console.error('Usage: npm run gen:synthetic -- --services N --out PATH [--seed S]   (N a whole number of at least 1)');
  process.exit(2);
}
const { module } = await runnerImport(resolve(import.meta.dirname, 'gen-synthetic-data.ts'), { configFile: false, logLevel: 'error' });
const services = module.generateSynthetic(count, values.seed ? Number(values.seed) : undefined);
// Written one service at a time: 100,000 services are ~250 MB of JSON, more than one string may hold.
const out = createWriteStream(values.out);
out.write('[\n');
services.forEach((s, i) => out.write(`${i ? ',\n' : ''}${JSON.stringify(s)}`));
out.end('\n]\n', () => console.log(`${values.out}: ${count} synthetic services`));
