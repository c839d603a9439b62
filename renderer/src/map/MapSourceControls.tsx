import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tileTemplateAddress, type MapSettings, type MapSettingsView, type StreetMapFile } from '../../../shared/map-contract';
import { atlas } from '../atlas';
import { usePendingSave } from '../desk/usePendingSave';

const hostOf = (template: string) => tileTemplateAddress(template)?.host ?? template;

/**
 * What the map draws under the results: the bundled offline basemap always; a street map file the user
 * loads; online street tiles only after a plain warning. Changing online tiles makes main reload the page,
 * because the page's Content-Security-Policy names the one tile host it may contact.
 */
export function MapSourceControls({ settings, onSettings, streetFile, onStreetFile, showStreetFile, onShowStreetFile, onLicences }: {
  settings: MapSettingsView | null;
  onSettings: (s: MapSettingsView) => void;
  streetFile: StreetMapFile | null;
  onStreetFile: (f: StreetMapFile) => void;
  showStreetFile: boolean;
  onShowStreetFile: (show: boolean) => void;
  onLicences: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { waiting, track } = usePendingSave();

  const save = async (next: MapSettings) => {
    const r = await track(atlas().setMapSettings(next));
    if (!r.ok) {
      setError(r.error);
      return;
    }
    // Main reloads the page when the tile host changes, so the page's policy allows only the new one.
    onSettings(r.value);
    setAsking(false);
  };

  const chooseFile = async () => {
    setError(null);
    const r = await atlas().streetMapChoose(undefined);
    if (!r.ok) setError(r.error);
    else if (r.value) onStreetFile(r.value);
  };

  return (
    <div className="map-controls">
      <div className="map-toolbar">
        <label>
          <input
            type="checkbox"
            checked={!!settings?.onlineTiles || asking}
            disabled={!settings}
            onChange={(e) => {
              setError(null);
              if (!settings) return;
              if (e.target.checked) {
                setUrl(settings.tileUrl);
                setAsking(true);
              } else if (asking) setAsking(false);
              else void save({ ...settings, onlineTiles: false });
            }}
          />{' '}
          {t('mapOnlineTiles')}
        </label>
        {streetFile ? (
          <label>
            <input type="checkbox" checked={showStreetFile} onChange={(e) => onShowStreetFile(e.target.checked)} /> {t('mapStreetFile', { name: streetFile.name })}
          </label>
        ) : null}
        <button type="button" className="link-button" onClick={() => void chooseFile()}>
          {t('mapOpenStreetFile')}
        </button>
        <button type="button" className="link-button" onClick={onLicences}>
          {t('licences')}
        </button>
      </div>
      {asking && settings ? (
        <div className="map-warning" role="alertdialog" aria-labelledby="online-tiles-warning">
          <p id="online-tiles-warning">{t('mapOnlineWarning')}</p>
          <label className="map-url">
            {t('mapTileUrl')}
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
          </label>
          <div className="map-warning-actions">
            <button type="button" onClick={() => void save({ onlineTiles: true, tileUrl: url.trim() })}>
              {t('mapTurnOn')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('mapCancel')}
            </button>
          </div>
        </div>
      ) : null}
      {waiting ? (
        <p className="muted" role="status">
          {t('savingWaiting')}
        </p>
      ) : null}
      {settings?.storedTileUrlUnusable ? (
        <p className="map-notice" role="status">
          {t('mapStoredTileUrlUnusable')}
        </p>
      ) : null}
      {settings?.onlineTiles ? <p className="map-notice">{t('mapOnlineOn', { host: hostOf(settings.tileUrl) })}</p> : null}
      {error ? (
        <p className="map-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
