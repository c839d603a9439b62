import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSource } from './file-source';

describe("a folder's files", () => {
  it('reads each file whole and only that file, whatever the size of the one read before it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-files-'));
    const large = `id,name\n${'a1,Harbor Light Shelter\n'.repeat(5_000)}`;
    const small = 'id,name\nb2,Riverside Legal Clinic\n';
    writeFileSync(join(dir, 'services.csv'), large);
    writeFileSync(join(dir, 'organizations.csv'), small);
    const src = folderSource(dir);
    const text = (name: string) => Buffer.from(src.read(name)!).toString('utf8');
    expect(text('services.csv')).toBe(large);
    expect(text('organizations.csv')).toBe(small);
    expect(text('services.csv')).toBe(large);
    expect(src.read('phones.csv')).toBeUndefined();
  });
});
