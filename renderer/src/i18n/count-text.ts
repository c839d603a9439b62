/**
 * A count written the language's way ("1,234", "30.039"), one Intl.NumberFormat kept per language: for
 * the texts' `{{count, number}}` (index.ts), the facet menus' counts and the map's clusters alike.
 * i18next's own formatter kept one by the whole call's options, the count among them, so every new count
 * made (and kept) a formatter of its own: some 40 µs a number, two dozen numbers in every search answer.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function countText(value: number, lang: string | undefined): string {
  const key = lang ?? 'en';
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(key)));
  return format.format(value);
}
