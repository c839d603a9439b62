import type { LocationView, PhoneView } from './domain';

/**
 * Printed on every referral sheet, whatever services it lists: the number the seed documents give for
 * the National Human Trafficking Hotline.
 */
export const NATIONAL_HOTLINE_NUMBER = '1-888-373-7888';

/** The `tel:` link for a phone as written ("(555) 010-2000" -> "tel:5550102000"); the extension is dialled by hand. */
export function telUri(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** Phones a person can call by voice: fax, pager and TTY lines are not what a scanned code should dial. */
const CALLABLE = new Set(['voice', 'cell']);

/**
 * What a referral sheet's code opens for one service: its first voice phone, else its first public street
 * address in a map app (`geo:`, RFC 5870, searched by address), else nothing. Confidential locations
 * never reach here: their address is null in every view.
 */
export function sheetCodeTarget(phones: readonly PhoneView[], locations: readonly LocationView[]): { kind: 'phone' | 'address'; uri: string } | null {
  const phone = phones.find((p) => p.type == null || CALLABLE.has(p.type));
  if (phone && /\d{3}/.test(phone.number)) return { kind: 'phone', uri: telUri(phone.number) };
  const place = locations.find((l) => !l.confidential && l.address);
  if (place?.address) {
    const at = place.latitude != null && place.longitude != null && !place.approximate ? `${place.latitude},${place.longitude}` : '0,0';
    return { kind: 'address', uri: `geo:${at}?q=${encodeURIComponent(place.address)}` };
  }
  return null;
}
