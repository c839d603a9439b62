import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileBytes } from './file-bytes';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('bytes read from a file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'atlas-bytes-')), 'a.txt');
  writeFileSync(path, 'Harbor Light Shelter');

  it('gives the range asked for, cut short at the end, and nothing from past it', () => {
    expect(text(readFileBytes(path))).toBe('Harbor Light Shelter');
    expect(text(readFileBytes(path, 7, 5))).toBe('Light');
    expect(text(readFileBytes(path, 13, 100))).toBe('Shelter');
    expect(readFileBytes(path, 50, 10).length).toBe(0);
  });

  it("reads into the caller's buffer and gives only the bytes read, not what the buffer held before", () => {
    const spare = Buffer.from('x'.repeat(64));
    const bytes = readFileBytes(path, 0, Number.POSITIVE_INFINITY, () => spare);
    expect(text(bytes)).toBe('Harbor Light Shelter');
    expect(bytes.buffer).toBe(spare.buffer);
  });
});
