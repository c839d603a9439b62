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

  it('fills in a text whose options are put in as given, learnt from i18next once, and as i18next would write it', async () => {
    const i18n = await instance();
    let asked = 0;
    const counted = ((...a: Parameters<typeof i18n.t>) => {
      asked++;
      return i18n.t(...a);
    }) as typeof i18n.t;
    const t = rememberedT(counted);
    // A value with what String.replace would read as patterns, and one that looks like a place of its own.
    const numbers = ['(510) 555-0195', '$& $1 $$', '{{number}}', ...Array.from({ length: 200 }, (_, i) => `(213) 555-${1000 + i}`)];
    for (const number of numbers) expect(t('copyPhoneLabel', { number })).toBe(i18n.t('copyPhoneLabel', { number }));
    expect(t('copyPhoneLabel', { number: '(510) 555-0195' })).toBe('Copy (510) 555-0195');
    expect(asked).toBe(2);
    expect(t('cardLastMark', { when: 'Nov 30, 2026', status: 'Changed' })).toBe('Called Nov 30, 2026: Changed');
  });

  it('leaves to i18next a text whose option it formats or reads itself', async () => {
    const i18n = await instance();
    i18n.services.formatter?.add('number', (value: unknown, lng: string | undefined) => new Intl.NumberFormat(lng).format(value as number));
    const spanish = rememberedT(i18n.getFixedT('es'));
    expect(spanish('distanceKm', { km: 2.5 })).toBe('2,5 km');
    expect(spanish('distanceKm', { km: 1234.5 })).toBe('1234,5 km');
    expect(spanish('resultsCount', { count: 1 })).toBe('1 servicio');
    expect(spanish('resultsCount', { count: 30_039 })).toBe('30.039 servicios');
    expect(spanish('resultsCount', { count: 1 })).toBe('1 servicio');
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
