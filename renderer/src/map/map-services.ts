import type { MapService } from '../../../shared/domain';

/** Asks main for services by their map numbers, or for the numbers of service ids (the `mapServices` channel). */
export type AskServices = (which: { refs: number[] } | { serviceIds: string[] }) => Promise<MapService[]>;

/** The most numbers one request carries (the contract's bound). */
const MAX_ASK = 1000;

/**
 * The services behind map points, by the small numbers the points carry instead of ids: learnt on demand
 * (the pins in view, a spider opened, a selection) and kept for one installed index, so a marker drawn
 * again has its name at once.
 */
export class MapServices {
  private readonly byRef = new Map<number, MapService>();
  private readonly byId = new Map<string, MapService>();

  constructor(private readonly ask: AskServices) {}

  get(ref: number): MapService | undefined {
    return this.byRef.get(ref);
  }

  /** The number of a service id already learnt. */
  refOf(serviceId: string): number | undefined {
    return this.byId.get(serviceId)?.ref;
  }

  /** Learns the services of these numbers not yet known; resolves to whether any was new. */
  async learn(refs: Iterable<number>): Promise<boolean> {
    const missing = [...new Set(refs)].filter((r) => !this.byRef.has(r)).slice(0, MAX_ASK);
    if (missing.length === 0) return false;
    this.keep(await this.ask({ refs: missing }));
    return true;
  }

  /** The number of a service id, asked for when not yet known; undefined when it has no point in this index. */
  async find(serviceId: string): Promise<number | undefined> {
    if (!this.byId.has(serviceId)) this.keep(await this.ask({ serviceIds: [serviceId] }));
    return this.refOf(serviceId);
  }

  private keep(services: MapService[]): void {
    for (const s of services) {
      this.byRef.set(s.ref, s);
      this.byId.set(s.serviceId, s);
    }
  }
}
