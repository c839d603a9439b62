import type { RangeResponse, Source } from 'pmtiles';
import { atlas } from '../atlas';

/**
 * A PMTiles byte source that reads through window.atlas: the main process owns the file, the renderer
 * only asks for ranges. (pmtiles' FetchSource cannot read file:// and the renderer has no file access.)
 */
export class AtlasSource implements Source {
  constructor(
    private readonly channel: 'basemapBytes' | 'streetMapBytes',
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const result = await atlas()[this.channel]({ offset, length });
    if (!result.ok) throw new Error(result.error);
    const bytes = result.value;
    return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  }
}
