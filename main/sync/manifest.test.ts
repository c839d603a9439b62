import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestBytes, openSignedManifest, signManifest, type Manifest } from './manifest';

describe('signed manifest', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const manifest: Manifest = {
    dataset_id: 'region',
    version: 3,
    created: '2026-11-01T00:00:00.000Z',
    expires: '2027-01-30T00:00:00.000Z',
    files: [{ path: 'v3/data.json', sha256: 'a'.repeat(64), length: 10 }],
  };
  const signed = (m: unknown) => {
    const bytes = Buffer.from(JSON.stringify(m));
    return [bytes, Buffer.from(signManifest(bytes, privateKey))] as const;
  };

  it('opens a manifest signed by the pinned key', () => {
    const bytes = manifestBytes(manifest);
    expect(openSignedManifest(bytes, Buffer.from(signManifest(bytes, privateKey)), publicKey)).toEqual(manifest);
  });

  it('checks the signature before parsing: unsigned garbage is a signature failure, not a parse error', () => {
    expect(() => openSignedManifest(Buffer.from('{not json'), Buffer.from('AAAA'), publicKey)).toThrow(/not signed by the publisher key/);
  });

  it('refuses a signed manifest whose file paths leave the feed folder', () => {
    for (const path of ['../secret', '/etc/passwd', 'v3/../../x', 'a\\b']) {
      const [bytes, sig] = signed({ ...manifest, files: [{ ...manifest.files[0], path }] });
      expect(() => openSignedManifest(bytes, sig, publicKey)).toThrow(/malformed at files.0.path: must be a plain relative path/);
    }
  });

  it('names what is wrong in a signed but malformed manifest', () => {
    const [bytes, sig] = signed({ ...manifest, version: 0 });
    expect(() => openSignedManifest(bytes, sig, publicKey)).toThrow(/malformed at version/);
  });
});
