import { memo } from 'react';
import { HelpPanel } from './HelpPanel';
import { ReferralSheetScreen } from '../sheet/ReferralSheetScreen';
import { SettingsPanel } from './SettingsPanel';
import { useDesk } from './DeskRoot';

/** Memoized: the panel shown follows the desk, not the search. */
export const DeskPanels = memo(OpenPanel);

/** Whichever desk panel is open; the referral sheet takes the place of the search panes. `onDataChanged` as in SettingsPanel. */
function OpenPanel({ onDataChanged }: { onDataChanged: () => void }) {
  const { panel, close } = useDesk();
  if (panel === 'settings') return <SettingsPanel onClose={close} onDataChanged={onDataChanged} />;
  if (panel === 'help') return <HelpPanel onClose={close} />;
  if (panel === 'sheet') return <ReferralSheetScreen onClose={close} />;
  return null;
}
