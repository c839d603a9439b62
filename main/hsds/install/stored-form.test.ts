import { describe, expect, it } from 'vitest';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { storedEqualColumns } from './stored-form';

describe('a value compared with the stored one as it would be written', () => {
  const desk = tempDbsEachTest();

  it('skips only what would read back the same: a CSV\'s "18" over 18 in a REAL column, not "" over null', () => {
    const t = desk();
    const service = (column: string, value: unknown, stored: unknown) => storedEqualColumns(t.db, 'service', [column])[0]!(value, stored);
    const phone = (column: string, value: unknown, stored: unknown) => storedEqualColumns(t.db, 'phone', [column])[0]!(value, stored);
    expect(service('minimum_age', '18', 18)).toBe(true);
    expect(service('minimum_age', 18, 18)).toBe(true);
    expect(service('minimum_age', '18.0', 18)).toBe(false);
    expect(service('minimum_age', null, null)).toBe(true);
    expect(service('name', '', null)).toBe(false);
    expect(service('name', undefined, null)).toBe(true);
    expect(service('name', 'Shelter', 'Shelter')).toBe(true);
    expect(service('name', 'Shelter', 'shelter')).toBe(false);
    expect(phone('extension', 42, '42')).toBe(true);
    expect(phone('extension', 4.5, '4.5')).toBe(false);
    expect(service('no_such_column', 'x', 'x')).toBe(false);
  });
});
