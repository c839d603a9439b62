import { describe, expect, it } from 'vitest';
import type { ServiceCard } from '../../shared/domain';
import { rememberedCards } from './remembered-cards';

const card = (id: string, name: string) => ({ id, name }) as ServiceCard;

/** A stand-in for the tables: names by id, and every id it was asked to read. */
function tables() {
  const names = new Map([
    ['a', 'Alpha'],
    ['b', 'Beta'],
    ['c', 'Gamma'],
  ]);
  const asked: string[][] = [];
  const read = (ids: readonly string[]) => (asked.push([...ids]), ids.map((id) => (names.has(id) ? card(id, names.get(id)!) : null)));
  return { names, asked, read };
}

describe('remembered cards', () => {
  it('reads only the cards it has not read for the same install, and answers each id in the order asked', () => {
    const t = tables();
    const cards = rememberedCards(t.read, () => 1);
    expect(cards(['a', 'b'])).toEqual([card('a', 'Alpha'), card('b', 'Beta')]);
    expect(cards(['c', 'a', 'missing', 'c'])).toEqual([card('c', 'Gamma'), card('a', 'Alpha'), null, card('c', 'Gamma')]);
    expect(t.asked).toEqual([['a', 'b'], ['c', 'missing']]);
  });

  it('reads every card again once the install has changed: a renamed service shows its new name', () => {
    const t = tables();
    let install = 1;
    const cards = rememberedCards(t.read, () => install);
    cards(['a', 'b']);
    t.names.set('a', 'Alpha renamed');
    expect(cards(['a'])).toEqual([card('a', 'Alpha')]);
    install = 2;
    expect(cards(['a', 'b'])).toEqual([card('a', 'Alpha renamed'), card('b', 'Beta')]);
    expect(t.asked).toEqual([['a', 'b'], ['a', 'b']]);
  });

  it('keeps a bounded number of cards, the least recently asked going first', () => {
    const t = tables();
    const cards = rememberedCards(t.read, () => 1);
    cards(['a']);
    cards(Array.from({ length: 399 }, (_, n) => `x${n}`));
    cards(['a']);
    cards(['b']);
    // 'a' was asked again, so the first of the others went when 'b' came: 'a' is still kept.
    cards(['a', 'x0']);
    expect(t.asked.slice(2)).toEqual([['b'], ['x0']]);
  });
});
