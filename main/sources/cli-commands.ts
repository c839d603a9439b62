import type { Db, ReadDb } from '../db/open';
import { addSource } from './add-source';
import { PULLED_KINDS, type PulledKind } from './pull-config';
import { pullAllSources } from './pull-all';
import { pullSource, type PullSummary } from './pull-source';
import { pauseSource } from './source-pause';
import { listSources } from './source-list';
import { removeSourceAndAddress } from './source-remove';

/** The `source` commands for cli.ts: each returns the exit code. */

type Out = (s: string) => void;

export const SOURCE_USAGE = `  source list [--json]               the directory's sources: kind, address, services, last update
  source add NAME URL --kind hsds-api|datapackage [--header-env VAR]  a source pulled from an address (VAR holds "Header: key")
  source pull NAME|--all [--dry-run] [--allow-removals] [--json]  read what changed, leave out invalid services, apply the rest
  source pause NAME [--json]         stop pulling it (--all skips it, pulling it by name is refused)
  source resume NAME [--json]        pull it again
  source remove NAME [--json]        remove one source's services, keeping the others (rollback undoes it)
`;

/** The flags the source commands take, beside --json. */
export interface SourceFlags {
  json: boolean;
  kind?: string;
  headerEnv?: string;
  dryRun: boolean;
  allowRemovals: boolean;
  all?: boolean;
}

function listCommand(db: ReadDb, json: boolean, out: Out): number {
  const sources = listSources(db);
  if (json) {
    out(`${JSON.stringify(sources.map((s) => ({ name: s.name, kind: s.kind, url: s.url, services: s.services, last_pull: s.lastPull, last_result: s.lastResult, paused: s.paused })))}\n`);
    return 0;
  }
  if (sources.length === 0) out('No sources: the directory is empty.\n');
  for (const s of sources) {
    const when = s.lastPull ? `${s.lastResult ? 'pulled' : 'updated'} ${s.lastPull.slice(0, 16).replace('T', ' ')}` : 'not pulled yet';
    const outcome = !s.lastResult ? '' : s.lastResult.ok ? `: ${s.lastResult.added} added, ${s.lastResult.changed} changed, ${s.lastResult.removed} removed, ${s.lastResult.quarantined} left out` : ` and failed: ${s.lastResult.error}`;
    out(`${s.name}  (${s.kind}, ${s.services} service(s), ${when}${outcome}${s.paused ? '; paused' : ''})\n    ${s.url}\n`);
  }
  return 0;
}

async function removeCommand(db: Db, name: string, json: boolean, out: Out): Promise<number> {
  const r = await removeSourceAndAddress(db, name);
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

function printPull(r: PullSummary, dryRun: boolean, out: Out, named = ''): void {
  for (const q of r.quarantined) out(`${named}left out: ${q.id}: ${q.reason}\n`);
  for (const w of r.warnings) out(`${named}warning: ${w}\n`);
  for (const e of r.errors) out(`${named}error: ${e}\n`);
  if (r.ok) out(`${named}${dryRun ? 'Dry run, nothing changed: would be ' : 'Pulled: '}${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.quarantined.length} left out.\n`);
}

async function pullCommand(db: Db, name: string | undefined, flags: SourceFlags, out: Out): Promise<number> {
  const options = { dryRun: flags.dryRun, allowRemovals: flags.allowRemovals, ...(flags.json ? {} : { progress: (line: string) => process.stderr.write(`${line}\n`) }) };
  if (name === undefined) {
    const all = await pullAllSources(db, options);
    if (flags.json) out(`${JSON.stringify(all)}\n`);
    else {
      for (const r of all.pulls) printPull(r, flags.dryRun, out, `${r.source}: `);
      for (const p of all.paused) out(`${p}: paused, not pulled.\n`);
      if (all.pulls.length === 0 && all.paused.length === 0) out('No source is pulled from an address (`source add` adds one).\n');
    }
    return all.ok ? 0 : 1;
  }
  const r = await pullSource(db, name, options);
  if (flags.json) out(`${JSON.stringify(r)}\n`);
  else printPull(r, flags.dryRun, out);
  return r.ok ? 0 : 1;
}

function pauseCommand(db: Db, name: string, paused: boolean, json: boolean, out: Out): number {
  const r = pauseSource(db, name, paused);
  out(json ? `${JSON.stringify({ ok: true, ...r })}\n` : paused ? `Paused "${name}": it is not pulled until \`source resume ${name}\`.\n` : `Resumed "${name}": \`source pull ${name}\` pulls it.\n`);
  return 0;
}

/** `source list|add|pull|pause|resume|remove …`; a usage problem is a message, returned for cli.ts to print with exit code 2. */
export async function sourceCommand(db: Db, args: string[], flags: SourceFlags, out: Out): Promise<number | string> {
  const [sub, name, ...extra] = args;
  if (sub === 'list' && name === undefined) return listCommand(db, flags.json, out);
  if (sub === 'remove' && name !== undefined && extra.length === 0) return removeCommand(db, name, flags.json, out);
  if (sub === 'add' && name !== undefined && extra.length === 1) return addCommand(db, name, extra[0]!, flags, out);
  if (sub === 'pull' && (name === undefined) === Boolean(flags.all) && extra.length === 0) return pullCommand(db, name, flags, out);
  if ((sub === 'pause' || sub === 'resume') && name !== undefined && extra.length === 0) return pauseCommand(db, name, sub === 'pause', flags.json, out);
  return `source needs one of:\n${SOURCE_USAGE}`;
}
