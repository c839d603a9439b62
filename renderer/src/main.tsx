import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { loadDeskLanguage } from './i18n/desk-language';
import './styles.css';
import { DeskRoot } from './desk/DeskRoot';
import { SharedTranslationProvider } from './i18n/shared-translation';

initI18n();
// The saved screen language first, so a Spanish desk never sees an English flash.
void loadDeskLanguage().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DeskRoot>
        <SharedTranslationProvider>
          <App />
        </SharedTranslationProvider>
      </DeskRoot>
    </StrictMode>,
  ),
);
