import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { readFileBytes } from '../file-bytes';

/** Reads bytes [offset, offset + length) of a file, cut short at its end, as PMTiles' Source.getBytes expects. */
export function readByteRange(path: string, offset: number, length: number): Uint8Array {
  const bytes = readFileBytes(path, offset, length);
  if (bytes.length === 0 && length > 0) {
    throw new Error(`Byte range ${offset}+${length} starts past the end of the map file ${basename(path)} (${statSync(path).size} bytes).`);
  }
  return bytes;
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
