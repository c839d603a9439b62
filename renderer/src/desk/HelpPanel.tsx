import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../i18n/en';
import { Dialog } from '../components/Dialog';

const SHORTCUTS: [string[], MessageKey][] = [
  [['/'], 'shortcutFocusSearch'],
  [['↑', '↓'], 'shortcutMoveResults'],
  [['Tab', 'Shift+Tab'], 'shortcutTab'],
  [['A'], 'shortcutAddToSheet'],
  [['?'], 'shortcutOpenHelp'],
  [['Esc'], 'shortcutCloseDialog'],
  [['Esc', 'Esc'], 'shortcutQuickExit'],
];

export function HelpPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcutsTitle')} onClose={onClose}>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('key')}</th>
            <th scope="col">{t('action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={action}>
              <td>
                {keys.map((k, i) => (
                  <kbd key={i}>{k}</kbd>
                ))}
              </td>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
