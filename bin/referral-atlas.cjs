#!/usr/bin/env node
// Entry point of the `referral-atlas` command; the CLI itself is built into out/main by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('referral-atlas: the CLI is not built yet. Run `npm run build` first.\n');
  process.exit(1);
}
// Output to a pipe is written asynchronously: exiting at once would cut off a long report mid-line.
const exitAfterOutput = (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));

require(cli)
  .main(process.argv.slice(2))
  .then(exitAfterOutput)
  .catch((err) => {
    process.stderr.write(`referral-atlas: ${err && err.message ? err.message : String(err)}\n`);
    exitAfterOutput(1);
  });
