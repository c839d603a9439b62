import { basename } from 'node:path';
import type { ReadDb } from '../db/open';
import { BUNDLED_SOURCE, type SourceKind } from '../../shared/domain';

// Defined beside the views the app receives; installs name it from here.
export type { SourceKind } from '../../shared/domain';

/** Which source an install fills: a name the person sees and types, its kind, and where it comes from. */
export interface SourceTarget {
  name: string;
  kind: SourceKind;
  /** A file path, a URL, or "starter". */
  origin: string;
}

/** A source as stored: `idPrefix` is what its ids carry in the tables (see qualify-ids.ts). */
export interface StoredSource extends SourceTarget {
  idPrefix: string;
  updatedAt: string;
}

/** Names are typed on the command line and end up in ids before a "/", so they may not hold one. */
export function checkSourceName(name: string): string | null {
  if (name.trim() !== name || name.length === 0 || name.length > 100) return `A source name has 1 to 100 characters and no spaces at either end, not "${name}".`;
  if (/[/\\\p{Cc}]/u.test(name)) return `A source name may not hold "/", "\\" or control characters ("${name}").`;
  return null;
}

export function storedSource(db: ReadDb, name: string): StoredSource | null {
  const row = db.prepare('SELECT name, kind, origin, id_prefix AS idPrefix, updated_at AS updatedAt FROM source WHERE name = ?').get(name) as StoredSource | undefined;
  return row ?? null;
}

const isUrl = (origin: string) => /^https?:\/\//i.test(origin);

/**
 * The source an install without an explicit one fills, from where its data came (the migration that made
 * sources reads earlier installs the same way): the bundled directory; a feed, found by its address and
 * otherwise named after its host; or a file, named after itself, so importing an edited copy of
 * county.csv from anywhere replaces the county.csv source.
 */
export function targetOf(db: ReadDb, origin: string, name?: string): SourceTarget {
  if (origin === 'starter') return { name: name ?? BUNDLED_SOURCE, kind: 'bundled', origin };
  if (!isUrl(origin)) return { name: name ?? basename(origin.replace(/[/\\]+$/, '').replace(/\\/g, '/')), kind: 'file', origin };
  if (name) return { name, kind: 'feed', origin };
  const known = db.prepare("SELECT name FROM source WHERE origin = ? AND kind = 'feed'").pluck().get(origin) as string | undefined;
  if (known) return { name: known, kind: 'feed', origin };
  const host = new URL(origin).host;
  let candidate = host;
  for (let n = 2; storedSource(db, candidate); n++) candidate = `${host}-${n}`;
  return { name: candidate, kind: 'feed', origin };
}
