import { useTranslation } from 'react-i18next';
import type { PhoneView } from '../../../shared/domain';
import { ExternalLink } from './ExternalLink';

/** A click-to-call link; the number as written in the dataset is what the user sees. */
export function PhoneLink({ phone }: { phone: PhoneView }) {
  const { t } = useTranslation();
  const digits = phone.number.replace(/[^\d+]/g, '');
  const type = phone.type ? t(`phoneType_${phone.type}`, { defaultValue: phone.type }) : null;
  return (
    <span className="phone">
      <ExternalLink href={`tel:${digits}`}>{phone.number}</ExternalLink>
      {phone.extension ? <span> ext. {phone.extension}</span> : null}
      {type ? <span className="phone-type">{type}</span> : null}
    </span>
  );
}
