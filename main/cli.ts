import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchResponse } from '../shared/domain';
import { openDatabase } from './db/open';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { diffCommand, exportCommand, importCommand, rollbackCommand, validateCommand } from './hsds/cli-commands';
import { ensureStarterDirectory } from './hsds/starter';
import { defaultDatabasePath } from './paths';
import { keygenCommand, publishCommand, SYNC_CLI_OPTIONS, SYNC_USAGE, syncCommand } from './sync/cli-commands';

/** The coordinator's command line. It works on the same database as the app unless --db says otherwise. */

const USAGE = `Usage: referral-atlas <command> [options]

Commands:
  search TEXT [--limit N] [--json]   find services
  info [--json]                      what directory is installed
  validate PATH [--json]             check a dataset (HSDS JSON, datapackage folder or .zip, Ohana folder, .csv)
  import PATH [--dry-run] [--json]   validate, show the changes, and install (nothing changes on any error)
  diff PATH                          what importing PATH would change
  rollback                           restore the directory as it was before the last import
  export --format hsds-json|hsds-datapackage OUT

${SYNC_USAGE}
Options:
  --db PATH   database file (default: the app's own, ${defaultDatabasePath()})
  --json      machine-readable output
`;

const STARTER = join(__dirname, '..', '..', 'data', 'starter-directory.json');

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        ...SYNC_CLI_OPTIONS,
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command || values.help ? 0 : 2;
  }

  const err = (m: string) => process.stderr.write(m);
  if (command === 'keygen') return keygenCommand(values, out, err);

  const dbPath = values.db ?? defaultDatabasePath();
  const db = openDatabase(dbPath);
  try {
    ensureStarterDirectory(db, STARTER);
    const handlers = createHandlers(db, dbPath);
    switch (command) {
      case 'search': {
        const limit = values.limit ? Number(values.limit) : 20;
        const r = await dispatch(handlers, 'search', { text: rest.join(' '), limit });
        if (!r.ok) return fail(r.error);
        const res = r.value as SearchResponse;
        if (values.json) {
          const results = res.results.map((c) => ({
            id: c.id,
            name: c.name,
            organization: c.organization,
            phones: c.phones.map((p) => p.number),
            categories: c.categories,
            languages: c.languages,
          }));
          out(`${JSON.stringify({ total: res.total, results })}\n`);
        } else {
          out(`${res.total} service(s)\n`);
          for (const c of res.results) {
            out(`- ${c.name} (${c.organization})${c.phones.length ? `  ${c.phones.map((p) => p.number).join(', ')}` : ''}\n`);
          }
        }
        return 0;
      }
      case 'info': {
        const r = await dispatch(handlers, 'info', undefined);
        if (!r.ok) return fail(r.error);
        out(values.json ? `${JSON.stringify(r.value)}\n` : `${JSON.stringify(r.value, null, 2)}\n`);
        return 0;
      }
      case 'validate':
      case 'import':
      case 'diff':
      case 'export': {
        const [path] = rest;
        if (!path) return fail(`${command} needs a path.\n\n${USAGE}`);
        if (command === 'validate') return validateCommand(db, path, values.json, out);
        if (command === 'import') return importCommand(db, path, { dryRun: values['dry-run'], json: values.json }, out);
        if (command === 'diff') return diffCommand(db, path, out);
        return exportCommand(db, values.format, path, out);
      }
      case 'rollback':
        return rollbackCommand(db, out);
      case 'publish':
        return publishCommand(db, values, out, err);
      case 'sync':
        return await syncCommand(db, dbPath, rest[0], values, out, err);
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } finally {
    db.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`referral-atlas: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
