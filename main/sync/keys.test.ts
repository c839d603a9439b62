import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, generateKeyFiles, loadPrivateKey, parsePin, pinOf } from './keys';
import { createPublicKey } from 'node:crypto';

describe('publisher keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const keyPath = join(dir, 'coordinator.key');
  const made = generateKeyFiles(keyPath);

  it('writes the private key readable by its owner only and the pin as one line in KEYFILE.pub', () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const pub = readFileSync(`${keyPath}.pub`, 'utf8');
    expect(pub).toMatch(/^ed25519:[A-Za-z0-9_-]{43}\n$/);
    expect(pub.trim()).toBe(made.pin);
    expect(pinOf(createPublicKey(loadPrivateKey(keyPath)))).toBe(made.pin);
  });

  it('never overwrites an existing key', () => {
    expect(() => generateKeyFiles(keyPath)).toThrow(/already exist.*Nothing was written/);
  });

  it('shows a fingerprint of eight groups to read over the phone, the same each time', () => {
    expect(made.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(fingerprint(`  ${made.pin}\n`)).toBe(made.fingerprint);
  });

  it('explains a pin that is not a publisher key', () => {
    expect(() => parsePin('ssh-ed25519 AAAAC3Nza')).toThrow(/not in the form ed25519:<43 characters>/);
  });
});
