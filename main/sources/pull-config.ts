import { z } from 'zod';
import type { Db, ReadDb } from '../db/open';
import { readStoredSetting, writeSetting, type LocalSetting } from '../db/local-settings';

/** The kinds of source a desk pulls from an address itself (a feed has its own subscription). */
export const PULLED_KINDS = ['hsds-api', 'datapackage'] as const;
export type PulledKind = (typeof PULLED_KINDS)[number];

const schema = z.object({
  kind: z.enum(PULLED_KINDS),
  url: z.string(),
  /**
   * The name of an environment variable holding the API key header ("Header-Name: value"), never the
   * key: the desk's settings are copied and backed up, and the key stays where the person put it.
   */
  headerEnv: z.string().nullable(),
  /** The datapackage as last pulled, for a conditional GET. */
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
});
export type PullConfig = z.infer<typeof schema>;

/**
 * Kept in local_setting, the desk's own table, which installs, rollbacks and exports never touch: where a
 * source is pulled from outlives any one version of its rows.
 */
const setting = (name: string): LocalSetting<PullConfig | null> => ({ key: `source-pull:${name}`, schema: schema.nullable(), fallback: null });

export const readPullConfig = (db: ReadDb, name: string): PullConfig | null => readStoredSetting(db, setting(name)).value;

export const writePullConfig = (db: Db, name: string, config: PullConfig): void => writeSetting(db, setting(name), config);

/** Whether there was one to remove. */
export const removePullConfig = (db: Db, name: string): boolean => db.prepare('DELETE FROM local_setting WHERE key = ?').run(setting(name).key).changes > 0;

/** Sources added with `source add`, by name: listed before their first pull. */
export function pullConfigs(db: ReadDb): Map<string, PullConfig> {
  const names = db.prepare("SELECT substr(key, 13) FROM local_setting WHERE key LIKE 'source-pull:%' ORDER BY key").pluck().all() as string[];
  return new Map(names.flatMap((n) => {
    const c = readPullConfig(db, n);
    return c ? [[n, c] as const] : [];
  }));
}
