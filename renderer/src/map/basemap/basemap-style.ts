import { LineSymbolizer, PolygonSymbolizer, type Feature, type LabelRule, type LabelSymbolizer, type Layout, type PaintRule } from 'protomaps-leaflet';
import type Point from '@mapbox/point-geometry';
import { LABEL_DOT_RADIUS, LABEL_GAP, LABEL_MAX_ZOOM, isArea, labelBox, labelFont, type PlaceKind } from '../../../../shared/map/basemap-labels';

// Colours of the bundled basemap. The sea is the map's background colour (.map in styles.css): the
// basemap has no tiles for open water.
const LAND = '#e9e6de';
const CALIFORNIA = '#f9f8f4';

const kind = (f: Feature) => f.props.kind as string;
const population = (f: Feature) => Number(f.props.population ?? 0);

/**
 * The build script decided which names fit at each zoom without overlapping (bit z of label_zooms);
 * the renderer only follows it, so a suburb never crowds out a city.
 */
const zoomBit = (mask: unknown, z: number) => ((Number(mask) >> Math.min(Math.round(z), LABEL_MAX_ZOOM)) & 1) === 1;
const labelledAt = (z: number, f: Feature) => zoomBit(f.props.label_zooms, z);

/** A place name laid out exactly as scripts/build-basemap.mjs reserved room for it (shared/map/basemap-labels.ts). */
class PlaceLabel implements LabelSymbolizer {
  place(layout: Layout, geom: Point[][], feature: Feature) {
    const name = feature.props.name;
    const anchor = geom[0]?.[0];
    if (typeof name !== 'string' || !anchor) return undefined;
    const k = kind(feature) as PlaceKind;
    const font = labelFont(k, population(feature));
    layout.scratch.font = font.css;
    const m = layout.scratch.measureText(name);
    const height = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
    const side = zoomBit(feature.props.label_above, layout.zoom) ? 'above' : 'below';
    const [x0, y0, x1, y1] = labelBox(k, m.width, height, side);
    const baseline =
      isArea(k)
        ? height / 2 - m.actualBoundingBoxDescent
        : side === 'below'
          ? LABEL_DOT_RADIUS + LABEL_GAP + m.actualBoundingBoxAscent
          : -(LABEL_DOT_RADIUS + LABEL_GAP + m.actualBoundingBoxDescent);
    const ink = { county: '#7a7264', zip: '#8c8472', neighbourhood: '#4d5566', locality: '#1d2433' }[k];
    return [
      {
        anchor,
        bboxes: [{ minX: anchor.x + x0, minY: anchor.y + y0, maxX: anchor.x + x1, maxY: anchor.y + y1 }],
        draw: (ctx: CanvasRenderingContext2D) => {
          if (!isArea(k)) {
            ctx.beginPath();
            ctx.arc(0, 0, LABEL_DOT_RADIUS, 0, 2 * Math.PI);
            ctx.fillStyle = '#4a4f5c';
            ctx.fill();
          }
          ctx.font = font.css;
          ctx.lineJoin = 'round';
          ctx.lineWidth = 3;
          ctx.strokeStyle = 'rgba(255,255,255,0.92)';
          ctx.strokeText(name, -m.width / 2, baseline);
          ctx.fillStyle = ink;
          ctx.fillText(name, -m.width / 2, baseline);
        },
      },
    ];
  }
}

export const paintRules: PaintRule[] = [
  { dataLayer: 'earth', symbolizer: new PolygonSymbolizer({ fill: LAND }), filter: (_z, f) => kind(f) === 'earth' },
  { dataLayer: 'earth', symbolizer: new PolygonSymbolizer({ fill: CALIFORNIA }), filter: (_z, f) => kind(f) === 'california' },
  {
    dataLayer: 'boundaries',
    symbolizer: new LineSymbolizer({ color: '#a79f91', width: (z: number) => (z >= 9 ? 1.2 : 0.8), dash: [4, 3] }),
    filter: (_z, f) => kind(f) === 'county',
  },
  { dataLayer: 'boundaries', symbolizer: new LineSymbolizer({ color: '#7d7566', width: 1.6 }), filter: (_z, f) => kind(f) !== 'county' },
];

export const labelRules: LabelRule[] = [
  {
    dataLayer: 'places',
    symbolizer: new PlaceLabel(),
    filter: labelledAt,
    sort: (a, b) => Number(b.population ?? 0) - Number(a.population ?? 0),
  },
];
