import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './i18n';
import { sourceLabel } from './source-label';

const t = i18next.createInstance();
void t.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
const es = t.cloneInstance({ lng: 'es' });

describe('a source as screens name it', () => {
  it('names the bundled directory in the reader language and every other source by its own name', () => {
    expect(sourceLabel('bundled', t.t)).toBe('the directory bundled with the app');
    expect(sourceLabel('bundled', es.t)).toBe('el directorio incluido con la aplicación');
    expect(sourceLabel('county.csv', es.t)).toBe('county.csv');
  });
});
