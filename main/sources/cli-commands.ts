import type { Db, ReadDb } from '../db/open';
import { removeSource } from '../hsds/install/remove-source';
import { listSources } from './source-list';

/** The `source` commands for cli.ts: each returns the exit code. */

type Out = (s: string) => void;

export const SOURCE_USAGE = `  source list [--json]               the directory's sources: kind, address, services, last update
  source remove NAME [--json]        remove one source's services, keeping the others (rollback undoes it)
`;

function listCommand(db: ReadDb, json: boolean, out: Out): number {
  const sources = listSources(db);
  if (json) {
    out(`${JSON.stringify(sources.map((s) => ({ name: s.name, kind: s.kind, url: s.url, services: s.services, last_pull: s.lastPull, last_result: null })))}\n`);
    return 0;
  }
  if (sources.length === 0) out('No sources: the directory is empty.\n');
  for (const s of sources) out(`${s.name}  (${s.kind}, ${s.services} service(s), updated ${s.lastPull.slice(0, 16).replace('T', ' ')})\n    ${s.url}\n`);
  return 0;
}

function removeCommand(db: Db, name: string, json: boolean, out: Out): number {
  const r = removeSource(db, name);
  out(json ? `${JSON.stringify({ ok: true, source: r.source, removed: r.removed, services: r.services })}\n` : `Removed the source "${r.source}" (${r.removed} service(s)); ${r.services} service(s) remain. \`referral-atlas rollback\` brings it back.\n`);
  return 0;
}

/** `source list|remove …`; a usage problem is a message, returned for cli.ts to print with exit code 2. */
export function sourceCommand(db: Db, args: string[], json: boolean, out: Out): number | string {
  const [sub, name, ...extra] = args;
  if (sub === 'list' && name === undefined) return listCommand(db, json, out);
  if (sub === 'remove' && name !== undefined && extra.length === 0) return removeCommand(db, name, json, out);
  return `source needs one of:\n${SOURCE_USAGE}`;
}
