import { describe, expect, it } from 'vitest';
import { eligibilityRules, NO, NOT_STATED, YES } from './eligibility-rules';

const { freeOfCharge, noIdNeeded, wheelchairAccessible } = eligibilityRules();

const cost = (amount: number | null, option: string | null = null) => ({ amount, option });

describe('free of charge', () => {
  it('is yes for a zero amount or a text saying so, in English or Spanish', () => {
    expect(freeOfCharge([cost(0)], null)).toBe(YES);
    for (const fees of ['Free', 'All services are free.', 'Free of charge', 'No cost to clients', 'No fees', 'Gratis', 'Servicios gratuitos', 'Sin costo', 'SIN CÓSTO', '$0']) {
      expect(freeOfCharge([], fees), fees).toBe(YES);
    }
    expect(freeOfCharge([cost(null, 'Free for survivors')], null)).toBe(YES);
  });

  it('is no for a price and nothing saying free, or a text saying it is not free', () => {
    expect(freeOfCharge([cost(25)], null)).toBe(NO);
    expect(freeOfCharge([], '$40 per visit')).toBe(NO);
    expect(freeOfCharge([], 'Not free: $10 intake fee')).toBe(NO);
    expect(freeOfCharge([], '$0.50 per page')).toBe(NO);
  });

  it('reads a repeated text the same way each time', () => {
    expect([freeOfCharge([], 'Gratis'), freeOfCharge([], 'Gratis'), freeOfCharge([cost(5)], 'Gratis')]).toEqual([YES, YES, YES]);
    expect([noIdNeeded(['None'], null), noIdNeeded(['None', 'Photo ID'], null)]).toEqual([YES, YES]);
  });

  it('is not stated otherwise: a sliding scale, a toll-free number, nothing', () => {
    expect(freeOfCharge([], 'Sliding scale')).toBe(NOT_STATED);
    expect(freeOfCharge([], 'Call toll-free for fees')).toBe(NOT_STATED);
    expect(freeOfCharge([], null)).toBe(NOT_STATED);
    expect(freeOfCharge([cost(null)], '')).toBe(NOT_STATED);
  });
});

describe('no ID needed', () => {
  it('is yes when the documents say none or the eligibility says no ID or documents are required', () => {
    expect(noIdNeeded(['None'], null)).toBe(YES);
    expect(noIdNeeded(['Ninguno'], null)).toBe(YES);
    expect(noIdNeeded([], 'Adults 18+. No ID required.')).toBe(YES);
    expect(noIdNeeded([], 'Identification is not required')).toBe(YES);
    expect(noIdNeeded([], 'Serves survivors regardless of immigration status')).toBe(YES);
    expect(noIdNeeded([], 'No se requiere identificación')).toBe(YES);
    expect(noIdNeeded([], 'Atendemos sin documentos')).toBe(YES);
  });

  it('is no when documents are listed, and not stated when nothing is said', () => {
    expect(noIdNeeded(['Photo ID', 'Proof of income'], null)).toBe(NO);
    expect(noIdNeeded([], 'Women 18 and older')).toBe(NOT_STATED);
    expect(noIdNeeded([''], null)).toBe(NOT_STATED);
  });
});

describe('wheelchair accessible', () => {
  it('reads the locations accessibility texts', () => {
    expect(wheelchairAccessible(['Wheelchair accessible entrance'])).toBe(YES);
    expect(wheelchairAccessible(['ramp', 'elevator'])).toBe(YES);
    expect(wheelchairAccessible(['Accesible para sillas de ruedas'])).toBe(YES);
    expect(wheelchairAccessible(['Not wheelchair accessible (second floor, stairs only)'])).toBe(NO);
    expect(wheelchairAccessible(['Braille signage'])).toBe(NOT_STATED);
    expect(wheelchairAccessible([])).toBe(NOT_STATED);
  });
});
