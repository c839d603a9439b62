import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceReader } from '../../db/service-read';
import { STARTER_PATH, tempDb } from '../../test-support/temp-db';
import { ensureStarterDirectory, STARTER_DATASET_ID } from './starter';

describe('bundled starter directory', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('is installed once on first run through the common install path', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    expect(ensureStarterDirectory(t.db, STARTER_PATH)).toBe(true);
    expect(ensureStarterDirectory(t.db, STARTER_PATH)).toBe(false);
    expect(t.db.prepare('SELECT dataset_id, source, services FROM dataset_install').all()).toEqual([
      { dataset_id: STARTER_DATASET_ID, source: 'starter', services: 10 },
    ]);
  });

  it('names the organizations of the seed documents, each service with its source', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const orgs = (t.db.prepare('SELECT name FROM organization').all() as { name: string }[]).map((r) => r.name).join('\n');
    for (const name of ['National Human Trafficking Hotline', 'Department of Justice', 'CAST', 'BSCC', 'MISSSEY', 'New Day for Children', 'SAGE', 'Victim Compensation', 'Los Angeles Regional Human Trafficking Task Force', 'Los Angeles City Attorney']) {
      expect(orgs).toContain(name);
    }
    const reader = createServiceReader(t.db);
    for (const { id } of t.db.prepare('SELECT id FROM service').all() as { id: string }[]) {
      expect(reader.detail(id)!.sources.length).toBeGreaterThan(0);
    }
  });

  it('carries only the two phone numbers the seeds give, and no street addresses or hours for others', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const numbers = new Set((t.db.prepare('SELECT number FROM phone').all() as { number: string }[]).map((r) => r.number));
    expect([...numbers].sort()).toEqual(['1-888-373-7888', '1-888-428-7581']);
    expect(t.db.prepare("SELECT count(*) AS n FROM address WHERE address_1 <> ''").get()).toEqual({ n: 0 });
    const scheduled = (t.db.prepare('SELECT DISTINCT s.name FROM schedule sc JOIN service s ON s.id = sc.service_id').all() as { name: string }[]).map((r) => r.name);
    expect(scheduled.sort()).toEqual(['National Human Trafficking Hotline', 'Trafficking in Persons and Worker Exploitation Task Force complaint line']);
  });

  it('marks every city-level point as approximate', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const reader = createServiceReader(t.db);
    const ids = (t.db.prepare('SELECT id FROM service').all() as { id: string }[]).map((r) => r.id);
    const located = ids.flatMap((id) => reader.detail(id)!.locations).filter((l) => l.latitude != null);
    expect(located.length).toBeGreaterThan(0);
    expect(located.every((l) => l.approximate)).toBe(true);
  });

  it('ships the DOJ line with its TTY marked', () => {
    const raw = readFileSync(STARTER_PATH, 'utf8');
    expect(raw).toContain('"type": "textphone"');
  });
});
