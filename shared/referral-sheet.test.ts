import { describe, expect, it } from 'vitest';
import type { LocationView, PhoneView } from './domain';
import { sheetCodeTarget, telUri } from './referral-sheet';

const phone = (number: string, type: string | null): PhoneView => ({ number, type, extension: null, description: null, languages: [] });
const place = (over: Partial<LocationView>): LocationView => ({
  id: 'l', name: null, confidential: false, approximate: false, address: null, city: null, latitude: null, longitude: null, ...over,
});

describe('sheet code target', () => {
  it('dials the first voice phone, skipping fax and TTY lines', () => {
    expect(telUri('1-888-373-7888')).toBe('tel:18883737888');
    expect(sheetCodeTarget([phone('(555) 010-2001', 'textphone'), phone('(555) 010-2002', 'fax'), phone('(555) 010-2000', 'voice')], [])).toEqual({ kind: 'phone', uri: 'tel:5550102000' });
  });

  it('opens a public street address when there is no phone to call, never a confidential or city-only place', () => {
    const street = place({ address: '200 Example Avenue, Fresno, CA 93701', latitude: 36.74, longitude: -119.78 });
    expect(sheetCodeTarget([phone('(555) 010-2001', 'textphone')], [street])).toEqual({ kind: 'address', uri: 'geo:36.74,-119.78?q=200%20Example%20Avenue%2C%20Fresno%2C%20CA%2093701' });
    expect(sheetCodeTarget([], [place({ address: '1 Main St, Fresno', latitude: 36.7, longitude: -119.7, approximate: true })])?.uri).toBe('geo:0,0?q=1%20Main%20St%2C%20Fresno');
    expect(sheetCodeTarget([], [place({ confidential: true }), place({ city: 'Fresno', approximate: true, latitude: 36.7, longitude: -119.7 })])).toBeNull();
  });
});
