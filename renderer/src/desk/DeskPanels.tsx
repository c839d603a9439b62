import { HelpPanel } from './HelpPanel';
import { ReferralSheetScreen } from '../sheet/ReferralSheetScreen';
import { SettingsPanel } from './SettingsPanel';
import { useDesk } from './DeskRoot';

/** Whichever desk panel is open; the referral sheet takes the place of the search panes. `onDataChanged` as in SettingsPanel. */
export function DeskPanels({ onDataChanged }: { onDataChanged: () => void }) {
  const { panel, close } = useDesk();
  if (panel === 'settings') return <SettingsPanel onClose={close} onDataChanged={onDataChanged} />;
  if (panel === 'help') return <HelpPanel onClose={close} />;
  if (panel === 'sheet') return <ReferralSheetScreen onClose={close} />;
  return null;
}
