import type { TFunction } from 'i18next';

/** Texts kept per translator: far more than one screen asks for, few enough to hold no memory worth noting. */
const KEPT = 4000;

/**
 * `t` answering again from memory what it has already translated with the same key and options. i18next
 * resolves, interpolates and picks the plural form on every call, some tens of microseconds each: a page
 * of result cards and the facet menus ask several hundred texts with every answer, most of them the
 * same as the last answer's. The texts of one language never change while the page runs, and a change
 * of language gives a new `t` (and so a new memory).
 */
export function rememberedT(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const call = t as unknown as (...a: unknown[]) => unknown;
  const remembered = (key: string | string[], options?: unknown, ...rest: unknown[]) => {
    // A second argument that is not a plain options object (a default value as text, say) goes to i18next as asked.
    if (rest.length > 0 || (options !== undefined && (options === null || typeof options !== 'object'))) return call(key, options, ...rest);
    const id = options === undefined ? `${key}` : `${key}\u0000${JSON.stringify(options)}`;
    let text = known.get(id);
    if (text === undefined) {
      text = String(call(key, options));
      if (known.size >= KEPT) known.clear();
      known.set(id, text);
    }
    return text;
  };
  return Object.assign(remembered, t) as unknown as TFunction;
}
