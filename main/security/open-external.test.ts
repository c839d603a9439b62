import { describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { noDeskShell } from '../desk/desk-shell';
import { tempDb } from '../test-support/temp-db';
import { checkExternalUrl, openExternalSafely } from './open-external';

describe('external links', () => {
  it.each([
    'https://www.example.org/help',
    'http://example.org',
    'tel:18883737888',
    'tel:+1-888-373-7888',
    'tel:+1 (888) 373.7888',
    'mailto:intake@example.org',
    'mailto:intake@example.org?subject=Referral&body=Please%20call%20back',
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url)).not.toBeNull();
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>1</script>',
    'https://user:pass@example.org',
    'tel:18883737888;phone-context=evil<script>',
    'tel:+1-555-0100?x=javascript:alert(1)',
    'tel:+1-555-0100#x',
    'tel:%E0%A4%A',
    'tel:---',
    'mailto:',
    'mailto:a@b.org?attach=/etc/passwd',
    'mailto:a@b.org?subject=hi&ATTACH=/etc/passwd',
    'mailto:a@b.org?%61ttach=/etc/passwd',
    'mailto:a@b.org?cc=c@d.org',
    'mailto:a@b.org?bcc=c@d.org',
    'mailto:a@b.org?to=c@d.org',
    'mailto:a@b.org?subject=one&subject=two',
    'mailto:a@b.org,c@d.org',
    'mailto:a@b.org%3Fattach=/etc/passwd',
    'mailto:%E0%A4%A@b.org',
    'mailto:a@b.org?subject=%E0%A4%A',
    'http:\\\\evil.example\\share',
    'https:\\\\evil.example/share',
    'http:evil.example/share',
    'https:/evil.example/share',
    'ht\ttps://evil.example/',
    'https://evil.example/\nx',
    'not a url',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(checkExternalUrl(url)).toBeNull();
  });

  it('hands only checked URLs to the opener', async () => {
    const opened: string[] = [];
    const open = async (u: string) => void opened.push(u);
    expect(await openExternalSafely('tel:18883737888', open)).toBe(true);
    expect(await openExternalSafely('file:///c:/windows/system32/calc.exe', open)).toBe(false);
    expect(opened).toEqual(['tel:18883737888']);
  });

  it('through the openExternal channel, a refused link answers false and reaches no opener', async () => {
    const t = tempDb();
    const opened: string[] = [];
    const handlers = createHandlers(t.db, t.path, { ...noDeskShell, openExternal: async (u) => void opened.push(u) });
    try {
      for (const url of ['mailto:a@b.org?attach=/etc/passwd', 'tel:+1-555-0100?x=javascript:alert(1)', 'http:\\\\evil.example\\share', 'tel:%E0%A4%A']) {
        expect(await dispatch(handlers, 'openExternal', { url }), url).toEqual({ ok: true, value: false });
      }
      expect(await dispatch(handlers, 'openExternal', { url: 'mailto:intake@example.org?subject=Referral' })).toEqual({ ok: true, value: true });
      expect(opened).toEqual(['mailto:intake@example.org?subject=Referral']);
    } finally {
      t.cleanup();
    }
  });
});
