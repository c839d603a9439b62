import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const read = <T>(...path: string[]): T => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as T;
type Entry = { name: string; version: string; licence: string };
const licences = read<Entry[]>('renderer', 'src', 'licences', 'licences.json');

describe('licences list (renderer/src/licences/licences.json)', () => {
  it('names every runtime dependency with the licence its package declares (rerun scripts/build-licences.mjs if not)', () => {
    const pkg = read<{ dependencies: Record<string, string> }>('package.json');
    for (const name of Object.keys(pkg.dependencies)) {
      const installed = read<{ version: string; license: string }>('node_modules', name, 'package.json');
      expect(licences, name).toContainEqual(expect.objectContaining({ name, version: installed.version, licence: installed.license }));
    }
  });

  it('lists react-leaflet under the Hippocratic License 2.1', () => {
    expect(licences.find((p) => p.name === 'react-leaflet')?.licence).toBe('Hippocratic-2.1');
  });
});
