import type { Db } from '../db/open';
import { UsageError } from '../hsds/cli-commands';
import { isLinkLocalHost } from '../security/link-local';
import { linkLocalRefusal } from '../sync/http-get';
import { pullConfigs, writePullConfig, type PulledKind } from './pull-config';
import { forgetStatus } from './pull-status';
import { NO_SECRET_BOX, type SecretBox } from './secret-box';
import { checkSourceName, storedSource } from './source-target';

/** A source to add: where it is pulled from, and its API key if the publisher asks for one. */
export interface NewSource {
  kind: PulledKind;
  url: string;
  /** The CLI's way: the name of an environment variable holding the whole header ("x-api-key: …"). */
  headerEnv?: string | null;
  /** The app's way: the header's name and the key, sealed before it is stored (secret-box.ts). */
  headerName?: string;
  apiKey?: string;
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** The key sealed by the system's key store, or a refusal saying why none can be kept. */
function sealedKey(source: NewSource, keys: SecretBox): { headerName: string | null; sealedKey: string | null } {
  if (source.apiKey === undefined || source.apiKey === '') return { headerName: null, sealedKey: null };
  if (source.headerEnv) throw new UsageError('Give the API key either in an environment variable (--header-env) or to the app, not both. Nothing was added.');
  if (!source.headerName || !HEADER_NAME.test(source.headerName)) throw new UsageError(`An API key needs the name of the header it is sent in (e.g. x-api-key), made of letters, digits and - only. Nothing was added.`);
  if (/[\r\n\p{Cc}]/u.test(source.apiKey) || source.apiKey.length > 4096) throw new UsageError('The API key holds a line break or a control character, or is longer than 4,096 characters; paste it again. Nothing was added.');
  if (!keys.available()) {
    throw new UsageError("This computer's key store (Keychain, Windows DPAPI, or a Linux secret service such as GNOME Keyring or KWallet) is not available to the app, so the key cannot be kept encrypted, and it is never kept in plain text. Nothing was added; start a secret service, or pull this source from the command line with --header-env.");
  }
  return { headerName: source.headerName, sealedKey: keys.seal(source.apiKey).toString('base64') };
}

/**
 * Records where a new source is pulled from; its services come with its first pull. A name already in
 * use is refused (remove that source first), and so is an address the app would not contact. An API key
 * is kept only sealed by the system's key store (the app), or as the name of the environment variable
 * that holds it (the CLI), never as plain text.
 */
export function addSource(db: Db, name: string, source: NewSource, keys: SecretBox = NO_SECRET_BOX): void {
  const badName = checkSourceName(name);
  if (badName) throw new UsageError(badName);
  if (storedSource(db, name) || pullConfigs(db).has(name)) throw new UsageError(`There is already a source named "${name}" (see \`source list\`); remove it first or choose another name. Nothing was changed.`);
  const headerEnv = source.headerEnv ?? null;
  if (headerEnv !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(headerEnv)) {
    throw new UsageError(`--header-env takes the name of an environment variable (letters, digits and _), not "${headerEnv.slice(0, 40)}"; the variable holds the header, e.g. "x-api-key: …".`);
  }
  const url = URL.parse(source.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`"${source.url}" is not an http or https address, e.g. https://api.example.org/hsds or https://example.org/directory.zip.`);
  if (isLinkLocalHost(url)) throw new UsageError(linkLocalRefusal(source.url));
  const key = sealedKey(source, keys);
  forgetStatus(db, name);
  writePullConfig(db, name, { kind: source.kind, url: source.url, headerEnv, ...key, etag: null, lastModified: null, since: null });
}
