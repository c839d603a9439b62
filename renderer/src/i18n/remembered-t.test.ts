import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './index';
import { rememberedT } from './remembered-t';

const instance = async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false }, returnNull: false });
  return i18n;
};

describe('a translator that remembers', () => {
  it('answers each key and its options as i18next does, asked once or many times', async () => {
    const i18n = await instance();
    const t = rememberedT(i18n.t);
    const asks: [string, object?][] = [
      ['cardAddToSheet'],
      ['resultsCount', { count: 1 }],
      ['resultsCount', { count: 100_000 }],
      ['distanceKm', { km: 2.5 }],
      ['distanceKm', { km: 12 }],
      ['mapShown', { mapped: 3, total: 7 }],
    ];
    for (let round = 0; round < 2; round++) for (const [key, options] of asks) expect(t(key, options as never)).toBe(i18n.t(key, options as never));
    expect(t('resultsCount', { count: 1 })).toBe('1 service');
    expect(t('resultsCount', { count: 2 })).toBe('2 services');
  });

  it('a translator for another language answers in that language, not from the first one', async () => {
    const i18n = await instance();
    const english = rememberedT(i18n.getFixedT('en'));
    const spanish = rememberedT(i18n.getFixedT('es'));
    expect(english('resultsCount', { count: 100_000 })).toBe('100,000 services');
    expect(spanish('resultsCount', { count: 100_000 })).toBe('100.000 servicios');
    expect(english('resultsCount', { count: 100_000 })).toBe('100,000 services');
  });

  it('passes a default value given as text to i18next as asked', async () => {
    const t = rememberedT((await instance()).t);
    expect(t('noSuchKey', 'the default')).toBe('the default');
    expect(t('noSuchKey', 'another default')).toBe('another default');
  });
});
