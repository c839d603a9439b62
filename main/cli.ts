import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AgeRange, GeocodeResponse, NearQuery, SearchCard, SearchQuery, SearchResponse } from '../shared/domain';
import { CATEGORIES, LANGUAGES, POPULATIONS } from '../shared/vocabulary';
import { BUSY_MESSAGE, isBusy } from './db/busy';
import { openDatabase } from './db/open';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { noDeskShell } from './desk/desk-shell';
import { noSystemActions } from './system-actions';
import { diffCommand, exportCommand, importCommand, parseMapEdits, rollbackCommand, UsageError, validateCommand } from './hsds/cli-commands';
import { ensureStarterDirectory } from './hsds/install/starter';
import { defaultDatabasePath } from './paths';
import { offlineTables } from './geo/offline-tables';
import { SOURCE_USAGE, sourceCommand } from './sources/cli-commands';
import { listSources } from './sources/source-list';
import { keygenCommand, publishCommand, SYNC_CLI_OPTIONS, SYNC_USAGE, syncCommand } from './sync/cli-commands';

/** The coordinator's command line. It works on the same database as the app unless --db says otherwise. */

const USAGE = `Usage: referral-atlas <command> [options]

Commands:
  search TEXT [filters] [--json]     find services (typos, Spanish and synonyms welcome)
      --category ID        e.g. legal-aid, emergency-shelter (repeatable: any of them)
      --language CODE      e.g. es, vi (repeatable: any of them)
      --population ID      e.g. minors, foreign-nationals (repeatable: serves all of them;
                           services that do not say are listed, marked, unless --confirmed-only)
      --source NAME        e.g. bundled, county.csv (repeatable: from any of them; see \`source list\`)
      --confirmed-only     drop services whose populations, hours, area, ages or answers are not stated
      --open-now           open at this moment (hours not stated are kept unless --confirmed-only)
      --open-24x7          open around the clock
      --verified-within N  verified within the last N months
      --near ZIP|PLACE     a ZIP code or California place, geocoded offline
      --radius-km N        only services within N km of --near (phone/online ones are kept, apart)
      --serves ZIP|PLACE   services whose service area covers this place (county, polygon, state, nation
                           or ZIP), wherever their office is; those stating no area are kept, marked
                           "area not stated", unless --confirmed-only
      --age N              services whose stated ages include N (those stating none are kept, marked)
      --free               free of charge      --no-id-needed   no ID needed
      --wheelchair         wheelchair accessible  (each: not stated is kept, marked, unless --confirmed-only)
      --sort relevance|distance
      --limit N            at most N results (default 20)
  info [--json]                      what directory is installed
  validate PATH [--json]             check a dataset (HSDS JSON, datapackage folder or .zip, Ohana folder, .csv)
  import PATH [--dry-run] [--json]   validate, show the changes, and install (nothing changes on any error)
      --source NAME        the source it replaces (default: one named after the file; other sources stay)
      --allow-removals     allow an import that removes more than half of the installed services
      --mark-confidential all|ID,...  flag these shelter sites confidential as they are installed (the
                           import warns of each shelter with an address or a point and no such flag)
  diff PATH                          what importing PATH would change
      --map "Column=field"  spreadsheets (.csv): what a column holds, e.g. --map "Phone Number=phone.number",
                           or --map "Notes=" to leave it out (repeatable). Other columns keep the saved or
                           guessed mapping; the output shows the one used, and an import saves it for that file
  rollback                           restore the directory as it was before the last import or removal
  export --format hsds-json|hsds-datapackage [--source NAME] OUT
                                     every source, or one with the ids as its publisher wrote them
${SOURCE_USAGE}
${SYNC_USAGE}
Options:
  --db PATH   database file (default: the app's own, ${defaultDatabasePath()})
  --json      machine-readable output
`;

const DATA = join(__dirname, '..', '..', 'data');
const STARTER = join(DATA, 'starter-directory.json');

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        category: { type: 'string', multiple: true },
        language: { type: 'string', multiple: true },
        population: { type: 'string', multiple: true },
        'confirmed-only': { type: 'boolean', default: false },
        'open-now': { type: 'boolean', default: false },
        'open-24x7': { type: 'boolean', default: false },
        'verified-within': { type: 'string' },
        near: { type: 'string' },
        'radius-km': { type: 'string' },
        serves: { type: 'string' },
        age: { type: 'string' },
        free: { type: 'boolean', default: false },
        'no-id-needed': { type: 'boolean', default: false },
        wheelchair: { type: 'boolean', default: false },
        sort: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'mark-confidential': { type: 'string' },
        'allow-removals': { type: 'boolean', default: false },
        map: { type: 'string', multiple: true },
        format: { type: 'string' },
        // Repeatable for search (any of the sources); import, diff and export take one.
        source: { type: 'string', multiple: true },
        kind: { type: 'string' },
        'header-env': { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...SYNC_CLI_OPTIONS,
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command || values.help ? 0 : 2;
  }

  const err = (m: string) => process.stderr.write(m);
  if (command === 'keygen') return keygenCommand(values, out, err);

  const dbPath = values.db ?? defaultDatabasePath();
  let db;
  try {
    db = openDatabase(dbPath);
  } catch (e) {
    return failed(e, values.json, out);
  }
  try {
    ensureStarterDirectory(db, STARTER);
    const handlers = createHandlers(db, dbPath, { ...noSystemActions, ...noDeskShell, dataDir: DATA });
    switch (command) {
      case 'search': {
        const query = searchQuery(rest.join(' '), values);
        if (typeof query === 'string') return fail(query);
        const known = listSources(db).map((s) => s.name);
        const unknownSource = query.sources?.find((name) => !known.includes(name));
        if (unknownSource !== undefined) return fail(`--source: there is no source named "${unknownSource}". The sources are: ${known.join(', ')}.`);
        // A name that fits several places (two Chinatowns) is read as the largest, and the others are named.
        const onePlace = async (place: NearQuery): Promise<NearQuery> => {
          if (!('place' in place)) return place;
          const g = await dispatch(handlers, 'geocode', { text: place.place });
          const matches = g.ok ? (g.value as GeocodeResponse).matches : [];
          if (matches.length <= 1) return place;
          process.stderr.write(`"${place.place}" could mean: ${matches.map((m) => m.label).join('; ')}. Using ${matches[0]!.label}; pass one of these names to choose.\n`);
          return { place: matches[0]!.id };
        };
        if (query.near) query.near = await onePlace(query.near);
        if (query.serves) query.serves = await onePlace(query.serves);
        const r = await dispatch(handlers, 'search', query);
        if (!r.ok) return fail(r.error);
        const res = r.value as SearchResponse;
        if (values.json) {
          const row = (c: SearchCard) => ({
            id: c.id,
            name: c.name,
            organization: c.organization,
            source: c.source,
            phones: c.phones.map((p) => p.number),
            categories: c.categories,
            languages: c.languages,
            distance_km: c.distanceKm,
            populations: c.populations,
            service_area: c.serviceArea,
            ages: c.ages,
            ...(res.serves ? { area_covers: c.areaCovers } : {}),
            free: c.free,
            no_id_needed: c.noIdNeeded,
            wheelchair: c.wheelchair,
            score: c.score,
          });
          out(
            `${JSON.stringify({
              total: res.total,
              ...(res.serves ? { serves: res.serves } : {}),
              results: res.results.map(row),
              ...(res.reference
                ? { near: res.reference, radius_km: res.radiusKm, phone_and_online: { total: res.virtual.total, results: res.virtual.results.map(row) } }
                : {}),
            })}\n`,
          );
        } else {
          if (res.reference) out(`Near ${res.reference.label}${res.radiusKm ? `, within ${res.radiusKm} km` : ''}\n`);
          if (res.serves) out(`Serving ${res.serves.label}\n`);
          out(`${res.total} service(s)\n`);
          const marks = (c: SearchCard) =>
            [
              c.areaCovers === 'not_stated' ? '[area not stated]' : '',
              c.serviceArea.length ? `area: ${c.serviceArea.join('; ')}` : '',
              agesText(c.ages),
            ].filter((m) => m).map((m) => `  ${m}`).join('');
          const line = (c: SearchCard) =>
            out(`- ${c.name} (${c.organization})${c.distanceKm !== null ? `  ${c.distanceKm} km` : ''}${c.phones.length ? `  ${c.phones.map((p) => p.number).join(', ')}` : ''}${marks(c)}\n`);
          res.results.forEach(line);
          if (res.reference && res.virtual.total > 0) {
            out(`\nPhone and online (no distance), ${res.virtual.total}:\n`);
            res.virtual.results.forEach(line);
          }
        }
        return 0;
      }
      case 'info': {
        const r = await dispatch(handlers, 'info', undefined);
        if (!r.ok) return fail(r.error);
        out(values.json ? `${JSON.stringify(r.value)}\n` : `${JSON.stringify(r.value, null, 2)}\n`);
        return 0;
      }
      case 'validate':
      case 'import':
      case 'diff':
      case 'export': {
        const [path] = rest;
        if (!path) return fail(`${command} needs a path.\n\n${USAGE}`);
        if ((values.source?.length ?? 0) > 1) throw new UsageError(`${command} takes one --source, not ${values.source!.length}.`);
        const source = values.source?.[0];
        const edits = parseMapEdits(values.map ?? []);
        const { knownArea } = offlineTables(DATA);
        if (command === 'validate') return validateCommand(db, path, { json: values.json, edits, knownArea }, out);
        if (command === 'import') {
          return importCommand(db, path, { dryRun: values['dry-run'], json: values.json, edits, knownArea, markConfidential: values['mark-confidential'], allowRemovals: values['allow-removals'], sourceName: source }, out);
        }
        if (command === 'diff') return diffCommand(db, path, { edits, knownArea, sourceName: source }, out);
        return exportCommand(db, values.format, path, out, source);
      }
      case 'rollback':
        return rollbackCommand(db, out);
      case 'source': {
        const r = await sourceCommand(db, rest, { json: values.json, kind: values.kind, headerEnv: values['header-env'], dryRun: values['dry-run'], allowRemovals: values['allow-removals'], all: values.all }, out);
        if (typeof r === 'number') return r;
        process.stderr.write(r);
        return 2;
      }
      case 'publish':
        return publishCommand(db, values, out, err);
      case 'sync':
        return await syncCommand(db, dbPath, rest[0], values, out, err);
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (!(e instanceof UsageError)) return failed(e, values.json, out);
    process.stderr.write(`${e.message}\n`);
    return 2;
  } finally {
    db.close();
  }
}

/** The search flags as a query, or a message saying which flag is wrong and what it accepts. */
function searchQuery(text: string, v: Record<string, string | boolean | string[] | undefined>): SearchQuery | string {
  const list = (name: string) => (v[name] as string[] | undefined) ?? [];
  const number = (name: string): number | undefined | string => {
    const raw = v[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isFinite(n) && n > 0 ? n : `--${name} needs a positive number, not "${raw}".`;
  };
  const terms = (name: string, prefix: string, known: readonly { id: string }[]) => {
    const ids = list(name).map((x) => (x.startsWith(prefix) ? x : `${prefix}${x}`));
    const bad = ids.find((id) => !known.some((k) => k.id === id));
    return bad ? `--${name} "${bad.slice(prefix.length)}" is not known. Use one of: ${known.map((k) => k.id.slice(prefix.length)).join(', ')}.` : ids;
  };
  const categories = terms('category', 'cat-', CATEGORIES);
  const populations = terms('population', 'pop-', POPULATIONS);
  const languages = list('language');
  const sources = list('source');
  const unknownLanguage = languages.find((l) => !/^[a-z]{2,3}$/.test(l));
  const limit = number('limit');
  const radiusKm = number('radius-km');
  const verified = number('verified-within');
  const sort = v.sort as string | undefined;
  for (const problem of [categories, populations, limit, radiusKm, verified]) if (typeof problem === 'string') return problem;
  if (unknownLanguage) return `--language "${unknownLanguage}" is not a language code (e.g. ${LANGUAGES.slice(0, 4).map((l) => l.id).join(', ')}).`;
  if (sort !== undefined && sort !== 'relevance' && sort !== 'distance') return `--sort is relevance or distance, not "${sort}".`;
  const near = v.near as string | undefined;
  const serves = v.serves as string | undefined;
  const ageText = v.age as string | undefined;
  const age = ageText === undefined ? undefined : Number(ageText);
  if (age !== undefined && !(Number.isInteger(age) && age >= 0 && age <= 130)) return `--age needs a whole number of years (0 to 130), not "${ageText}".`;
  const placeQuery = (text: string): NearQuery => (/^\d{5}(-\d{4})?$/.test(text.trim()) ? { zip: text.trim() } : { place: text });
  return {
    text,
    limit: (limit as number | undefined) ?? 20,
    ...(categories.length ? { categories: categories as string[] } : {}),
    ...(populations.length ? { populations: populations as string[] } : {}),
    ...(languages.length ? { languages } : {}),
    ...(sources.length ? { sources } : {}),
    ...(v['confirmed-only'] ? { confirmedOnly: true, hoursConfirmedOnly: true } : {}),
    ...(v['open-now'] ? { openNow: true } : {}),
    ...(v['open-24x7'] ? { open24x7: true } : {}),
    ...(verified !== undefined ? { verifiedWithinMonths: Math.round(verified as number) } : {}),
    ...(near ? { near: placeQuery(near) } : {}),
    ...(radiusKm !== undefined ? { radiusKm: radiusKm as number } : {}),
    ...(serves ? { serves: placeQuery(serves) } : {}),
    ...(age !== undefined ? { age } : {}),
    ...(v.free ? { free: true } : {}),
    ...(v['no-id-needed'] ? { noIdNeeded: true } : {}),
    ...(v.wheelchair ? { wheelchair: true } : {}),
    ...(sort ? { sort: sort as 'relevance' | 'distance' } : {}),
  };
}

/** A command that stopped on an error: its message, and for --json a result a script can read. */
function failed(e: unknown, json: boolean, out: (s: string) => void): number {
  const message = isBusy(e) ? BUSY_MESSAGE : e instanceof Error ? e.message : String(e);
  if (json) out(`${JSON.stringify({ ok: false, error: message })}\n`);
  return fail(message);
}

/** "ages 12-17", "ages 18+", "ages up to 17"; nothing when no age is stated. */
function agesText({ min, max }: AgeRange): string {
  if (min !== null && max !== null) return `ages ${min}-${max}`;
  if (min !== null) return `ages ${min}+`;
  return max !== null ? `ages up to ${max}` : '';
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

if (require.main === module) {
  // Output to a pipe is written asynchronously: exiting at once would cut off a long report mid-line.
  const exitAfterOutput = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  main(process.argv.slice(2)).then(exitAfterOutput, (err: unknown) => {
    process.stderr.write(`referral-atlas: ${err instanceof Error ? err.message : String(err)}\n`);
    exitAfterOutput(1);
  });
}
