import { foldText } from '../../../shared/text-fold';

/** A yes/no question a record may answer, or leave unanswered. */
export const YES = 1;
export const NO = 0;
export const NOT_STATED = -1;
export type Answer = typeof YES | typeof NO | typeof NOT_STATED;

// Texts are folded first (lower case, no accents): "Sin costo" and "sin cóstó" read alike.
const FREE =
  /(\b(free|free of charge|gratis|gratuit[oa]s?|at no cost|no cost|no charge|without charge|sin costo|sin cargo|sin costo alguno|no fees?|no hay costo|no tiene costo)|\$ ?0(\.00)?)(?!\w|\.\d)/;
const NOT_FREE = /\b(not free|no es gratis|no es gratuito)\b/;
/** "Toll-free" is about a phone number, not a price. */
const TOLL_FREE = /\btoll[\s-]?free\b/g;
const PRICE = /\$ ?(\d+(\.\d+)?)/g;
const statesPrice = (t: string) => [...t.matchAll(PRICE)].some((m) => Number(m[1]) > 0);

/** What a cost or fees text says: free, not free, a price above zero, or nothing about the price. */
type PriceText = 'free' | 'not-free' | 'price' | null;

function priceText(text: string): PriceText {
  const t = foldText(text).replace(TOLL_FREE, '');
  if (NOT_FREE.test(t)) return 'not-free';
  if (FREE.test(t)) return 'free';
  return statesPrice(t) ? 'price' : null;
}

const NONE = /^\s*(none|no|n\/a|nothing|not required|none required|ninguno|ninguna|nada|no se requiere[n]?)\s*\.?\s*$/;
const NO_ID =
  /\b(no (photo |government |state )?(id|ids|identification|documents?|papers|paperwork)( is| are)? (required|needed|necessary)|(id|identification|documents?) (is |are )?not (required|needed|necessary)|without (an )?(id|identification|documents|papers)|regardless of (immigration |documentation )?(status|documents|documentation)|no se (requiere|necesita)n? (identificacion|documentos?|papeles)|sin (identificacion|documentos|papeles)|no necesita (identificacion|documentos|papeles))\b/;

const NOT_ACCESSIBLE =
  /\b(not (wheelchair |ada |fully )?accessible|no (wheelchair|ada) access|inaccessible|stairs only|no (elevator|ramp)|no es accesible|sin acceso para sillas de ruedas)\b/;
const ACCESSIBLE = /\b(wheelchair|ada|ramps?|elevators?|accessible entrance|fully accessible|step[\s-]free|accesible|silla de ruedas|sillas de ruedas|rampa|ascensor|elevador)\b/;

/** What an accessibility text says about wheelchairs: YES, NO, or NOT_STATED. */
function accessText(text: string): Answer {
  const t = foldText(text);
  if (NOT_ACCESSIBLE.test(t)) return NO;
  return ACCESSIBLE.test(t) ? YES : NOT_STATED;
}

/** A text's reading, worked out once per distinct text: a directory repeats "Free", "None", "ADA accessible". */
function remembered<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let r = seen.get(text);
    if (r === undefined && !seen.has(text)) seen.set(text, (r = read(text)));
    return r as T;
  };
}

/**
 * The three answers, each reading a text once however many services repeat it. Made once per index
 * build: the texts it remembers go with it.
 */
export function eligibilityRules() {
  const price = remembered(priceText);
  const documentSaysNone = remembered((d: string) => {
    const t = foldText(d);
    return t.trim() === '' ? null : NONE.test(t) || NO_ID.test(t);
  });
  const eligibilitySaysNoId = remembered((e: string) => NO_ID.test(foldText(e)));
  const access = remembered(accessText);

  return {
    /**
     * Free of charge: a zero cost_option amount, or a cost or fees text that says so in English or Spanish
     * (free, no cost, gratis, sin costo...). No: a price above zero and nothing saying free. Anything else
     * (a sliding scale, "call for fees") is not stated.
     */
    freeOfCharge(costs: readonly { amount: number | null; option: string | null }[], fees: string | null): Answer {
      if (costs.length === 0 && !fees) return NOT_STATED;
      const said = [fees, ...costs.map((c) => c.option)].map((t) => (t ? price(t) : null));
      if (said.includes('not-free')) return NO;
      if (costs.some((c) => c.amount === 0) || said.includes('free')) return YES;
      return costs.some((c) => c.amount !== null && c.amount > 0) || said.includes('price') ? NO : NOT_STATED;
    },

    /**
     * No ID needed: the required documents say none, or the eligibility text says no ID or documents are
     * required (English or Spanish). No: documents are listed as required. Otherwise not stated.
     */
    noIdNeeded(documents: readonly string[], eligibility: string | null): Answer {
      const said = documents.map(documentSaysNone).filter((d) => d !== null);
      if (said.includes(true) || (eligibility !== null && eligibilitySaysNoId(eligibility))) return YES;
      return said.length > 0 ? NO : NOT_STATED;
    },

    /** Wheelchair accessible, from the locations' `accessibility` texts: yes, no (said so), or not stated. */
    wheelchairAccessible(accessibility: readonly string[]): Answer {
      const said = accessibility.map(access);
      if (said.includes(NO)) return NO;
      return said.includes(YES) ? YES : NOT_STATED;
    },
  };
}
