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

/**
 * Free of charge: a zero cost_option amount, or a cost or fees text that says so in English or Spanish
 * (free, no cost, gratis, sin costo...). No: a price above zero and nothing saying free. Anything else
 * (a sliding scale, "call for fees") is not stated.
 */
export function freeOfCharge(costs: readonly { amount: number | null; option: string | null }[], fees: string | null): Answer {
  const texts = [fees, ...costs.map((c) => c.option)].filter((t): t is string => !!t).map((t) => foldText(t).replace(TOLL_FREE, ''));
  if (texts.some((t) => NOT_FREE.test(t))) return NO;
  if (costs.some((c) => c.amount === 0) || texts.some((t) => FREE.test(t))) return YES;
  if (costs.some((c) => c.amount !== null && c.amount > 0) || texts.some(statesPrice)) return NO;
  return NOT_STATED;
}

const NONE = /^\s*(none|no|n\/a|nothing|not required|none required|ninguno|ninguna|nada|no se requiere[n]?)\s*\.?\s*$/;
const NO_ID =
  /\b(no (photo |government |state )?(id|ids|identification|documents?|papers|paperwork)( is| are)? (required|needed|necessary)|(id|identification|documents?) (is |are )?not (required|needed|necessary)|without (an )?(id|identification|documents|papers)|regardless of (immigration |documentation )?(status|documents|documentation)|no se (requiere|necesita)n? (identificacion|documentos?|papeles)|sin (identificacion|documentos|papeles)|no necesita (identificacion|documentos|papeles))\b/;

/**
 * No ID needed: the required documents say none, or the eligibility text says no ID or documents are
 * required (English or Spanish). No: documents are listed as required. Otherwise not stated.
 */
export function noIdNeeded(documents: readonly string[], eligibility: string | null): Answer {
  const listed = documents.map(foldText).filter((d) => d.trim() !== '');
  if (listed.some((d) => NONE.test(d) || NO_ID.test(d)) || (eligibility !== null && NO_ID.test(foldText(eligibility)))) return YES;
  return listed.length > 0 ? NO : NOT_STATED;
}

const NOT_ACCESSIBLE =
  /\b(not (wheelchair |ada |fully )?accessible|no (wheelchair|ada) access|inaccessible|stairs only|no (elevator|ramp)|no es accesible|sin acceso para sillas de ruedas)\b/;
const ACCESSIBLE = /\b(wheelchair|ada|ramps?|elevators?|accessible entrance|fully accessible|step[\s-]free|accesible|silla de ruedas|sillas de ruedas|rampa|ascensor|elevador)\b/;

/** Wheelchair accessible, from the locations' `accessibility` texts: yes, no (said so), or not stated. */
export function wheelchairAccessible(accessibility: readonly string[]): Answer {
  const texts = accessibility.map(foldText);
  if (texts.some((t) => NOT_ACCESSIBLE.test(t))) return NO;
  return texts.some((t) => ACCESSIBLE.test(t)) ? YES : NOT_STATED;
}
