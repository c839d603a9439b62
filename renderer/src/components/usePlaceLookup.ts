import { useEffect, useRef, useState } from 'react';
import type { NearQuery, PlaceMatch } from '../../../shared/domain';
import { atlas } from '../atlas';

export type Lookup = { status: 'idle' } | { status: 'pick'; matches: PlaceMatch[] } | { status: 'none' } | { status: 'error'; error: string };

/** The query a chosen place stands for: a ZIP code, or the exact place id. */
export const placeQuery = (m: PlaceMatch): NearQuery => (m.kind === 'zip' ? { zip: m.id } : { place: m.id });

/**
 * A place typed into a box, geocoded offline as it is typed. One match is chosen at once; a name that fits
 * several places (two Chinatowns, a name still being typed) asks for a pick; none is said plainly.
 */
export function usePlaceLookup(onChoose: (m: PlaceMatch) => void, onClear: () => void) {
  const [text, setText] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const seq = useRef(0);
  const chosenLabel = useRef<string | null>(null);

  const choose = (m: PlaceMatch) => {
    chosenLabel.current = m.label;
    setText(m.label);
    setLookup({ status: 'idle' });
    onChoose(m);
  };
  const clear = () => {
    chosenLabel.current = null;
    setText('');
    setLookup({ status: 'idle' });
    onClear();
  };
  const type = (value: string) => {
    setText(value);
    if (!value.trim()) clear();
  };

  useEffect(() => {
    const typed = text.trim();
    if (!typed || typed === chosenLabel.current) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void atlas()
        .geocode({ text: typed, limit: 8 })
        .then((r) => {
          if (mine !== seq.current) return;
          if (!r.ok) return setLookup({ status: 'error', error: r.error });
          const { matches } = r.value;
          if (matches.length === 1) choose(matches[0]!);
          else setLookup(matches.length === 0 ? { status: 'none' } : { status: 'pick', matches });
        });
    }, 250);
    return () => clearTimeout(timer);
    // Only a change of the typed text geocodes again; a filter change must not re-pick the place.
  }, [text]);

  return { text, type, lookup, choose, clear };
}
