import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { LocalSummary, SearchCard } from '../../../../shared/domain';
import { ServiceCardView, type AskedQuestions } from '../ServiceCardView';
import { nextSlots } from './card-slots';

const focusCard = (id: string) => requestAnimationFrame(() => document.getElementById(`card-${id}`)?.focus());

/**
 * A list of result cards moved through with the keyboard: Up and Down (Home, End) select the previous or
 * next card and put focus on its name, the detail pane following. Past the last card `onPastEnd` may
 * bring more (true when it will), and the first of them is selected once they are shown; before the first,
 * `onBeforeStart` decides where focus goes.
 */
export function CardList({ cards, label, selectedId, onSelect, onPastEnd, onBeforeStart, busy, populations, showHours, summaries, asked, servesPlace }: {
  cards: SearchCard[];
  label: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onPastEnd: () => boolean;
  onBeforeStart: () => void;
  busy?: boolean;
  populations?: string[];
  showHours?: boolean;
  summaries: ReadonlyMap<string, LocalSummary>;
  asked?: AskedQuestions;
  servesPlace?: string | null;
}) {
  // The card to select once more have come: the first after those shown, if the list is still the same search's.
  const pending = useRef<{ at: number; first: string } | null>(null);
  useEffect(() => {
    const wanted = pending.current;
    if (!wanted || cards.length <= wanted.at) return;
    pending.current = null;
    if (cards[0]?.id !== wanted.first) return;
    onSelect(cards[wanted.at]!.id);
    focusCard(cards[wanted.at]!.id);
  }, [cards, onSelect]);

  const select = (id: string) => {
    onSelect(id);
    focusCard(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = cards.findIndex((c) => c.id === selectedId);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: cards.length - 1 };
    const next = moves[e.key];
    if (next === undefined || cards.length === 0) return;
    e.preventDefault();
    if (next < 0) onBeforeStart();
    else if (next < cards.length) select(cards[next]!.id);
    else if (onPastEnd()) pending.current = { at: cards.length, first: cards[0]!.id };
  };
  const slots = useCardSlots(cards);
  // Tab reaches the selected card, or the first when the selection is elsewhere.
  const tabbable = cards.some((c) => c.id === selectedId) ? selectedId : (cards[0]?.id ?? null);

  return (
    <ul
      className="results"
      tabIndex={-1}
      aria-label={label}
      aria-busy={busy}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        // Focus given to the list itself (Down from the query box) goes on to a card.
        if (e.target !== e.currentTarget || !tabbable) return;
        select(tabbable);
      }}
    >
      {cards.map((c) => (
        <ServiceCardView
          key={slots.get(c.id)}
          card={c}
          selected={c.id === selectedId}
          tabbable={c.id === tabbable}
          onSelect={onSelect}
          populations={populations}
          showHours={showHours}
          summary={summaries.get(c.id)}
          asked={asked}
          servesPlace={servesPlace}
        />
      ))}
    </ul>
  );
}

/** Each card's key, by its slot (card-slots.ts); the card holding focus keeps its own. */
function useCardSlots(cards: SearchCard[]): ReadonlyMap<string, number> {
  const last = useRef<ReadonlyMap<string, number>>(new Map());
  return useMemo(() => {
    const focused = document.activeElement?.closest('.card')?.getAttribute('data-id') ?? null;
    last.current = nextSlots(last.current, cards.map((c) => c.id), focused);
    return last.current;
  }, [cards]);
}
