import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents } from './harden';

// Electron cannot run on the build machines; these record what the rules register and drive them.
function fakeSession() {
  const state = { request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void), check: null as null | (() => boolean), spell: true, dictUrl: '' };
  return {
    state,
    setPermissionRequestHandler: (h: typeof state.request) => void (state.request = h),
    setPermissionCheckHandler: (h: typeof state.check) => void (state.check = h),
    setSpellCheckerEnabled: (on: boolean) => void (state.spell = on),
    setSpellCheckerDictionaryDownloadURL: (url: string) => void (state.dictUrl = url),
  };
}

function fakeWebContents() {
  const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    listeners,
    open: (url: string) => openHandler!({ url }),
    on: (name: string, l: (event: { preventDefault: () => void }, url?: string) => void) => void listeners.set(name, l),
    setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
  };
}

const event = () => {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
};

describe('session rules', () => {
  it('denies every permission request and check, and turns the spellchecker off', () => {
    const s = fakeSession();
    hardenSession(s as never);
    for (const permission of ['geolocation', 'media', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      s.state.request!(null, permission, (ok) => (granted = ok));
      expect(granted, permission).toBe(false);
    }
    expect(s.state.check!()).toBe(false);
    expect(s.state.spell).toBe(false);
    expect(new URL(s.state.dictUrl).hostname).toBe('127.0.0.1');
  });
});

describe('web contents rules', () => {
  it('blocks navigation, redirects and <webview>, and denies new windows', async () => {
    const wc = fakeWebContents();
    const opened: string[] = [];
    hardenWebContents(wc as never, async (u) => void opened.push(u));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = event();
      wc.listeners.get(name)!(e, 'https://evil.example/');
      expect(e.prevented, name).toBe(true);
    }
    expect(wc.open('https://evil.example/popup')).toEqual({ action: 'deny' });
    expect(wc.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    await Promise.resolve();
    // A web link the page tried to open goes to the system browser; a file URL goes nowhere.
    expect(opened).toEqual(['https://evil.example/', 'https://evil.example/popup']);
  });
});
