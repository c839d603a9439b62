import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Folders are by stage and small enough to read in one sitting: a folder that outgrows the limit is
// splitting into stages of its own.
const LIMIT = 16;
const ROOT = resolve(__dirname, '..');
const WALKED = ['main', 'shared', 'renderer/src', 'e2e'];

const isSource = (name: string) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name);

/** Every folder under `top` holding more than `limit` non-test source files, as "folder (count)". */
function crowdedFolders(top: string, base: string, limit = LIMIT): string[] {
  const crowded: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const count = entries.filter((e) => e.isFile() && isSource(e.name)).length;
    if (count > limit) crowded.push(`${relative(base, dir)} (${count})`);
    for (const e of entries) if (e.isDirectory() && e.name !== 'node_modules') walk(join(dir, e.name));
  };
  walk(top);
  return crowded;
}

describe('the house', () => {
  it(`has no folder of more than ${LIMIT} non-test source files`, () => {
    expect(WALKED.flatMap((top) => crowdedFolders(join(ROOT, top), ROOT))).toEqual([]);
  });

  it('names a crowded folder, and counts neither tests nor other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-house-'));
    try {
      const crowded = join(dir, 'stage', 'crowded');
      mkdirSync(crowded, { recursive: true });
      for (let i = 0; i <= LIMIT; i++) writeFileSync(join(crowded, `part-${i}.ts`), '');
      const calm = join(dir, 'stage', 'calm');
      mkdirSync(calm);
      for (let i = 0; i < LIMIT; i++) writeFileSync(join(calm, `part-${i}.tsx`), '');
      for (let i = 0; i < LIMIT; i++) writeFileSync(join(calm, `part-${i}.test.ts`), '');
      writeFileSync(join(calm, 'notes.md'), '');
      expect(crowdedFolders(dir, dir)).toEqual([`${join('stage', 'crowded')} (${LIMIT + 1})`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
