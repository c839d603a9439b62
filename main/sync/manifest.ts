import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SyncError } from './sync-error';

/** One relative path segment chain: no "..", no absolute paths, nothing a file system would interpret. */
const SAFE_PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** The longest dataset id a manifest carries. */
export const DATASET_ID_MAX = 200;

const manifestSchema = z.strictObject({
  dataset_id: z.string().min(1).max(DATASET_ID_MAX),
  version: z.number().int().positive(),
  created: z.iso.datetime(),
  expires: z.iso.datetime(),
  files: z
    .array(
      z.strictObject({
        path: z.string().max(200).regex(SAFE_PATH, 'must be a plain relative path'),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
        length: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(100)
    .refine((files) => new Set(files.map((f) => folderOf(f.path))).size === 1, 'all files must sit in one folder'),
});

/** The folder a path sits in, '' for the feed's top level. */
const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** Where the dataset's files sit, relative to the manifest (publish writes them under v<version>/). */
export const datasetFolder = (manifest: Manifest): string => folderOf(manifest.files[0]!.path);

export type Manifest = z.infer<typeof manifestSchema>;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The exact bytes that get signed and served: the signature covers these, never a re-serialisation. */
export function manifestBytes(manifest: Manifest): Buffer {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) throw new SyncError(`The manifest cannot be written: ${firstIssue(parsed.error)}. Nothing was published.`);
  return Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');
}

/** Where and what, in one line, instead of zod's list. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'top level'}: ${issue.message}`;
}

/** manifest.sig is the base64 Ed25519 signature of manifest.json's bytes, on one line. */
export function signManifest(bytes: Buffer, privateKey: KeyObject): string {
  return `${sign(null, bytes, privateKey).toString('base64')}\n`;
}

/**
 * Checks the signature against the pinned key before anything reads the manifest: a manifest that
 * the publisher did not sign is never parsed, so its content cannot steer what happens next.
 */
export function openSignedManifest(bytes: Buffer, sigText: Buffer, publicKey: KeyObject): Manifest {
  const sig = Buffer.from(sigText.toString('utf8').trim(), 'base64');
  if (sig.length !== 64 || !verify(null, bytes, publicKey, sig)) {
    throw new SyncError(
      'The feed is not signed by the publisher key you pinned: the manifest was changed or signed with a different key. Nothing was changed.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new SyncError('The signed manifest is not valid JSON. Nothing was changed.');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new SyncError(`The signed manifest is malformed at ${firstIssue(parsed.error)}. Nothing was changed.`);
  return parsed.data;
}
