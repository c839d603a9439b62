import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { PMTiles, type Source } from 'pmtiles';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/ipc-contract';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handler-types';
import { createHandlers } from '../handlers';
import { noDeskShell } from '../desk/desk-shell';
import { noSystemActions } from '../system-actions';
import { tempDb } from '../test-support/temp-db';
import { sourceTreeBasemap } from './handlers';

/** Reads a PMTiles archive through a contract channel, the way the renderer's Source does. */
const channelSource = (handlers: Handlers, channel: ChannelName): Source => ({
  getKey: () => channel,
  getBytes: async (offset, length) => {
    const r = await dispatch(handlers, channel, { offset, length });
    if (!r.ok) throw new Error(r.error);
    const bytes = r.value as Uint8Array;
    return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  },
});

const lonLatToTile = (lon: number, lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * 2 ** z), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z) };
};

/** The names the tile around (lon, lat) draws at zoom z. */
async function names(archive: PMTiles, z: number, lon: number, lat: number): Promise<string[]> {
  const { x, y } = lonLatToTile(lon, lat, z);
  const tile = await archive.getZxy(z, x, y);
  const vt = new VectorTile(new Pbf(new Uint8Array(tile!.data)));
  const places = vt.layers.places!;
  const props = Array.from({ length: places.length }, (_, i) => places.feature(i).properties as { name: string; label_zooms: number });
  return props.filter((p) => (p.label_zooms & (1 << z)) !== 0).map((p) => p.name);
}

describe('map channels', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const setup = (chooseStreetMap: () => Promise<string | null> = async () => null) => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const reloads: number[] = [];
    const reloadPage = () => void reloads.push(1);
    return { ...t, reloads, handlers: createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, chooseStreetMap, reloadPage }) };
  };
  const settled = () => new Promise((ok) => setImmediate(ok));

  it('serves the bundled basemap: California land, county lines and big-city names at state zoom', async () => {
    const { handlers } = setup();
    const archive = new PMTiles(channelSource(handlers, 'basemapBytes'));
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([5, 10]);
    expect(header.minLon).toBeLessThan(-124.4);
    expect(header.maxLat).toBeGreaterThan(42);
    expect(await names(archive, 6, -118.24, 34.05)).toContain('Los Angeles');
    expect(await names(archive, 6, -122.42, 37.77)).toEqual(expect.arrayContaining(['San Francisco', 'San Jose']));
    // Both must outrank their suburbs at county zoom.
    expect(await names(archive, 9, -122.42, 37.77)).toContain('San Francisco');
    expect(await names(archive, 10, -122.27, 37.8)).toContain('Oakland');
    expect(await names(archive, 9, -118.24, 34.05)).toEqual(expect.arrayContaining(['Los Angeles', 'Long Beach']));
    const { x, y } = lonLatToTile(-118.24, 34.05, 9);
    const layers = new VectorTile(new Pbf(new Uint8Array((await archive.getZxy(9, x, y))!.data))).layers;
    expect(Object.keys(layers).sort()).toEqual(['boundaries', 'earth', 'places']);
    const lines = Array.from({ length: layers.boundaries!.length }, (_, i) => layers.boundaries!.feature(i).properties.kind);
    expect(lines).toContain('county');
  });

  it('refuses byte ranges past the end of the file and oversized reads, naming the problem', async () => {
    const { handlers } = setup();
    const past = await dispatch(handlers, 'basemapBytes', { offset: 1e12, length: 10 });
    // Named by the file's name only: the page never learns where the app is installed.
    expect(past).toEqual({ ok: false, error: expect.stringMatching(/^Byte range 1000000000000\+10 starts past the end of the map file basemap\.pmtiles \(\d+ bytes\)\.$/) });
    const huge = await dispatch(handlers, 'basemapBytes', { offset: 0, length: 1e9 });
    expect(huge).toEqual({ ok: false, error: expect.stringContaining('Invalid request to basemapBytes: length') });
    const path = await dispatch(handlers, 'basemapBytes', { offset: 0, length: 10, path: '/etc/passwd' });
    expect(path.ok && Array.from(path.value as Uint8Array).slice(0, 7)).toEqual([...'PMTiles'].map((c) => c.charCodeAt(0)));
  });

  it('reads a street map only from the file the chooser returned, and refuses a file that is not PMTiles', async () => {
    let chosen: string | null = null;
    const { handlers, dir } = setup(async () => chosen);
    expect(await dispatch(handlers, 'streetMapBytes', { offset: 0, length: 7 })).toEqual({ ok: false, error: 'No street map file is loaded.' });

    chosen = join(dir, 'notes.pmtiles');
    writeFileSync(chosen, 'not a map at all');
    expect(await dispatch(handlers, 'streetMapChoose', undefined)).toEqual({ ok: false, error: 'notes.pmtiles is not a PMTiles version 3 map file.' });
    expect(await dispatch(handlers, 'streetMapCurrent', undefined)).toEqual({ ok: true, value: null });

    chosen = join(dir, 'la-streets.pmtiles');
    copyFileSync(sourceTreeBasemap(), chosen);
    const picked = await dispatch(handlers, 'streetMapChoose', { path: '/etc/passwd' });
    expect(picked).toEqual({ ok: false, error: expect.stringContaining('Invalid request to streetMapChoose') });
    expect(await dispatch(handlers, 'streetMapChoose', undefined)).toEqual({ ok: true, value: { name: 'la-streets.pmtiles', bytes: expect.any(Number) } });
    const header = await new PMTiles(channelSource(handlers, 'streetMapBytes')).getHeader();
    expect(header.maxZoom).toBe(10);
  });

  it('keeps online tiles off until turned on, refuses a tile URL that is not https with {z}/{x}/{y}, reloads the page when the tile host changes', async () => {
    const { handlers, reloads } = setup();
    expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({ ok: true, value: { onlineTiles: false, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' } });
    const bad = await dispatch(handlers, 'setMapSettings', { onlineTiles: true, tileUrl: 'http://tiles.example.org/{z}/{x}/{y}.png' });
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('tileUrl: must start with https:// and a host name') });
    expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({ ok: true, value: expect.objectContaining({ onlineTiles: false }) });
    const on = { onlineTiles: true, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' };
    await dispatch(handlers, 'setMapSettings', on);
    expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({ ok: true, value: on });
    await settled();
    expect(reloads).toHaveLength(1);
    await dispatch(handlers, 'setMapSettings', { ...on, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}@2x.png' });
    await settled();
    expect(reloads).toHaveLength(1);
    await dispatch(handlers, 'setMapSettings', { ...on, onlineTiles: false });
    await settled();
    expect(reloads).toHaveLength(2);
  });

  it.each(['https://a<b/{z}/{x}/{y}', 'https://tiles.example.org:99999/{z}/{x}/{y}.png', 'https://user@tiles.example.org/{z}/{x}/{y}.png'])(
    'refuses the tile address %s before storing it, so the setting stays as it was',
    async (tileUrl) => {
      const { handlers, reloads } = setup();
      const r = await dispatch(handlers, 'setMapSettings', { onlineTiles: true, tileUrl });
      expect(r).toEqual({ ok: false, error: expect.stringContaining('tileUrl: must start with https:// and a host name') });
      expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({ ok: true, value: { onlineTiles: false, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' } });
      await settled();
      expect(reloads).toEqual([]);
    },
  );
});
