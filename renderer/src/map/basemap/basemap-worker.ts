import type Point from '@mapbox/point-geometry';
import { PMTiles } from 'pmtiles';
import { Labelers, paint, sourcesToViews, type PreparedTile, type SourceOptions } from 'protomaps-leaflet';
import { labelRules, paintRules } from './basemap-style';
import type { BasemapReply, BasemapRequest, TileAddress } from './basemap-messages';
import { PageBytesSource } from './page-bytes-source';

/*
 * Decodes, labels and paints the offline basemap's tiles off the page's thread: on the page each tile took
 * tens of milliseconds, so panning and zooming missed frames. The same steps as protomaps-leaflet's own
 * layer, with the same rules; only the canvas is an OffscreenCanvas and the tile goes back as a bitmap.
 */

// The renderer is type-checked with DOM types only; a worker's global scope is all this file needs.
const scope = self as unknown as {
  onmessage: (event: MessageEvent<BasemapRequest>) => void;
  postMessage: (reply: BasemapReply, transfer?: Transferable[]) => void;
};

// Room, in CSS pixels, around a tile for labels anchored just outside it that reach in.
const LABEL_MARGIN = 16;
// protomaps-leaflet's own figure: how many tiles' labels each zoom's labeler keeps.
const LABELED_TILES = 16;

/** The tiles the page shows, by id; a paint whose tile was dropped stops. */
const shown = new Map<number, TileAddress>();
const bytes = new PageBytesSource((question) => scope.postMessage(question));
let painter: TilePainter | null = null;

class TilePainter {
  private readonly views;
  private readonly labelers;
  private readonly canvas;
  private readonly ctx;

  constructor(
    archiveKey: string,
    private readonly pixelRatio: number,
  ) {
    const archive = new PMTiles(bytes.forArchive(archiveKey));
    // protomaps-leaflet types `url` with the older pmtiles it bundles; it only calls getZxy, which this version has.
    const url = archive as unknown as SourceOptions['url'];
    // One data tile per display tile (levelDiff 0): each zoom's tiles carry exactly the names chosen for that zoom.
    this.views = sourcesToViews({ url, maxDataZoom: 10, levelDiff: 0 });
    const size = 256 * pixelRatio;
    this.canvas = new OffscreenCanvas(size, size);
    // Labels are measured and painted by code typed for a page's canvas; an OffscreenCanvas's context has the same calls.
    this.ctx = this.canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
    const scratch = new OffscreenCanvas(1, 1).getContext('2d') as unknown as CanvasRenderingContext2D;
    // A label that crosses into a neighbour changes tiles already painted: paint them again.
    this.labelers = new Labelers(scratch, labelRules, LABELED_TILES, (keys) => {
      for (const tile of shown.values()) if (keys.has(tile.key)) void this.paint(tile);
    });
  }

  async paint(tile: TileAddress): Promise<void> {
    const tiles = new Map<string, PreparedTile[]>();
    for (const [name, view] of this.views) {
      try {
        tiles.set(name, [await view.getDisplayTile(tile)]);
      } catch (err) {
        // As protomaps-leaflet does: a tile that cannot be read is drawn without that source.
        if ((err as Error).name !== 'AbortError') console.error(err);
      }
    }
    if (shown.get(tile.id) !== tile) return;
    this.labelers.add(tile.z, tiles);
    const { ctx, pixelRatio } = this;
    ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    ctx.clearRect(0, 0, 256, 256);
    const bbox = {
      minX: 256 * tile.x - LABEL_MARGIN,
      minY: 256 * tile.y - LABEL_MARGIN,
      maxX: 256 * (tile.x + 1) + LABEL_MARGIN,
      maxY: 256 * (tile.y + 1) + LABEL_MARGIN,
    };
    // paint() reads only the origin's x and y.
    const origin = { x: 256 * tile.x, y: 256 * tile.y } as Point;
    paint(ctx, tile.z, tiles, this.labelers.getIndex(tile.z) ?? null, paintRules, bbox, origin, false);
    const bitmap = this.canvas.transferToImageBitmap();
    scope.postMessage({ type: 'tile', id: tile.id, bitmap }, [bitmap]);
  }
}

scope.onmessage = ({ data: request }) => {
  switch (request.type) {
    case 'start':
      painter = new TilePainter(request.archiveKey, request.pixelRatio);
      break;
    case 'show':
      shown.set(request.tile.id, request.tile);
      void painter?.paint(request.tile);
      break;
    case 'drop':
      shown.delete(request.id);
      break;
    case 'bytes':
    case 'bytesFailed':
      bytes.answer(request);
      break;
  }
};
