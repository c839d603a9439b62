import type { Db, ReadDb } from '../db/open';
import { addSource } from './add-source';
import { PULLED_KINDS, type PulledKind } from './pull-config';
import { pullSource } from './pull-source';
import { listSources } from './source-list';
import { removeSourceAndAddress } from './source-remove';

/** The `source` commands for cli.ts: each returns the exit code. */

type Out = (s: string) => void;

export const SOURCE_USAGE = `  source list [--json]               the directory's sources: kind, address, services, last update
  source add NAME URL --kind hsds-api|datapackage [--header-env VAR]  a source pulled from an address (VAR holds "Header: key")
  source pull NAME [--dry-run] [--allow-removals] [--json]  read it whole, leave out invalid services, apply the rest
  source remove NAME [--json]        remove one source's services, keeping the others (rollback undoes it)
`;

/** The flags the source commands take, beside --json. */
export interface SourceFlags {
  json: boolean;
  kind?: string;
  headerEnv?: string;
  dryRun: boolean;
  allowRemovals: boolean;
}

function listCommand(db: ReadDb, json: boolean, out: Out): number {
  const sources = listSources(db);
  if (json) {
    out(`${JSON.stringify(sources.map((s) => ({ name: s.name, kind: s.kind, url: s.url, services: s.services, last_pull: s.lastPull, last_result: s.lastResult, paused: s.paused })))}\n`);
    return 0;
  }
  if (sources.length === 0) out('No sources: the directory is empty.\n');
  for (const s of sources) out(`${s.name}  (${s.kind}, ${s.services} service(s), ${s.lastPull ? `updated ${s.lastPull.slice(0, 16).replace('T', ' ')}` : 'not pulled yet'})\n    ${s.url}\n`);
  return 0;
}

function removeCommand(db: Db, name: string, json: boolean, out: Out): number {
  const r = removeSourceAndAddress(db, name);
  if (json) out(`${JSON.stringify({ ok: true, source: r.source, removed: r.removed, services: r.services })}\n`);
  else out(r.pulled ? `Removed the source "${r.source}" (${r.removed} service(s)); ${r.services} service(s) remain. \`referral-atlas rollback\` brings it back.\n` : `Removed the source "${name}" (never pulled).\n`);
  return 0;
}

function addCommand(db: Db, name: string, url: string, flags: SourceFlags, out: Out): number | string {
  if (!PULLED_KINDS.includes(flags.kind as PulledKind)) return `source add needs --kind hsds-api or --kind datapackage${flags.kind ? `, not "${flags.kind}"` : ''}.\n`;
  addSource(db, name, { kind: flags.kind as PulledKind, url, headerEnv: flags.headerEnv ?? null });
  out(flags.json ? `${JSON.stringify({ ok: true, source: name, kind: flags.kind, url })}\n` : `Added the source "${name}" (${flags.kind}, ${url}). \`referral-atlas source pull ${name}\` reads it.\n`);
  return 0;
}

async function pullCommand(db: Db, name: string, flags: SourceFlags, out: Out): Promise<number> {
  const r = await pullSource(db, name, { dryRun: flags.dryRun, allowRemovals: flags.allowRemovals, ...(flags.json ? {} : { progress: (line: string) => process.stderr.write(`${line}\n`) }) });
  if (flags.json) out(`${JSON.stringify(r)}\n`);
  else {
    for (const q of r.quarantined) out(`left out: ${q.id}: ${q.reason}\n`);
    for (const w of r.warnings) out(`warning: ${w}\n`);
    for (const e of r.errors) out(`error: ${e}\n`);
    if (r.ok) out(`${flags.dryRun ? 'Dry run, nothing changed: would be ' : 'Pulled: '}${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.quarantined.length} left out.\n`);
  }
  return r.ok ? 0 : 1;
}

/** `source list|add|pull|remove …`; a usage problem is a message, returned for cli.ts to print with exit code 2. */
export async function sourceCommand(db: Db, args: string[], flags: SourceFlags, out: Out): Promise<number | string> {
  const [sub, name, ...extra] = args;
  if (sub === 'list' && name === undefined) return listCommand(db, flags.json, out);
  if (sub === 'remove' && name !== undefined && extra.length === 0) return removeCommand(db, name, flags.json, out);
  if (sub === 'add' && name !== undefined && extra.length === 1) return addCommand(db, name, extra[0]!, flags, out);
  if (sub === 'pull' && name !== undefined && extra.length === 0) return pullCommand(db, name, flags, out);
  return `source needs one of:\n${SOURCE_USAGE}`;
}
