import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixtures';
import { STARTER_SERVICES } from '../test-support/temp-db';
import { STARTER_VERSION } from './install/starter';

// The import commands as a coordinator runs them: the built bin, a real process, a real database file.
const BIN = resolve(__dirname, '..', '..', 'bin', 'referral-atlas.cjs');
const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'atlas.sqlite');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8' });
const info = () => JSON.parse(cli('info', '--json').stdout) as { datasetId: string; services: number };

// Each case spawns real processes on a shared two-core machine: generous time, no timing asserted.
describe('referral-atlas validate / import / diff / rollback / export', { timeout: 60_000 }, () => {
  it('validate --json names each problem by file, row and field', () => {
    const r = cli('validate', fixture('hsds3', 'datapackage'), '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors).toContainEqual({ file: 'locations.csv', row: 2, field: 'latitude', message: '100 is not a latitude (-90 to 90)' });
    expect(cli('validate', fixture('ohana-sanmateo')).stdout).toContain('valid: 23 service(s), 0 error(s)');
  });

  it('import --dry-run --json reports the counts and changes nothing; import then adds the file as a source beside the bundled one', () => {
    const dry = cli('import', fixture('hsds11', 'all_resources'), '--dry-run', '--json');
    expect(dry.status).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(Object.keys(out).sort()).toEqual(['added', 'changed', 'error_count', 'errors', 'marked_confidential', 'ok', 'removed', 'unflagged_shelters', 'warning_count', 'warnings']);
    expect(out).toMatchObject({ ok: true, added: 13, changed: 0, removed: 0, errors: [] });
    expect(info().services).toBe(STARTER_SERVICES);
    const real = cli('import', fixture('hsds11', 'all_resources'));
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('+ Never Homeless Helpline');
    expect(info()).toMatchObject({ datasetId: 'human_services_data', services: STARTER_SERVICES + 13 });
    expect(JSON.parse(cli('source', 'list', '--json').stdout)).toEqual([
      { name: 'bundled', kind: 'bundled', url: 'starter', services: STARTER_SERVICES, last_pull: expect.any(String), last_result: null, paused: false },
      { name: 'all_resources', kind: 'file', url: fixture('hsds11', 'all_resources'), services: 13, last_pull: expect.any(String), last_result: null, paused: false },
    ]);
    const found = JSON.parse(cli('search', 'Never Homeless Helpline', '--json').stdout) as { results: { name: string; source: string }[] };
    expect(found.results[0]).toMatchObject({ name: 'Never Homeless Helpline', source: 'all_resources' });

    // Replacing that source with a file that drops more than half of it needs an explicit yes; without it nothing changes.
    const message = 'This would remove 13 of the 13 services it replaces, more than half of them, so it needs an explicit yes: run the import again with --allow-removals if that is what you mean. Nothing was changed.';
    expect(cli('import', fixture('ohana-sanmateo'), '--source', 'all_resources', '--dry-run').stdout).toContain(`Importing it would need --allow-removals: ${message}`);
    for (const args of [[], ['--json']]) {
      const refused = cli('import', fixture('ohana-sanmateo'), '--source', 'all_resources', ...args);
      expect(refused.status).toBe(1);
      if (args.length) expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: message, removed: 13 });
      else expect(refused.stdout).toContain(`Not imported: ${message}`);
      expect(info().services).toBe(STARTER_SERVICES + 13);
    }
    expect(cli('import', fixture('ohana-sanmateo'), '--source', 'no/slash').stderr).toContain('--source: A source name may not hold "/"');
  });

  it('diff shows field changes old -> new against the source it would replace; rollback restores the directory before the import', () => {
    expect(cli('diff', fixture('ohana-sanmateo')).stdout).toMatch(/23 added, 0 changed, 0 removed service\(s\)/);
    const d = cli('diff', fixture('ohana-sanmateo'), '--source', 'all_resources');
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/23 added, 0 changed, 13 removed service\(s\)/);
    expect(cli('rollback').stdout).toContain(`Rolled back to referral-atlas-starter-california ${STARTER_VERSION} (${STARTER_SERVICES} services)`);
    expect(info().services).toBe(STARTER_SERVICES);
    expect(JSON.parse(cli('source', 'list', '--json').stdout)).toHaveLength(1);
  });

  it('export --format hsds-datapackage then import into the same source reports zero changes', () => {
    const out = join(dir, 'published');
    expect(cli('export', '--format', 'hsds-datapackage', out).status).toBe(0);
    expect(existsSync(join(out, 'datapackage.json'))).toBe(true);
    const again = JSON.parse(cli('import', out, '--source', 'bundled', '--json').stdout);
    expect(again).toMatchObject({ ok: true, added: 0, changed: 0, removed: 0, errors: [] });
    expect(cli('export', '--format', 'hsds-json', join(dir, 'all.json')).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'))).toHaveLength(STARTER_SERVICES);
    expect(cli('export', join(dir, 'x')).status).toBe(2);
    expect(cli('export', '--format', 'hsds-json', '--source', 'nowhere', join(dir, 'x')).status).toBe(2);
  });

  it('export --source writes one source with its own ids, which imports back into it with zero changes; source remove keeps the rest', () => {
    expect(cli('import', fixture('hsds11', 'all_resources')).status).toBe(0);
    const one = join(dir, 'one.json');
    expect(cli('export', '--format', 'hsds-json', '--source', 'all_resources', one).status).toBe(0);
    const services = JSON.parse(readFileSync(one, 'utf8')) as { id: string }[];
    expect(services).toHaveLength(13);
    // The ids as the publisher wrote them, not as stored beside the bundled directory's.
    expect(services.every((s) => !s.id.includes('/'))).toBe(true);
    expect(JSON.parse(cli('import', one, '--source', 'all_resources', '--json').stdout)).toMatchObject({ ok: true, added: 0, changed: 0, removed: 0 });

    const removed = cli('source', 'remove', 'all_resources', '--json');
    expect(removed.status, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ ok: true, source: 'all_resources', removed: 13, services: STARTER_SERVICES });
    expect(info().services).toBe(STARTER_SERVICES);
    expect(JSON.parse(cli('search', 'Never Homeless Helpline', '--json').stdout).results.map((r: { source: string }) => r.source)).not.toContain('all_resources');
    expect(cli('source', 'remove', 'all_resources').status).toBe(1);
    expect(cli('source', 'frobnicate').status).toBe(2);
    // One step back brings the removed source back whole.
    cli('rollback');
    expect(info().services).toBe(STARTER_SERVICES + 13);
    cli('source', 'remove', 'all_resources');
  });

  it('import --map corrects a spreadsheet column, shows the mapping used, and is remembered for that file', () => {
    const sheet = join(dir, 'coalition.csv');
    writeFileSync(sheet, 'Agency,Program,Tel,Comments\nSYNTHETIC Org,SYNTHETIC Shelter,555-0100,Call first\n');
    const before = info();

    const typo = cli('import', sheet, '--map', 'Program=service.nam', '--json');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('"service.nam" is not a field a column can feed. Use one of: service.id, service.name,');
    const noColumn = cli('import', sheet, '--map', 'Programme=service.name');
    expect(noColumn.status).toBe(2);
    expect(noColumn.stderr).toContain('the spreadsheet has no column "Programme". Its columns are: "Agency", "Program", "Tel", "Comments".');
    expect(cli('import', fixture('ohana-sanmateo'), '--map', 'name=service.name').stderr).toContain('--map is for spreadsheets');
    expect(info()).toEqual(before);

    const guessed = JSON.parse(cli('validate', sheet, '--json').stdout);
    expect(guessed).toMatchObject({ ok: false, mapping: { Agency: 'organization.name', Program: null, Tel: 'phone.number', Comments: null } });

    const r = cli('import', sheet, '--map', 'Program=service.name', '--map', 'Comments=service.description', '--map', 'Tel=', '--json', '--allow-removals');
    expect(r.status, r.stderr).toBe(0);
    const used = { Agency: 'organization.name', Program: 'service.name', Tel: null, Comments: 'service.description' };
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, added: 1, removed: 0, mapping: used });
    expect(info().services).toBe(STARTER_SERVICES + 1);
    // The next check of the same file starts from what the import saved, as the app's does.
    expect(JSON.parse(cli('validate', sheet, '--json').stdout)).toMatchObject({ ok: true, mapping: used });
    expect(cli('diff', sheet).stdout).toContain('Columns:\n  Agency -> organization.name\n  Program -> service.name\n  Tel -> (not imported)\n  Comments -> service.description\n');
  });

  it('import warns of a shelter with a street and no confidential flag; --mark-confidential flags it as it installs', () => {
    const file = join(dir, 'shelters.json');
    const street = '31 Nameless Creek Road';
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'svc-shelter',
          name: 'SYNTHETIC Trafficking Shelter',
          status: 'active',
          organization: { id: 'org-s', name: 'SYNTHETIC Org' },
          attributes: [{ id: 'at-1', link_type: 'service_category', taxonomy_term: { id: 'trafficking-shelter', name: 'Human trafficking shelters', description: 'x' } }],
          service_at_locations: [{ id: 'sal-1', location: { id: 'loc-shelter', location_type: 'physical', addresses: [{ id: 'ad-1', address_1: street, city: 'Oakland', state_province: 'CA', postal_code: '94601', country: 'US', address_type: 'physical' }] } }],
        },
      ]),
    );
    const before = info();
    expect(cli('import', file, '--dry-run').stdout).toContain(
      `warning: shelter site loc-shelter (SYNTHETIC Trafficking Shelter) at ${street}, Oakland has no confidential flag: it would be shown, mapped and exported. If it is a safe house, import with --mark-confidential loc-shelter (or all).`,
    );
    const wrong = cli('import', file, '--mark-confidential', 'loc-elsewhere');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--mark-confidential: Only a shelter site this import pointed out can be marked confidential here; not "loc-elsewhere".');
    expect(info()).toEqual(before);

    const r = cli('import', file, '--mark-confidential', 'all', '--allow-removals');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Marked 1 shelter site(s) confidential: loc-shelter');
    expect(cli('export', '--format', 'hsds-json', '--source', 'shelters.json', join(dir, 'shelters-out.json')).status).toBe(0);
    const exported = readFileSync(join(dir, 'shelters-out.json'), 'utf8');
    expect(exported).not.toContain(street);
    expect(exported).toContain('loc-confidential');
    expect(cli('validate', join(dir, 'shelters-out.json')).stdout).not.toContain('no confidential flag');
  });
});
