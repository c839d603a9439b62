import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { DatasetReadError } from '../check/problems';

/** The files of a dataset, wherever they live: a folder or a zip, read the same way. */
export interface FileSource {
  /** Paths relative to the dataset root, with forward slashes. */
  names: string[];
  read(name: string): Uint8Array | undefined;
}

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** Sum of the sizes the archive declares once unpacked. */
  maxTotalBytes: 2 * 1024 ** 3,
  /** DEFLATE packs text 5-20x; a much higher ratio on a large entry is a decompression bomb. */
  maxRatio: 200,
  ratioCheckedAbove: 1024 * 1024,
};

/** A name that could climb out of a folder if anything ever extracted it: refused, the archive is not trusted. */
export function isUnsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..') || name.includes('\0');
}

export function zipSource(bytes: Uint8Array, file: string): FileSource {
  const refuse = (message: string): never => {
    throw new DatasetReadError({ file, row: null, field: null, message });
  };
  let total = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        if (isUnsafeEntryName(entry.name)) refuse(`the zip contains an unsafe path "${entry.name}" (it points outside the dataset); refused`);
        if (++entries > ZIP_LIMITS.maxEntries) refuse(`the zip has more than ${ZIP_LIMITS.maxEntries} entries`);
        total += entry.originalSize;
        if (total > ZIP_LIMITS.maxTotalBytes) refuse('the zip would unpack to more than 2 GB (a zip bomb?); refused');
        if (entry.originalSize > ZIP_LIMITS.ratioCheckedAbove && entry.originalSize > entry.size * ZIP_LIMITS.maxRatio) {
          refuse(`"${entry.name}" would unpack ${Math.round(entry.originalSize / Math.max(entry.size, 1))} times larger than it is packed (a zip bomb?); refused`);
        }
        return !entry.name.endsWith('/');
      },
    });
  } catch (err) {
    if (err instanceof DatasetReadError) throw err;
    return refuse(`the zip cannot be read (truncated or damaged: ${(err as Error).message})`);
  }
  return { names: Object.keys(files), read: (name) => files[name] };
}

/** Top-level files of a folder; a dataset's CSVs sit beside its datapackage.json. */
export function folderSource(dir: string): FileSource {
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const set = new Set(names);
  return { names, read: (name) => (set.has(name) ? readFileSync(join(dir, name)) : undefined) };
}
