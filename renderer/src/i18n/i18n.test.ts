import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { initI18n } from './index';

describe('translations', () => {
  it('Spanish has every English key, and no extra ones', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
  it('no Spanish string is left empty or identical to a long English one by mistake', () => {
    for (const [key, value] of Object.entries(es)) {
      expect(value.trim(), key).not.toBe('');
      const english = en[key as keyof typeof en];
      // Long in words: a place filled in ("{{km, number}} km") is not text left untranslated.
      const words = english.replace(/{{[^}]*}}/g, '');
      if (words.length > 12 && key !== 'appName') expect(value, key).not.toBe(english);
    }
  });
  it('keeps the same interpolation variables in both languages', () => {
    const vars = (s: string) => (s.match(/{{[^}]+}}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(vars(es[key]), key).toEqual(vars(en[key]));
  });
  it('writes counts the way each language groups digits', async () => {
    const i18n = initI18n('en');
    expect(i18n.t('resultsCount', { count: 100_000 })).toBe('100,000 services');
    await i18n.changeLanguage('es');
    expect(i18n.t('resultsCount', { count: 100_000 })).toBe('100.000 servicios');
    expect(i18n.t('resultsCount', { count: 1 })).toBe('1 servicio');
    // Spanish groups digits only from five on (Intl's rule), so the four-digit count is Intl's own.
    expect(i18n.t('facetServesCount', { serves: 1234, unknown: 56_789 })).toBe(`${new Intl.NumberFormat('es').format(1234)} · 56.789 no indicado`);
    await i18n.changeLanguage('en');
    expect(i18n.t('facetServesCount', { serves: 1234, unknown: 56_789 })).toBe('1,234 · 56,789 not stated');
  });
  it('gives `number` no options of its own: its formatter is kept per language alone', () => {
    for (const text of [...Object.values(en), ...Object.values(es)]) {
      for (const [, format] of text.matchAll(/{{[^},]+,([^}]+)}}/g)) expect(format!.trim(), text).toBe('number');
    }
  });
});
