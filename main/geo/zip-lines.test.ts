import { describe, expect, it } from 'vitest';
import { zipLinesText } from '../../scripts/zip-lines.mjs';
import { zipLines } from './zip-lines';

describe('a ZIP-keyed table kept as text', () => {
  const rows: [string, (string | number)[]][] = [
    ['94102', [37.7793, -122.4193, 'CA', 'San Francisco']],
    ['00601', [18.18, -66.75, 'PR', 'Adjuntas']],
    ['90013', [34.0448, -118.2434, 'CA', 'Los Angeles, Downtown']],
    ['99950', [55.54, -131.43, 'AK', 'Ketchikan']],
  ];
  const find = zipLines(zipLinesText(rows));

  it('finds each ZIP the script wrote, first, last and between, its fields as written', () => {
    expect(find('00601')).toBe('18.18,-66.75,PR,Adjuntas');
    expect(find('90013')).toBe('34.0448,-118.2434,CA,Los Angeles, Downtown');
    expect(find('94102')).toBe('37.7793,-122.4193,CA,San Francisco');
    expect(find('99950')).toBe('55.54,-131.43,AK,Ketchikan');
  });

  it('finds nothing for a ZIP it lacks, or for what is not a ZIP', () => {
    for (const missing of ['00600', '90014', '99999', '9001', '90013-1234', '', 'abcde']) expect(find(missing)).toBeNull();
    expect(zipLines('')('90013')).toBeNull();
  });

  it('is refused by the script when a field would break its lines', () => {
    expect(() => zipLinesText([['90013', ['Los Angeles', 'CA']], ['90014', ['a,b', 'CA']]])).toThrow(/90014/);
    expect(() => zipLinesText([['90013', ['Los\nAngeles']]])).toThrow(/90013/);
    expect(() => zipLinesText([['9001', ['x']]])).toThrow(/five-digit/);
  });
});
