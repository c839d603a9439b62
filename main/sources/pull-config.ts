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
  /**
   * A key the app keeps for the source (secret-box.ts): the header's name, and its value sealed by the
   * operating system's key store (base64). Never the plain value.
   */
  headerName: z.string().nullable().default(null),
  sealedKey: z.string().nullable().default(null),
  /** The datapackage as last pulled, for a conditional GET. */
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** When the pull that brought the installed rows started: the next HSDS API pull asks for what changed since. */
  since: z.string().nullable().default(null),
});
export type PullConfig = z.infer<typeof schema>;

/**
 * Kept in local_setting, the desk's own table, which installs, rollbacks and exports never touch: where a
 * source is pulled from outlives any one version of its rows.
 */
const setting = (name: string): LocalSetting<PullConfig | null> => ({ key: `source-pull:${name}`, schema: schema.nullable(), fallback: null });

/**
 * Where a source is pulled from and what its installed rows were pulled at: from its row in the source
 * list (written with the rows by the install, swapped by a rollback: migration 009), else as added.
 */
export function readPullConfig(db: ReadDb, name: string): PullConfig | null {
  const pulled = db.prepare('SELECT pull FROM source WHERE name = ?').pluck().get(name) as string | null | undefined;
  if (pulled) {
    let stored: unknown = null;
    try {
      stored = JSON.parse(pulled);
    } catch {
      // Damaged: the settings as added still say where it comes from, and the next pull reads it whole.
    }
    const parsed = schema.safeParse(stored);
    if (parsed.success) return parsed.data;
  }
  return readStoredSetting(db, setting(name)).value;
}

/** The settings as the install stores them beside the rows (install-dataset.ts writes them into source.pull). */
export const pullColumn = (config: PullConfig): string => JSON.stringify(config);

export const writePullConfig = (db: Db, name: string, config: PullConfig): void => writeSetting(db, setting(name), config);

/** Whether there was one to remove. */
export const removePullConfig = (db: Db, name: string): boolean => db.prepare('DELETE FROM local_setting WHERE key = ?').run(setting(name).key).changes > 0;

/** Sources added with `source add` or pulled, by name: those with no rows yet are listed before their first pull. */
export function pullConfigs(db: ReadDb): Map<string, PullConfig> {
  const names = db
    .prepare("SELECT substr(key, 13) AS n FROM local_setting WHERE key LIKE 'source-pull:%' UNION SELECT name FROM source WHERE pull IS NOT NULL ORDER BY n")
    .pluck()
    .all() as string[];
  return new Map(names.flatMap((n) => {
    const c = readPullConfig(db, n);
    return c ? [[n, c] as const] : [];
  }));
}
