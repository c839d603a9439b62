import { describe, expect, it } from 'vitest';
import { GAZETTEER_PATH } from '../test-support/temp-db';
import { distanceKm } from './distance';
import { GeocodeError, loadGazetteer } from './gazetteer';

const g = loadGazetteer(GAZETTEER_PATH);

describe('offline gazetteer (data/gazetteer.json)', () => {
  it('puts a ZIP code at its point and names its city', () => {
    const p = g.resolve({ zip: '90012' });
    expect(p.label).toBe('90012 Los Angeles, CA');
    expect(distanceKm(p.lat, p.lon, 34.0522, -118.2437)).toBeLessThan(5);
  });

  it('refuses an unknown ZIP and a malformed one with a message naming it', () => {
    expect(() => g.resolve({ zip: '00000' })).toThrow(new GeocodeError('ZIP code 00000 is not in the offline ZIP table.'));
    expect(() => g.resolve({ zip: '9001' })).toThrow(/"9001" is not a ZIP code/);
  });

  it('offers both Chinatowns, largest first, told apart by county', () => {
    expect(g.lookup('Chinatown').map((m) => m.label)).toEqual(['Chinatown (San Francisco County)', 'Chinatown (Alameda County)']);
    expect(g.resolve({ place: 'Chinatown (Alameda County)' }).lat).toBeCloseTo(37.8, 1);
  });

  it('knows names the sources spell differently, accents and case aside', () => {
    expect(g.lookup('La Canada')[0]?.id).toBe('La Cañada Flintridge');
    expect(g.lookup('la canada flintridge')[0]?.id).toBe('La Cañada Flintridge');
    expect(g.lookup('Skid Row')[0]).toMatchObject({ id: '90013', label: 'Skid Row (90013 Los Angeles, CA)' });
    expect(g.lookup('Fresno, CA')[0]?.id).toBe('Fresno');
  });

  it('suggests places while a name is being typed, but never resolves a fragment', () => {
    expect(g.lookup('san fra').map((m) => m.id)).toContain('San Francisco');
    expect(() => g.resolve({ place: 'san fra' })).toThrow(/"san fra" is not a ZIP code or a California place/);
    expect(() => g.resolve({ place: 'Atlantis' })).toThrow(GeocodeError);
  });
});
