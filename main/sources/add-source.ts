import type { Db } from '../db/open';
import { UsageError } from '../hsds/cli-commands';
import { isLinkLocalHost } from '../security/link-local';
import { linkLocalRefusal } from '../sync/http-get';
import { pullConfigs, writePullConfig, type PullConfig } from './pull-config';
import { checkSourceName, storedSource } from './source-target';

/**
 * Records where a new source is pulled from; its services come with its first pull. A name already in
 * use is refused (remove that source first), and so is an address the app would not contact. Only the
 * name of the API key's environment variable is kept, never its value.
 */
export function addSource(db: Db, name: string, config: PullConfig): void {
  const badName = checkSourceName(name);
  if (badName) throw new UsageError(badName);
  if (storedSource(db, name) || pullConfigs(db).has(name)) throw new UsageError(`There is already a source named "${name}" (see \`source list\`); remove it first or choose another name. Nothing was changed.`);
  if (config.headerEnv !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(config.headerEnv)) {
    throw new UsageError(`--header-env takes the name of an environment variable (letters, digits and _), not "${config.headerEnv.slice(0, 40)}"; the variable holds the header, e.g. "x-api-key: …".`);
  }
  const url = URL.parse(config.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`"${config.url}" is not an http or https address, e.g. https://api.example.org/hsds or https://example.org/directory.zip.`);
  if (isLinkLocalHost(url)) throw new UsageError(linkLocalRefusal(config.url));
  writePullConfig(db, name, config);
}
