import { safeStorage } from 'electron';
import type { SecretBox } from './sources/secret-box';

/**
 * API keys sealed by Electron's safeStorage: the macOS Keychain, Windows DPAPI, or a Linux secret service.
 * On Linux with no secret service Electron falls back to `basic_text`, a key built into Chromium that
 * anyone can open: that counts as unavailable, so the key is refused rather than kept in what is in effect
 * plain text.
 */
export const electronSecretBox: SecretBox = {
  available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())),
  seal: (text) => safeStorage.encryptString(text),
  open: (sealed) => safeStorage.decryptString(sealed),
};
