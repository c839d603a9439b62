import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  linux: { target: string[] };
  win: { target: string[] };
  nsis: { createDesktopShortcut: boolean };
  mac: { target: string[] };
  extraResources: unknown[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
}
const yaml = require('js-yaml') as { load: (s: string) => unknown };
const root = resolve(__dirname, '..', '..');
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("conforms to electron-builder's own configuration schema", () => {
    const schema = require('app-builder-lib/scheme.json');
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    // Compiling electron-builder's large schema takes seconds on a loaded two-core machine.
  }, 60_000);

  it('builds AppImage and deb, NSIS without a forced desktop shortcut, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis.createDesktopShortcut).toBe(false);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('ships the bundled data as extraResources and unpacks better-sqlite3 from asar', () => {
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'data', to: 'data' })]);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('sets the Electron fuses that stop the app being used as a Node runtime', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
