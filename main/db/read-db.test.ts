import { afterEach, describe, expect, it } from 'vitest';
import type { ReadDb } from './open';
import { tempDb } from '../test-support/temp-db';

describe('ReadDb', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is the app connection as a reader: it reads, and type-checking refuses every way to write through it', () => {
    const t = tempDb({ starter: true });
    cleanup = t.cleanup;
    const reader: ReadDb = t.db;
    const services = reader.prepare('SELECT count(*) FROM service').pluck().get() as number;
    expect(services).toBeGreaterThan(0);

    // Never called: tsc fails on an unused @ts-expect-error, so each line below proves a write does not compile.
    const writes = () => {
      // @ts-expect-error a reader's statements have no run
      reader.prepare('DELETE FROM service').run();
      // @ts-expect-error pluck, raw and expand keep the statement a reader's
      reader.prepare('DELETE FROM service').raw().run();
      // @ts-expect-error a reader cannot run SQL as a script
      reader.exec('DELETE FROM service');
      // @ts-expect-error a reader cannot take the write lock
      reader.transaction(() => null).immediate();
      // @ts-expect-error a reader cannot change the connection's settings
      reader.pragma('foreign_keys = OFF');
      // @ts-expect-error a statement gives no way back to the full connection
      reader.prepare('SELECT 1').database.exec('DELETE FROM service');
      // @ts-expect-error a reader cannot close the connection the app shares
      reader.close();
    };
    expect(writes).toBeTypeOf('function');
    expect(reader.prepare('SELECT count(*) FROM service').pluck().get()).toBe(services);
  });
});
