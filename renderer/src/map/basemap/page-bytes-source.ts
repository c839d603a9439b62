import type { RangeResponse, Source } from 'pmtiles';
import type { BasemapReply, BasemapRequest } from './basemap-messages';

type Pending = { resolve: (response: RangeResponse) => void; reject: (err: Error) => void };
type Answer = Extract<BasemapRequest, { type: 'bytes' | 'bytesFailed' }>;

/**
 * A worker's way to an archive's bytes: it asks the page, which reads them through window.atlas (workers
 * have no window.atlas, and the renderer has no file access).
 */
export class PageBytesSource {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly ask: (question: Extract<BasemapReply, { type: 'bytes' }>) => void) {}

  /** A pmtiles Source for the archive `key` names (pmtiles caches by it). */
  forArchive(key: string): Source {
    return {
      getKey: () => key,
      getBytes: (offset, length) =>
        new Promise<RangeResponse>((resolve, reject) => {
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.ask({ type: 'bytes', id, offset, length });
        }),
    };
  }

  answer(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if (!waiting) return;
    if (answer.type === 'bytes') waiting.resolve({ data: answer.data });
    else waiting.reject(new Error(answer.message));
  }
}
