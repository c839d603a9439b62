import type { TableRows } from '../hsds/tables';

/** The starter directory plus `count` synthetic services with a phone each; `edition` changes every description. */
export function withSyntheticServices(tables: TableRows, count: number, edition: string): TableRows {
  const org = tables.organization[0]!.id;
  const services = Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    organization_id: org,
    name: `Synthetic service ${i} (synthetic test record)`,
    description: `Synthetic record, ${edition}`,
    status: 'active',
  }));
  const phones = services.map((s, i) => ({ id: `synthetic-phone-${i}`, service_id: s.id, number: `555-01${String(i % 100).padStart(2, '0')}`, type: 'voice' }));
  return { ...tables, service: [...tables.service, ...services], phone: [...tables.phone, ...phones] };
}
