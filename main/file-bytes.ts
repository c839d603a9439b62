import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Bytes [offset, offset + length) of a file, cut short at its end (none when it starts past it). Read into
 * `into(n)`, a buffer of at least n bytes the caller may hand out again and again, or else a new one. The
 * file is opened and closed each time, so a file replaced on disk is never read through a stale handle.
 */
export function readFileBytes(path: string, offset = 0, length = Number.POSITIVE_INFINITY, into?: (size: number) => Uint8Array): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const wanted = Math.max(0, Math.min(length, fstatSync(fd).size - offset));
    const out = into ? into(wanted) : new Uint8Array(wanted);
    let done = 0;
    while (done < wanted) {
      const n = readSync(fd, out, done, wanted - done, offset + done);
      if (n === 0) break; // cut short since it was opened
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}
