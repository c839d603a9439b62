import { describe, expect, it } from 'vitest';
import { checkExternalUrl, openExternalSafely } from './open-external';

describe('external links', () => {
  it.each(['https://www.example.org/help', 'http://example.org', 'tel:18883737888', 'tel:+1-888-373-7888', 'mailto:intake@example.org'])('allows %s', (url) => {
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
    'mailto:',
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
});
