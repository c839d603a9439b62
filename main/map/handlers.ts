import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tileOrigin, type StreetMapFile } from '../../shared/map-contract';
import type { Db } from '../db/open';
import { writeWhenFree } from '../db/write-when-free';
import type { Handlers } from '../handler-types';
import { checkPmtilesFile, readByteRange } from './byte-range';
import { readMapSettings, writeMapSettings } from './settings';

export interface MapHandlerOptions {
  /** The bundled data/basemap.pmtiles; the source tree's copy when absent (CLI, unit tests). */
  basemapPath?: string;
  /**
   * Asks the user for a street-level .pmtiles file: Electron's open dialog in the app, a fixed path in
   * tests; none when absent. The renderer never names a path, so it cannot make main read any file.
   */
  chooseStreetMap?: () => Promise<string | null>;
  /**
   * Reloads the app's page, whose Content-Security-Policy names the online tile host: main does it, since
   * the window refuses navigations the page starts itself.
   */
  reloadPage?: () => void;
}

/** Worked out only when needed: ES-module benchmarks create handlers where __dirname does not exist. */
export const sourceTreeBasemap = (): string => join(__dirname, '..', '..', 'data', 'basemap.pmtiles');

type MapChannels = 'basemapBytes' | 'streetMapChoose' | 'streetMapCurrent' | 'streetMapBytes' | 'mapSettings' | 'setMapSettings';

export function createMapHandlers(db: Db, options: MapHandlerOptions): Pick<Handlers, MapChannels> {
  // The chosen street map lasts until the app quits; the path never leaves the main process.
  let streetMap: { path: string; file: StreetMapFile } | null = null;
  return {
    basemapBytes: ({ offset, length }) => readByteRange(options.basemapPath ?? sourceTreeBasemap(), offset, length),
    streetMapChoose: async () => {
      const path = (await options.chooseStreetMap?.()) ?? null;
      if (!path) return streetMap?.file ?? null;
      checkPmtilesFile(path);
      streetMap = { path, file: { name: basename(path), bytes: statSync(path).size } };
      return streetMap.file;
    },
    streetMapCurrent: () => streetMap?.file ?? null,
    streetMapBytes: ({ offset, length }) => {
      if (!streetMap) throw new Error('No street map file is loaded.');
      return readByteRange(streetMap.path, offset, length);
    },
    mapSettings: () => readMapSettings(db),
    setMapSettings: async (settings) => {
      // Read in the same turn as the write: an earlier save may have been waiting for the lock too.
      const { before, saved } = await writeWhenFree(db, () => ({ before: readMapSettings(db), saved: writeMapSettings(db, settings) }));
      // After the answer has gone back to the page.
      if (tileOrigin(before) !== tileOrigin(saved)) setImmediate(() => options.reloadPage?.());
      return saved;
    },
  };
}
