import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DatasetReadError } from '../check/problems';
import { ReadBudget, refuseOverBytes } from './dataset-limits';
import { isUnsafeEntryName, type FileSource } from './file-source';

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** DEFLATE packs text 5-20x; a much higher ratio, on one entry or the whole archive, is a decompression bomb. */
  maxRatio: 200,
  ratioCheckedAbove: 1024 * 1024,
};

const ratio = (unpacked: number, packed: number) => Math.round(unpacked / Math.max(packed, 1));

/**
 * A zip read in memory, never extracted. Its directory is checked whole before anything is unpacked (names,
 * entry count, unpacked size against the dataset's budget, the ratio of each entry and of the archive),
 * then each file is unpacked only when a reader asks for it, so a refusal costs no memory and unpacking
 * happens a file at a time, between the steps that let the window answer. fflate unpacks an entry into a
 * buffer of its declared size, so an entry that lies about its size cannot grow past it.
 */
export function zipSource(bytes: Uint8Array, file: string): FileSource {
  const refuse = (message: string): never => {
    throw new DatasetReadError({ file, row: null, field: null, message });
  };
  const entries: UnzipFileInfo[] = [];
  const seen = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (isUnsafeEntryName(entry.name)) refuse(`the zip contains an unsafe path "${entry.name}" (it points outside the dataset); refused`);
        if (entries.length >= ZIP_LIMITS.maxEntries) refuse(`the zip has more than ${ZIP_LIMITS.maxEntries} entries`);
        // Two entries of one name: which one a reader would get is up to the unzipper, so neither is trusted.
        if (seen.has(entry.name)) refuse(`the zip holds "${entry.name}" twice; refused`);
        seen.add(entry.name);
        entries.push(entry);
        return false;
      },
    });
  } catch (err) {
    if (err instanceof DatasetReadError) throw err;
    return refuse(`the zip cannot be read (truncated or damaged: ${(err as Error).message})`);
  }
  const budget = new ReadBudget();
  let unpacked = 0;
  let packed = 0;
  for (const entry of entries) {
    if (entry.originalSize > ZIP_LIMITS.ratioCheckedAbove && entry.originalSize > entry.size * ZIP_LIMITS.maxRatio) {
      refuse(`"${entry.name}" would unpack ${ratio(entry.originalSize, entry.size)} times larger than it is packed (a zip bomb?); refused`);
    }
    unpacked += entry.originalSize;
    packed += entry.size;
  }
  refuseOverBytes(unpacked, file);
  if (unpacked > ZIP_LIMITS.ratioCheckedAbove && unpacked > packed * ZIP_LIMITS.maxRatio) {
    refuse(`the zip would unpack ${ratio(unpacked, packed)} times larger than it is packed (a zip bomb?); refused`);
  }
  const counted = new Set<string>();
  const files = new Map(entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, e]));
  return {
    names: [...files.keys()],
    budget,
    size: (name) => files.get(name)?.originalSize,
    read: (name) => {
      const entry = files.get(name);
      if (!entry) return undefined;
      // An entry read twice (to recognise a format, then to read it) is one file of the dataset.
      if (!counted.has(name)) budget.takeBytes(entry.originalSize, name);
      counted.add(name);
      try {
        return unzipSync(bytes, { filter: (e) => e.name === name })[name];
      } catch (err) {
        return refuse(`the zip cannot be read (truncated or damaged: ${(err as Error).message})`);
      }
    },
  };
}
