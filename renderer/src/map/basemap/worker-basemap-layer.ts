import { atlas } from '../../atlas';
import type { BasemapReply, BasemapRequest } from './basemap-messages';
import { L } from '../leaflet-global';

/** Fired on the layer when its worker fails (its script did not load, or it threw): no tile will come. */
export const BASEMAP_FAILED = 'basemapfailed';

/**
 * The bundled offline basemap as a Leaflet layer whose tiles basemap-worker.ts decodes, labels and
 * paints: the page only draws the bitmaps it gets back, so panning and zooming keep their frames.
 */
export class WorkerBasemapLayer extends L.GridLayer {
  private worker: Worker | null = null;
  /** The canvases shown, by the id the worker knows each by. */
  private readonly canvases = new Map<number, HTMLCanvasElement>();
  private readonly ids = new WeakMap<HTMLCanvasElement, number>();
  /** Leaflet's callback for a canvas not yet drawn: called once, with its first bitmap. */
  private readonly undrawn = new WeakMap<HTMLCanvasElement, L.DoneCallback>();
  private readonly pixelRatio = window.devicePixelRatio;
  private nextId = 1;

  override onAdd(map: L.Map): this {
    const worker = new Worker(new URL('./basemap-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<BasemapReply>) => this.receive(event.data);
    worker.onerror = (event) => {
      // Handled here, by the message on the map: not also an uncaught error of the page.
      event.preventDefault();
      this.fail();
    };
    worker.onmessageerror = () => this.fail();
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
    const id = this.nextId++;
    this.canvases.set(id, canvas);
    this.ids.set(canvas, id);
    this.undrawn.set(canvas, done);
    // Leaflet's own form of a tile's key, which is also how the worker's labeler names tiles to paint again.
    const key = `${coords.x}:${coords.y}:${coords.z}`;
    this.tell({ type: 'show', tile: { id, key, z: coords.z, x: coords.x, y: coords.y } });
    return canvas;
  }

  private unload(event: L.TileEvent): void {
    // @types/leaflet types every tile as an image; this layer's are canvases.
    const id = this.ids.get(event.tile as unknown as HTMLCanvasElement);
    if (id === undefined) return;
    this.canvases.delete(id);
    this.tell({ type: 'drop', id });
  }

  private receive(reply: BasemapReply): void {
    if (reply.type === 'bytes') void this.readBytes(reply.id, reply.offset, reply.length);
    else this.draw(reply.id, reply.bitmap);
  }

  /**
   * Shows a tile's bitmap, or its new one when a neighbour's label now reaches into it. The canvas takes
   * the bitmap as it is: a 2D canvas would copy its pixels on this thread twice, once to draw it and again
   * to hand the frame to the compositor.
   */
  private draw(id: number, bitmap: ImageBitmap): void {
    const canvas = this.canvases.get(id);
    const renderer = canvas?.getContext('bitmaprenderer');
    if (!canvas || !renderer) {
      bitmap.close();
      return;
    }
    renderer.transferFromImageBitmap(bitmap);
    const done = this.undrawn.get(canvas);
    this.undrawn.delete(canvas);
    done?.(undefined, canvas);
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

  /** The worker is stopped: a worker that threw may have dropped any tile it held, so none will come. */
  private fail(): void {
    this.worker?.terminate();
    this.worker = null;
    this.fire(BASEMAP_FAILED);
  }

  private tell(request: BasemapRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(request, transfer);
  }
}
