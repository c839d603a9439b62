import { L } from './leaflet-global';

/**
 * The markers of one layer from one draw to the next: a marker that looks the same as one already drawn
 * (named by `look`) is kept, its click handlers taken off for the new draw's, rather than made again.
 * Another answer of the same result set, or a pan, then adds and removes only the markers that changed;
 * making every marker again took tens of milliseconds a draw at 100,000 services.
 */
export class KeptMarkers {
  private shown = new Map<string, L.Layer>();
  private drawing = new Map<string, L.Layer>();
  private style: unknown = null;

  constructor(private readonly layer: L.LayerGroup) {}

  /** Starts a draw. Markers drawn with another `style` (the labels of another language) are made again. */
  begin(style: unknown): void {
    if (style !== this.style) {
      this.layer.clearLayers();
      this.shown.clear();
      this.style = style;
    }
    this.drawing = new Map();
  }

  /** The layer that looks like `look`: the one drawn last time, or `make()`'s, added to the layer. */
  keep<T extends L.Layer>(look: string, make: () => T): T {
    let key = look;
    for (let n = 1; this.drawing.has(key); n++) key = `${look}#${n}`;
    const kept = this.shown.get(key) as T | undefined;
    this.shown.delete(key);
    const layer = kept ? kept.off('click') : make().addTo(this.layer);
    this.drawing.set(key, layer);
    return layer;
  }

  /** Takes every marker off the map: none stays to suggest services the map can no longer draw. */
  clear(): void {
    this.layer.clearLayers();
    this.shown.clear();
    this.drawing.clear();
  }

  /** Ends a draw: what it did not keep is taken off the map. */
  end(): void {
    for (const gone of this.shown.values()) this.layer.removeLayer(gone);
    this.shown = this.drawing;
    this.drawing = new Map();
  }
}
