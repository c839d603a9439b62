import type { PhoneView } from '../../../shared/domain';
import { telUri } from '../../../shared/referral-sheet';
import { useSharedTranslation } from '../i18n/shared-translation';
import { ExternalLink } from './ExternalLink';

/**
 * A click-to-call link; the number as written in the dataset is what the user sees. Inside a result
 * card the number is plain text, beside the card's copy button: calls are placed from the detail pane,
 * and every card a link more would be a Tab stop more.
 */
export function PhoneLink({ phone, inOption = false }: { phone: PhoneView; inOption?: boolean }) {
  const { t } = useSharedTranslation();
  const type = phone.type ? t(`phoneType_${phone.type}`, { defaultValue: phone.type }) : null;
  return (
    <span className="phone">
      {inOption ? <span className="phone-number">{phone.number}</span> : <ExternalLink href={telUri(phone.number)}>{phone.number}</ExternalLink>}
      {phone.extension ? <span> ext. {phone.extension}</span> : null}
      {type ? <span className={`phone-type${phone.type === 'textphone' || phone.type === 'text' ? ' phone-type-marked' : ''}`}>{type}</span> : null}
    </span>
  );
}
