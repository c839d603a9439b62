import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiLanguage } from './index';
import { rememberedT } from './remembered-t';

interface SharedTranslation {
  t: ReturnType<typeof useTranslation>['t'];
  lang: UiLanguage;
}

const Context = createContext<SharedTranslation | null>(null);

/**
 * Asks react-i18next once for the whole page. Each component mounted with its own `useTranslation` copies
 * the i18next instance and makes a translator of its own: a page of result cards mounts some 200 such
 * components with every answer, and that was a large part of drawing the answer. Its `t` remembers what it
 * has translated (remembered-t.ts).
 */
export function SharedTranslationProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const value = useMemo(() => ({ t: rememberedT(t), lang }), [t, lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The page's translator and language, for components mounted many times at once (a result card's parts). */
export function useSharedTranslation(): SharedTranslation {
  const shared = useContext(Context);
  if (!shared) throw new Error('useSharedTranslation needs a SharedTranslationProvider above it.');
  return shared;
}
