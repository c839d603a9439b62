import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Referral Atlas';
export const DATABASE_FILE = 'atlas.sqlite';

/**
 * The per-user folder the app and the CLI share: the same place Electron's app.getPath('userData')
 * gives for this product name, so `referral-atlas` works on the desk's own database.
 * REFERRAL_ATLAS_HOME overrides it (portable installs, tests).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.REFERRAL_ATLAS_HOME) return env.REFERRAL_ATLAS_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export const defaultDatabasePath = (): string => join(defaultDataDir(), DATABASE_FILE);
