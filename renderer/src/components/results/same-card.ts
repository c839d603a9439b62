import type { SearchCard } from '../../../../shared/domain';

/** A card's fields as shown: its score orders the list and changes with every word typed, but is not shown. */
const shown = (card: SearchCard) => JSON.stringify({ ...card, score: 0 });

/** Whether two answers' cards for a service show the same: then the card on screen is not drawn again. */
export const sameCardShown = (a: SearchCard, b: SearchCard) => a === b || (a.id === b.id && shown(a) === shown(b));
