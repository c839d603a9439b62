import { HelpPanel } from './HelpPanel';
import { ReferralSheetScreen } from '../sheet/ReferralSheetScreen';
import { SettingsPanel } from './SettingsPanel';
import { useWorkflow } from './DeskRoot';

/** Whichever workflow panel is open; the referral sheet takes the place of the search panes. */
export function WorkflowPanels() {
  const { panel, close } = useWorkflow();
  if (panel === 'settings') return <SettingsPanel onClose={close} />;
  if (panel === 'help') return <HelpPanel onClose={close} />;
  if (panel === 'sheet') return <ReferralSheetScreen onClose={close} />;
  return null;
}
