/**
 * How a basemap name is laid out, shared by the build script (which reserves room for every name at
 * every zoom so none overlap) and the renderer (which draws them). Towns get a dot with the name under
 * it, so a result marker on the town centre leaves the name readable; counties and ZIP codes are areas:
 * centred, no dot.
 */
export type PlaceKind = 'locality' | 'neighbourhood' | 'county' | 'zip';

export const isArea = (kind: PlaceKind) => kind === 'county' || kind === 'zip';

/** The deepest zoom the label choice is made for; deeper zooms use its choice. */
export const LABEL_MAX_ZOOM = 15;

export const LABEL_DOT_RADIUS = 2.5;
/** Space between the dot and the top of the name: clears a result marker sitting on the dot. */
export const LABEL_GAP = 11;

export function labelFont(kind: PlaceKind, population: number): { css: string; size: number; bold: boolean } {
  if (kind === 'zip') return { css: '11px sans-serif', size: 11, bold: false };
  if (kind !== 'locality') return { css: 'italic 12px sans-serif', size: 12, bold: false };
  if (population >= 1_000_000) return { css: '600 16px sans-serif', size: 16, bold: true };
  if (population >= 250_000) return { css: '14px sans-serif', size: 14, bold: false };
  if (population >= 50_000) return { css: '13px sans-serif', size: 13, bold: false };
  return { css: '12px sans-serif', size: 12, bold: false };
}

/** Where a town's name sits: under its dot, or over it when a bigger name already took the space below. */
export type LabelSide = 'below' | 'above';

/**
 * The box a label covers, in pixels relative to its point, for a name `width` wide and `height` tall:
 * [minX, minY, maxX, maxY].
 */
export function labelBox(kind: PlaceKind, width: number, height: number, side: LabelSide): [number, number, number, number] {
  if (isArea(kind)) return [-width / 2, -height / 2, width / 2, height / 2];
  const reach = LABEL_DOT_RADIUS + LABEL_GAP + height;
  return side === 'below' ? [-width / 2, -LABEL_DOT_RADIUS, width / 2, reach] : [-width / 2, -reach, width / 2, LABEL_DOT_RADIUS];
}
