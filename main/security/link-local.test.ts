import { describe, expect, it } from 'vitest';
import { isLinkLocalHost } from './link-local';

describe('link-local hosts', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.0.1/',
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://0251.0376.0251.0376/',
    'http://[fe80::1]/',
    'http://[fe80::]/',
    'http://[FEBF:ffff::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::169.254.169.254]/',
    'http://[64:ff9b::169.254.169.254]/',
  ])('%s is link-local', (url) => {
    expect(isLinkLocalHost(new URL(url))).toBe(true);
  });

  it.each([
    'https://feeds.example.org/manifest.json',
    'http://127.0.0.1:8080/',
    'http://169.255.1.1/',
    'http://10.0.0.1/',
    'http://[::1]/',
    'http://[fec0::1]/',
    'http://[2001:db8::169.254.169.254]/',
    'http://[::ffff:10.0.0.1]/',
    'http://169.254.example.org/',
  ])('%s is not', (url) => {
    expect(isLinkLocalHost(new URL(url))).toBe(false);
  });
});
