/**
 * A basemap tile the page shows. id: its canvas's number (where the world repeats, two canvases show the
 * same tile); key: Leaflet's key for the tile, "x:y:z", the form the labeler names tiles to paint again in.
 */
export interface TileAddress {
  id: number;
  key: string;
  z: number;
  x: number;
  y: number;
}

/** What the page tells the basemap worker. */
export type BasemapRequest =
  /** First message: the archive's cache key and the pixel ratio tiles are painted at. */
  | { type: 'start'; archiveKey: string; pixelRatio: number }
  /** Paint this tile and send it; again whenever labels from a neighbour change it. */
  | { type: 'show'; tile: TileAddress }
  /** The page no longer shows this tile: stop work on it and send no more of it. */
  | { type: 'drop'; id: number }
  /** The answer to a 'bytes' question, with the bytes transferred. */
  | { type: 'bytes'; id: number; data: ArrayBuffer }
  | { type: 'bytesFailed'; id: number; message: string };

/** What the basemap worker tells the page. */
export type BasemapReply =
  /** A painted tile, transferred; the page draws it if it still shows that tile. */
  | { type: 'tile'; id: number; bitmap: ImageBitmap }
  /** Workers have no window.atlas: the page reads the archive's bytes for them. */
  | { type: 'bytes'; id: number; offset: number; length: number };
