import { describe, expect, it } from 'vitest';
import type { MapService } from '../../../shared/domain';
import { MapServices, type AskServices } from './map-services';

const DIRECTORY: MapService[] = [
  { ref: 0, serviceId: 'svc-a', name: 'Alder Shelter' },
  { ref: 7, serviceId: 'svc-b', name: 'Birch Legal Aid' },
];

/** Answers as main does, and records what was asked. */
function asker(): { ask: AskServices; asked: unknown[] } {
  const asked: unknown[] = [];
  const ask: AskServices = async (which) => {
    asked.push(which);
    return 'refs' in which ? DIRECTORY.filter((s) => which.refs.includes(s.ref)) : DIRECTORY.filter((s) => which.serviceIds.includes(s.serviceId));
  };
  return { ask, asked };
}

describe('map services by number', () => {
  it('asks only for numbers it does not know, and knows them by id afterwards', async () => {
    const { ask, asked } = asker();
    const services = new MapServices(ask);
    expect(await services.learn([7, 0, 7])).toBe(true);
    expect(services.get(7)?.name).toBe('Birch Legal Aid');
    expect(services.refOf('svc-a')).toBe(0);
    expect(await services.learn([0, 7])).toBe(false);
    expect(asked).toEqual([{ refs: [7, 0] }]);
  });

  it('finds a selected service number by its id once, and says when it has none', async () => {
    const { ask, asked } = asker();
    const services = new MapServices(ask);
    expect(await services.find('svc-b')).toBe(7);
    expect(await services.find('svc-b')).toBe(7);
    expect(await services.find('svc-hotline')).toBeUndefined();
    expect(asked).toEqual([{ serviceIds: ['svc-b'] }, { serviceIds: ['svc-hotline'] }]);
  });
});
