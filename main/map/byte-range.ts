import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Reads bytes [offset, offset + length) of a file, cut short at its end, as PMTiles' Source.getBytes
 * expects. Opens and closes the file each time, so a street map the user replaces on disk is never
 * read through a stale handle.
 */
export function readByteRange(path: string, offset: number, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (offset >= size) throw new Error(`Byte range ${offset}+${length} starts past the end of the map file ${basename(path)} (${size} bytes).`);
    const out = new Uint8Array(Math.min(length, size - offset));
    let done = 0;
    while (done < out.length) {
      const n = readSync(fd, out, done, out.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** A PMTiles v3 archive starts with "PMTiles" and the version byte 3. */
export function checkPmtilesFile(path: string): void {
  let head: Uint8Array;
  try {
    head = readByteRange(path, 0, 8);
  } catch (err) {
    throw new Error(`Cannot read the map file ${basename(path)}.`, { cause: err });
  }
  if (new TextDecoder().decode(head.subarray(0, 7)) !== 'PMTiles' || head[7] !== 3) {
    throw new Error(`${basename(path)} is not a PMTiles version 3 map file.`);
  }
}
