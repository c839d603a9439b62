import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SyncError } from './sync-error';

/**
 * Publisher keys. The public key travels as one short line, `ed25519:<base64url of the 32 raw bytes>`,
 * which is what `--pin` takes and what the desk stores; the fingerprint is a shorter digest of it that
 * two people can read to each other over the phone.
 */
const PIN_PREFIX = 'ed25519:';

export function pinOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return `${PIN_PREFIX}${jwk.x}`;
}

export function parsePin(pin: string): KeyObject {
  const trimmed = pin.trim();
  const x = trimmed.startsWith(PIN_PREFIX) ? trimmed.slice(PIN_PREFIX.length) : '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(x)) {
    throw new SyncError(`The publisher key "${trimmed.slice(0, 80)}" is not in the form ed25519:<43 characters> that keygen writes to KEYFILE.pub.`);
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** 128 bits of SHA-256 over the raw key, in eight groups of four: enough to compare by voice. */
export function fingerprint(pin: string): string {
  const raw = Buffer.from(parsePin(pin).export({ format: 'jwk' }).x!, 'base64url');
  const hex = createHash('sha256').update(raw).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/**
 * Writes KEYFILE (private, owner-only) and KEYFILE.pub (the pin line). Refuses to overwrite either, and
 * then writes neither: a KEYFILE.pub beside someone else's KEYFILE would be pinned by desks and match nothing.
 */
export function generateKeyFiles(keyPath: string): { pin: string; fingerprint: string } {
  const pubPath = `${keyPath}.pub`;
  const taken = [keyPath, pubPath].filter((p) => existsSync(p));
  if (taken.length > 0) throw new SyncError(`${taken.join(' and ')} already ${taken.length > 1 ? 'exist' : 'exists'}; keygen never overwrites a key. Nothing was written.`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pin = pinOf(publicKey);
  writeFileSync(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
  try {
    writeFileSync(pubPath, `${pin}\n`, { flag: 'wx' });
  } catch (err) {
    // Created a moment ago by this call: a private key without its public half is of no use to anyone.
    rmSync(keyPath, { force: true });
    throw err;
  }
  return { pin, fingerprint: fingerprint(pin) };
}

export function loadPrivateKey(keyPath: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(keyPath));
  } catch (err) {
    throw new SyncError(`Cannot read the private key ${keyPath}: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SyncError(`${keyPath} is a ${key.asymmetricKeyType ?? 'unknown'} key; publishing needs the Ed25519 key that keygen writes.`);
  }
  return key;
}
