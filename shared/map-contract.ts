import { z } from 'zod';

/** The most one byte-range read may return: PMTiles directories and tiles are far smaller. */
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;

export const byteRange = z.object({
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.number().int().min(1).max(MAX_RANGE_BYTES),
});

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/**
 * The address a tile template points at, read by the same URL parser that builds the page's
 * Content-Security-Policy and the map's attribution; null unless it is https with a plain host name
 * (no user name, no braces in the host, a port the parser accepts).
 */
export function tileTemplateAddress(template: string): URL | null {
  if (!/^https:\/\/[^/{}\s]+\//i.test(template)) return null;
  let url: URL;
  try {
    url = new URL(template.replace(/[{}]/g, ''));
  } catch {
    return null;
  }
  return url.protocol === 'https:' && url.hostname && !url.username && !url.password ? url : null;
}

/** An online raster tile template: https only, with {z}, {x} and {y} in it. */
export const tileUrlTemplate = z
  .string()
  .max(500)
  .refine((url) => tileTemplateAddress(url) !== null, 'must start with https:// and a host name a browser can reach (check the spelling and the port)')
  .refine((url) => ['{z}', '{x}', '{y}'].every((p) => url.includes(p)), 'must contain {z}, {x} and {y}');

export const mapSettingsInput = z.object({ onlineTiles: z.boolean(), tileUrl: tileUrlTemplate });

export type MapSettings = z.output<typeof mapSettingsInput>;

/**
 * The settings as main answers them. storedTileUrlUnusable: the saved value could not be used (a hand
 * edit, a file from an older version), so online tiles are off until the person saves an address again.
 */
export type MapSettingsView = MapSettings & { storedTileUrlUnusable?: true };

/** The origin online tiles load from, for the Content-Security-Policy; null while they are off. */
export const tileOrigin = (settings: MapSettings): string | null => (settings.onlineTiles ? (tileTemplateAddress(settings.tileUrl)?.origin ?? null) : null);

/** A street-level .pmtiles file the user picked. The path stays in main; the renderer gets a name. */
export interface StreetMapFile {
  name: string;
  bytes: number;
}
