import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channelNames, contract, type ChannelName } from '../../shared/ipc-contract';
import type { Result } from '../../shared/result';
import { openDatabase } from '../db/open';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { MAX_MARKS_PER_SERVICE } from '../desk/local-records';
import { directoryDigest } from '../test-support/db-digest';
import { tempDb } from '../test-support/temp-db';
import { checkExternalUrl } from './open-external';
import { pagePolicy } from './page-policy';
import { seededRandom } from '../../scripts/gen-synthetic-data';

/**
 * Random and hostile calls on every contract channel, the way a compromised or buggy page could send
 * them, through the same dispatch the IPC binding uses. Seeded, so a failure comes back on every run.
 */
const SEED = 20_261_205;
const CALLS_PER_CHANNEL = 60;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'C:\\Windows\\System32\\calc.exe',
  '\u0000',
  '\u202e\u0000\ud800',
  "'; DROP TABLE service; --",
  '" OR 1=1 --',
  '%E0%A4%A',
  '%00',
  '{z}/{x}/{y}',
  'https://a<b/{z}/{x}/{y}',
  'https://tiles.example.org:99999/{z}/{x}/{y}.png',
  'https://tiles.example.org/{z}/{x}/{y}.png',
  'mailto:a@b.org?attach=/etc/passwd',
  'mailto:a@b.org?bcc=c@d.org',
  'tel:+1-555-0100?x=javascript:alert(1)',
  'tel:%E0%A4%A',
  'http:\\\\evil.example\\share',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'https://example.org/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fe80::1]/manifest.json',
  'http://127.0.0.1:9/feed/manifest.json',
  'CON.pdf',
  '..pdf',
  ' .pdf',
  'referral.pdf',
  'shelter',
  'hotline',
  '90077',
  'Los Angeles',
  'es',
  'en',
  'file',
  'folder',
  'still_valid',
  'closed',
  'relevance',
  'distance',
  '2026-12-05T10:00:00Z',
  '00000000-0000-4000-8000-000000000000',
  'x'.repeat(513),
  'ü'.repeat(3000),
];
const HOSTILE_NUMBERS = [0, -0, 1, -1, 2, 7, 1.5, 499, 500, 501, 4096, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, Number.NaN, Infinity, -Infinity, Number.EPSILON];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'length', 'then', 'toJSON', 'valueOf', 'path', 'url', 'id', 'serviceId', 'text'];

/** Values no structured clone would carry, which dispatch must still answer rather than throw on. */
const TRAPS: (() => unknown)[] = [
  () => ({ url: { length: { toString: 1 } } }),
  () => ({ text: { length: { valueOf: () => { throw new Error('valueOf'); } } } }),
  () => Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new Error('getter'); } }),
  () => new Proxy({}, { get: () => { throw new Error('proxy'); }, ownKeys: () => { throw new Error('proxy'); }, getOwnPropertyDescriptor: () => { throw new Error('proxy'); } }),
  () => Object.create(null) as object,
  () => JSON.parse('{"__proto__": {"polluted": true}, "text": "x"}') as unknown,
  () => { const a: unknown[] = []; a.push(a); return { serviceIds: a }; },
  () => Symbol('s'),
  () => 10n,
  () => () => 1,
];

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
}

function fuzzer(random: () => number, serviceIds: string[]) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const randomString = (): string => {
    if (random() < 0.3) return pick(serviceIds);
    if (random() < 0.7) return pick(HOSTILE_STRINGS);
    const length = Math.floor(random() * 40);
    return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x2fff))).join('');
  };
  const value = (depth: number): unknown => {
    const r = random();
    if (r < 0.08) return undefined;
    if (r < 0.14) return null;
    if (r < 0.22) return random() < 0.5;
    if (r < 0.4) return pick(HOSTILE_NUMBERS);
    if (r < 0.7 || depth > 2) return randomString();
    if (r < 0.8) return Array.from({ length: Math.floor(random() * 6) }, () => value(depth + 1));
    if (r < 0.85) return new Uint8Array(Math.floor(random() * 64));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 4); i > 0; i--) o[random() < 0.5 ? pick(HOSTILE_KEYS) : randomString().slice(0, 20)] = value(depth + 1);
    return o;
  };
  const uuid = (): string => {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  };
  /** A value of the shape the channel's schema describes, now and then with a part swapped for anything. */
  const plausible = (name: ChannelName, schema: JsonSchema, depth: number, fits: readonly string[] = []): unknown => {
    if (depth > 0 && random() < 0.15) return value(depth);
    if (schema.enum) return pick(schema.enum);
    if (schema.anyOf) return plausible(name, pick(schema.anyOf), depth + 1);
    switch (schema.type) {
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(key) || random() < 0.5) o[key] = plausible(name, field, depth + 1, depth === 0 ? fitting.get(`${name}.${key}`) : []);
        }
        if (schema.additionalProperties && random() < 0.5) o[randomString().slice(0, 30)] = plausible(name, schema.additionalProperties, depth + 1);
        return o;
      }
      case 'array':
        return Array.from({ length: Math.floor(random() * 4) }, () => plausible(name, schema.items ?? {}, depth + 1));
      case 'integer':
      case 'number':
        return pick([schema.minimum ?? 1, 1, 2, 3, 10, 1000, schema.maximum ?? 5000]);
      case 'boolean':
        return random() < 0.5;
      case 'string':
        if (schema.format === 'uuid') return uuid();
        return fits.length > 0 && random() < 0.4 ? pick(fits) : randomString();
      default:
        return undefined;
    }
  };
  const schemas = new Map(channelNames.map((name) => [name, z.toJSONSchema(contract[name].input, { unrepresentable: 'any', io: 'input' }) as JsonSchema]));
  /** The listed strings each top-level field accepts (refinements included), so valid calls are common. */
  const fitting = new Map<string, string[]>();
  for (const name of channelNames) {
    const shape = (contract[name].input as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
    for (const [key, field] of Object.entries(shape)) fitting.set(`${name}.${key}`, [...HOSTILE_STRINGS, ...serviceIds].filter((x) => field.safeParse(x).success));
  }
  return (name: ChannelName): unknown => {
    const r = random();
    if (r < 0.05) return pick(TRAPS)();
    if (r < 0.7) return plausible(name, schemas.get(name)!, 0);
    return value(0);
  };
}

/** Every answer is {ok: true, value} or {ok: false, error} with a sentence that names no file on this machine. */
function answerProblem(answer: unknown, privatePaths: string[]): string | null {
  if (typeof answer !== 'object' || answer === null) return 'not an object';
  if ('hung' in answer) return 'never answered';
  if ('rejected' in answer) return `rejected: ${String(answer.rejected)}`;
  const r = answer as Result<unknown>;
  if (r.ok === true) return 'value' in r ? null : 'ok without a value';
  if (r.ok !== false || typeof r.error !== 'string' || r.error.trim() === '') return 'no {ok, error} shape';
  if (r.error.length > 1_200) return `error of ${r.error.length} characters`;
  if (privatePaths.some((p) => r.error.includes(p))) return `names a path: ${r.error}`;
  if (/^(Invalid URL|URI malformed|Cannot read propert|Cannot convert|.* is not a function|.* is not iterable|Maximum call stack)/.test(r.error)) return `engine error: ${r.error}`;
  return null;
}

describe('the IPC boundary under random and hostile calls', () => {
  const t = tempDb({ starter: true });
  afterAll(() => t.cleanup());

  it(`answers every call on every channel, keeps the database whole and stores nothing unbounded (seed ${SEED})`, { timeout: 60_000 }, async () => {
    const opened: string[] = [];
    const copied: string[] = [];
    const handlers = createHandlers(t.db, t.path, {
      openExternal: async (url) => void opened.push(url),
      copyText: (text) => void copied.push(text),
      chooseSavePath: async () => null,
      printPageToPdf: async () => new TextEncoder().encode('%PDF-1.7'),
      hideWindow: () => undefined,
      chooseImportPath: async () => null,
      chooseStreetMap: async () => null,
      reloadPage: () => undefined,
      openWriter: () => openDatabase(t.path),
    });
    const serviceIds = t.db.prepare('SELECT id FROM service ORDER BY id').pluck().all() as string[];
    const directoryBefore = directoryDigest(t.db);
    const nextInput = fuzzer(seededRandom(SEED).next, serviceIds);
    const privatePaths = [t.dir, resolve(__dirname, '..', '..')];
    const problems: string[] = [];
    let calls = 0;
    const reachedHandler = new Set<ChannelName>();

    for (let round = 0; round < CALLS_PER_CHANNEL; round++) {
      for (const name of channelNames) {
        const input = nextInput(name);
        let timer: NodeJS.Timeout | undefined;
        const answer = await Promise.race([
          dispatch(handlers, name, input).catch((err: unknown) => ({ rejected: String(err) })),
          new Promise((ok) => (timer = setTimeout(() => ok({ hung: true }), 10_000))),
        ]);
        clearTimeout(timer);
        calls++;
        const problem = answerProblem(answer, privatePaths);
        if (problem) {
          problems.push(`${name}: ${problem}`);
          continue;
        }
        const r = answer as Result<unknown>;
        if (r.ok || !r.error.startsWith(`Invalid request to ${name}:`)) reachedHandler.add(name);
      }
    }
    await dispatch(handlers, 'syncSetPeriodic', { enabled: false });

    expect(problems.slice(0, 10)).toEqual([]);
    expect(calls).toBe(channelNames.length * CALLS_PER_CHANNEL);
    // The inputs got past the schemas into the handlers, not only bounced off them.
    expect(channelNames.filter((name) => !reachedHandler.has(name))).toEqual([]);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // No channel can change the directory itself without a file the person chose.
    expect(directoryDigest(t.db)).toBe(directoryBefore);
    // Desk records only for listed services, and a bounded number of marks on each.
    const unlisted = (table: string) => t.db.prepare(`SELECT count(*) FROM ${table} WHERE service_id NOT IN (SELECT id FROM service)`).pluck().get();
    expect([unlisted('local_note'), unlisted('local_call_mark')]).toEqual([0, 0]);
    const mostMarks = t.db.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM local_call_mark GROUP BY service_id)').pluck().get() as number | null;
    expect(mostMarks ?? 0).toBeLessThanOrEqual(MAX_MARKS_PER_SERVICE);
    const list = await dispatch(handlers, 'savedReferralList', undefined);
    expect(list.ok && (list.value as string[]).every((id) => serviceIds.includes(id))).toBe(true);
    // The page still loads, and only checked links ever reached the system.
    expect(pagePolicy(t.db)).toMatch(/^default-src 'none'/);
    expect(opened.filter((url) => checkExternalUrl(url) === null)).toEqual([]);
    // The clipboard only ever got text within the channel's bound.
    expect(copied.filter((text) => text.length === 0 || text.length > 2000)).toEqual([]);
  });
});
