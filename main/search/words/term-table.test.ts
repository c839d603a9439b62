import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../../shared/text-fold';
import { generateSynthetic } from '../../../scripts/gen-synthetic-data';
import { IdList } from './id-list';
import { TermTable } from './term-table';

/** Every string value in a JSON document: names, descriptions, addresses, notes. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const scannedIds = (table: TermTable, text: string) => {
  const ids = new IdList();
  table.scan(text, ids);
  return Array.from(ids.view());
};
const scanned = (table: TermTable, text: string) => scannedIds(table, text).map((id) => table.names[id]);

describe('the term table reads the same words the search folds', () => {
  const tricky = [
    'Línea de Ayuda ÁÉÍÓÚ Ññ Üü ÇÀÈ', 'CAFÉ café cafe\u0301', 'Straße İstanbul ǅemal', 'T-visa/U-visa & VAWA (24/7)',
    'Shelter 🏠 for families', '庇护所 убежище مأوى', 'x'.repeat(70), `${'Y'.repeat(5000)} end`, '', '   ', 'Đà Nẵng Ħal Ŧ',
    'Σίσυφος ΣΊΣΥΦΟΣ', 'ﬁve ligature ²³ ½', 'tab\there\r\nnew line', 'Ǆ ǈ ǋ Ǳ',
  ];
  const corpus = [
    ...tricky,
    ...strings(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'starter-directory.json'), 'utf8'))),
    ...strings(generateSynthetic(300)),
  ];

  it('gives foldedWords exactly, text by text, on the starter directory, synthetic records and odd Unicode', () => {
    const table = new TermTable();
    for (const text of corpus) expect(scanned(table, text), text.slice(0, 80)).toEqual(foldedWords(text));
  });

  it('numbers terms in order of first sight and finds a scanned word again by id()', () => {
    const table = new TermTable();
    expect(scannedIds(table, 'Refugio para mujeres, refugio seguro')).toEqual([0, 1, 2, 0, 3]);
    expect(table.id('mujeres')).toBe(2);
    expect(table.id('zzsyn4')).toBe(4);
    expect(table.names).toEqual(['refugio', 'para', 'mujeres', 'seguro', 'zzsyn4']);
  });

  it('keeps thousands of distinct words apart as the table grows', () => {
    const table = new TermTable();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const ids = scannedIds(table, words.join(' '));
    expect(ids).toEqual(words.map((_, i) => i));
    expect(words.map((w) => table.id(w))).toEqual(ids);
  });
});
