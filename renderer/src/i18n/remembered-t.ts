import type { TFunction } from 'i18next';

/** Texts kept per translator: far more than one screen asks for, few enough to hold no memory worth noting. */
const KEPT = 4000;

/** Options i18next reads for itself (a plural's count, a context, …): a text asked with one is never filled in here. */
const READ_BY_I18NEXT = new Set(['count', 'context', 'ordinal', 'defaultValue', 'lng', 'lngs', 'ns', 'fallbackLng', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'interpolation', 'replace', 'skipInterpolation', 'keySeparator', 'nsSeparator']);

/** Stands for the option at `i` while a text's places are found: private-use characters, and a letter so a formatter that changes case shows. */
const mark = (i: number) => `\ue000${i}v\ue001`;
const MARKS = /\ue000(\d+)v\ue001/;

/** A text split at its options' places: literal parts at even indexes, option indexes at odd ones. */
type Template = (string | number)[];

const fill = (template: Template, values: readonly unknown[]) => template.map((part, i) => (i % 2 === 0 ? part : String(values[part as number]))).join('');

/**
 * `t` answering from memory what it can know without i18next, which resolves, interpolates and picks the
 * plural form on every call, some tens of microseconds each: a page of result cards and the facet menus
 * ask several hundred texts with every answer.
 * - A text asked before with the same key and options is remembered whole.
 * - A text whose options are only put in as given (a card's "Copy {{number}}", different on every card)
 *   is learnt once per key and option names as a template with those places, then filled in here. It is
 *   learnt only if filling it in gives exactly what i18next gave that first time: an option formatted
 *   (a number as the language writes it) or read by i18next itself never is.
 * The texts of one language never change while the page runs, and a change of language gives a new `t`
 * (and so a new memory).
 */
export function rememberedT(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  const call = t as unknown as (...a: unknown[]) => unknown;

  const learn = (key: string, names: string[], values: unknown[], text: string): Template | null => {
    const marked = String(call(key, Object.fromEntries(names.map((name, i) => [name, mark(i)]))));
    const template: Template = marked.split(MARKS).map((part, i) => (i % 2 === 0 ? part : Number(part)));
    return fill(template, values) === text ? template : null;
  };

  const remembered = (key: string | string[], options?: unknown, ...rest: unknown[]) => {
    // A second argument that is not a plain options object (a default value as text, say) goes to i18next as asked.
    if (rest.length > 0 || (options !== undefined && (options === null || typeof options !== 'object'))) return call(key, options, ...rest);
    if (options !== undefined && typeof key === 'string') {
      const names = Object.keys(options);
      const values = Object.values(options);
      const plain = names.every((name) => !READ_BY_I18NEXT.has(name)) && values.every((v) => typeof v === 'string' || typeof v === 'number');
      if (plain) {
        const shape = `${key}\u0000${names.join('\u0000')}`;
        const template = templates.get(shape);
        if (template) return fill(template, values);
        if (template === undefined) {
          const text = String(call(key, options));
          templates.set(shape, learn(key, names, values, text));
          return text;
        }
      }
    }
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
