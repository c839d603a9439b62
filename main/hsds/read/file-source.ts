import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { readFileBytes } from '../../file-bytes';
import { DatasetReadError } from '../check/problems';
import { ReadBudget } from './dataset-limits';

/** The files of a dataset, wherever they live: a folder or a zip, read the same way. */
export interface FileSource {
  /** Paths relative to the dataset root, with forward slashes. */
  names: string[];
  /**
   * A file's bytes, counted against the budget; undefined when the dataset has no such file. Good until the
   * next read: a folder's files are read into one buffer.
   */
  read(name: string): Uint8Array | undefined;
  /** A file's size in bytes without reading it (nothing is taken from the budget); undefined when absent or refused. */
  size(name: string): number | undefined;
  /** Shared by every file of the dataset. */
  budget: ReadBudget;
}

/** A name that could climb out of a folder if anything ever extracted it: refused, the archive is not trusted. */
export function isUnsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..') || name.includes('\0');
}

/** Where a link inside the folder really leads, or null when it leads nowhere. */
function target(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * Top-level files of a folder; a dataset's CSVs sit beside its datapackage.json. A link is followed only
 * to a file inside the folder: one that leads outside is refused when the package uses it (its content is
 * never read, so no message can echo it), and a link that leads nowhere is left out like any absent file.
 */
export function folderSource(dir: string): FileSource {
  const root = target(dir) ?? dir;
  const inside = (p: string) => p.startsWith(root + sep);
  const names: string[] = [];
  const outside = new Set<string>();
  for (const n of readdirSync(dir)) {
    const path = join(dir, n);
    if (lstatSync(path).isFile()) names.push(n);
    else if (lstatSync(path).isSymbolicLink()) {
      const to = target(path);
      if (to === null) continue;
      if (!inside(to)) outside.add(n);
      else if (statSync(to).isFile()) names.push(n);
    }
  }
  const budget = new ReadBudget();
  // One buffer for every file, grown to the largest: a buffer of each file's own was memory touched for the
  // first time, file after file, which cost a statewide package's reading about 0.3 s (docs/performance.md).
  let spare = Buffer.alloc(0);
  const spareOf = (size: number) => (spare.length < size ? (spare = Buffer.allocUnsafeSlow(size)) : spare);
  const counted = new Set<string>();
  const set = new Set(names);
  return {
    names: [...names, ...outside],
    budget,
    size: (name) => {
      if (!set.has(name)) return undefined;
      const to = target(join(dir, name));
      return to !== null && inside(to) ? statSync(to).size : undefined;
    },
    read: (name) => {
      const refuse = () => {
        throw new DatasetReadError({ file: name, row: null, field: null, message: 'is a link to a file outside the package; refused (copy the file into the package instead)' });
      };
      if (outside.has(name)) refuse();
      if (!set.has(name)) return undefined;
      // Checked again at the moment of reading: the folder may have changed since it was listed.
      const to = target(join(dir, name));
      if (to === null) return undefined;
      if (!inside(to)) refuse();
      // A file read twice (to recognise a format, then to read it) is one file of the dataset.
      if (!counted.has(name)) budget.takeBytes(statSync(to).size, name);
      counted.add(name);
      return readFileBytes(to, 0, Number.POSITIVE_INFINITY, spareOf);
    },
  };
}
