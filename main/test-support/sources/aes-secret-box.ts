import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../sources/secret-box';

/**
 * A real encrypt/decrypt pair standing in for Electron's safeStorage, which needs the Electron binary: AES-256-GCM
 * under a key that lives as long as the box, for the channel tests and the browser harness.
 */
export function aesSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    available: () => true,
    seal: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
