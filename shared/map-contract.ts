import { z } from 'zod';

/** The most one byte-range read may return: PMTiles directories and tiles are far smaller. */
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;

export const byteRange = z.object({
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.number().int().min(1).max(MAX_RANGE_BYTES),
});

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** An online raster tile template: https only, with {z}, {x} and {y} in it. */
export const tileUrlTemplate = z
  .string()
  .max(500)
  .refine((url) => /^https:\/\/[^/{}\s]+\//i.test(url), 'must start with https:// and a host name')
  .refine((url) => ['{z}', '{x}', '{y}'].every((p) => url.includes(p)), 'must contain {z}, {x} and {y}');

export const mapSettingsInput = z.object({ onlineTiles: z.boolean(), tileUrl: tileUrlTemplate });

export type MapSettings = z.output<typeof mapSettingsInput>;

/** The origin online tiles load from, for the Content-Security-Policy; null while they are off. */
export const tileOrigin = (settings: MapSettings): string | null => (settings.onlineTiles ? new URL(settings.tileUrl.replace(/[{}]/g, '')).origin : null);

/** A street-level .pmtiles file the user picked. The path stays in main; the renderer gets a name. */
export interface StreetMapFile {
  name: string;
  bytes: number;
}
