import { atlas } from '../atlas';
import type { BasemapReply, BasemapRequest } from './basemap-messages';
import { L } from './leaflet-global';

/**
 * The bundled offline basemap as a Leaflet layer whose tiles basemap-worker.ts decodes, labels and
 * paints: the page only draws the bitmaps it gets back, so panning and zooming keep their frames.
 */
export class WorkerBasemapLayer extends L.GridLayer {
  private worker: Worker | null = null;
  /** The canvases showing each tile, by key: more than one where the world repeats side by side. */
  private readonly canvases = new Map<string, Set<HTMLCanvasElement>>();
  private readonly keys = new WeakMap<HTMLCanvasElement, string>();
  /** Leaflet's callback for a canvas not yet drawn: called once, with its first bitmap. */
  private readonly undrawn = new WeakMap<HTMLCanvasElement, L.DoneCallback>();
  private readonly pixelRatio = window.devicePixelRatio;

  override onAdd(map: L.Map): this {
    const worker = new Worker(new URL('./basemap-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<BasemapReply>) => this.receive(event.data);
    this.worker = worker;
    this.tell({ type: 'start', archiveKey: 'bundled-basemap', pixelRatio: this.pixelRatio });
    this.on('tileunload', this.unload, this);
    return super.onAdd(map);
  }

  override onRemove(map: L.Map): this {
    super.onRemove(map);
    this.off('tileunload', this.unload, this);
    this.worker?.terminate();
    this.worker = null;
    this.canvases.clear();
    return this;
  }

  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 256 * this.pixelRatio;
    // Leaflet's own form of a tile's key, which is also how the worker's labeler names tiles to paint again.
    const key = `${coords.x}:${coords.y}:${coords.z}`;
    this.keys.set(canvas, key);
    this.undrawn.set(canvas, done);
    const showing = this.canvases.get(key);
    if (showing) showing.add(canvas);
    else {
      this.canvases.set(key, new Set([canvas]));
      this.tell({ type: 'show', tile: { key, z: coords.z, x: coords.x, y: coords.y } });
    }
    return canvas;
  }

  private unload(event: L.TileEvent): void {
    // @types/leaflet types every tile as an image; this layer's are canvases.
    const canvas = event.tile as unknown as HTMLCanvasElement;
    const key = this.keys.get(canvas);
    const showing = key === undefined ? undefined : this.canvases.get(key);
    if (!key || !showing) return;
    showing.delete(canvas);
    if (showing.size > 0) return;
    this.canvases.delete(key);
    this.tell({ type: 'drop', key });
  }

  private receive(reply: BasemapReply): void {
    if (reply.type === 'bytes') void this.readBytes(reply.id, reply.offset, reply.length);
    else this.draw(reply.key, reply.bitmap);
  }

  /** Draws a tile, or draws it again when a neighbour's label now reaches into it. */
  private draw(key: string, bitmap: ImageBitmap): void {
    for (const canvas of this.canvases.get(key) ?? []) {
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0);
      const done = this.undrawn.get(canvas);
      this.undrawn.delete(canvas);
      done?.(undefined, canvas);
    }
    bitmap.close();
  }

  private async readBytes(id: number, offset: number, length: number): Promise<void> {
    try {
      const result = await atlas().basemapBytes({ offset, length });
      if (!result.ok) throw new Error(result.error);
      const bytes = result.value;
      const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      this.tell({ type: 'bytes', id, data }, [data]);
    } catch (err) {
      this.tell({ type: 'bytesFailed', id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private tell(request: BasemapRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(request, transfer);
  }
}
