import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from '../window';
import { resolveAppFile } from './app-protocol';
import { contentSecurityPolicy } from './csp';
import { isTrustedSender } from './trusted-sender';

describe('secure window options', () => {
  const prefs = secureWindowOptions('/app/preload.cjs', {} as Electron.Session).webPreferences!;
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false });
  });
});

describe('content security policy', () => {
  it('denies everything by default and allows no remote host', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(csp).not.toContain('unsafe-eval');
  });
  it('adds only the configured tile origin to img-src when online tiles are on', () => {
    expect(contentSecurityPolicy({ tileOrigin: 'https://tile.example.org' })).toContain("img-src 'self' data: blob: https://tile.example.org");
  });
});

describe('app:// file resolution', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppFile('/r', 'app://atlas/')).toBe('/r/index.html');
    expect(resolveAppFile('/r', 'app://atlas/assets/a.js')).toBe('/r/assets/a.js');
  });
  it('refuses paths that escape it', () => {
    // The URL parser folds dot segments first, so these land inside the root, never outside it.
    expect(resolveAppFile('/r', 'app://atlas/../etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveAppFile('/r', 'app://atlas/%2e%2e/%2e%2e/etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveAppFile('/r', 'app://atlas/%2f..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile('/r', 'app://atlas/..%5c..%5cwin.ini')).toBeNull();
    expect(resolveAppFile('/r', 'app://atlas/a%00.js')).toBeNull();
  });
});

describe('trusted IPC sender', () => {
  it("accepts only the app's own top-level page", () => {
    expect(isTrustedSender({ url: 'app://atlas/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://atlas/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/app://atlas/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://atlas.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
