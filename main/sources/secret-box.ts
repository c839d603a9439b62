/**
 * Seals an API key so the database holds only what the operating system's key store can open (Electron's
 * safeStorage: the Keychain, DPAPI, libsecret/kwallet). The app passes main/electron-secret-box.ts; the
 * CLI and tests pass another (the CLI none: it reads keys from --header-env). When the system has no key
 * store, `available` is false and no key is kept at all: a key in plain text in a file that is copied
 * and backed up would not be a secret.
 */
export interface SecretBox {
  available(): boolean;
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}

const NONE = 'Keys are kept only by the desktop app, encrypted by the operating system.';

export const NO_SECRET_BOX: SecretBox = {
  available: () => false,
  seal: () => {
    throw new Error(NONE);
  },
  open: () => {
    throw new Error(NONE);
  },
};
