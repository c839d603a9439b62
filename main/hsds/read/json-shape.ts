/** One service found in an HSDS JSON document, and where: a problem in it names this path. */
export interface FoundService {
  value: unknown;
  path: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The list a Page envelope carries: `contents` (HSDS 3.0's API), or `content` (the older envelope some live feeds still send). */
export function pageItems(doc: unknown): { key: 'contents' | 'content'; items: unknown[] } | null {
  if (!isObject(doc)) return null;
  if (Array.isArray(doc.contents)) return { key: 'contents', items: doc.contents };
  if (Array.isArray(doc.content)) return { key: 'content', items: doc.content };
  return null;
}

/**
 * What a document that is not a service is, when it is recognisably something else, so the refusal can
 * name it instead of calling a location "a service without a status". Anything unrecognised is read as a
 * service and the validator says what it lacks.
 */
function otherShape(o: Record<string, unknown>): string | null {
  if ('status' in o || 'organization' in o || 'organization_id' in o || 'service_at_locations' in o) return null;
  if ('location_type' in o || 'addresses' in o || 'latitude' in o) return 'a location';
  if ('code' in o || 'parent_id' in o || 'taxonomy_detail' in o || 'term_uri' in o) return 'a taxonomy term';
  if ('uri' in o && 'version' in o) return 'a taxonomy';
  if ('total_items' in o || 'totalElements' in o || 'page_number' in o || 'number' in o) return 'a page with no contents list';
  return null;
}

const without = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/**
 * One item of a document or list: a service; an organization with its services (each service gets the
 * organization, which HSDS's API leaves out of the services it nests in one); or a service_at_location
 * with its service (the service gets that site). Returns a refusal sentence for anything else.
 */
function itemServices(item: unknown, path: string, out: FoundService[]): string | null {
  const what = path === '$' ? 'The document' : path;
  if (!isObject(item)) return `${what} is ${Array.isArray(item) ? 'a list inside a list' : item === null ? 'null' : `a ${typeof item}`}, not a service, organization or service_at_location object`;
  if (pageItems(item)) return `${what} is a page inside a list; give one page or a list of services`;
  if (Array.isArray(item.services) && !('status' in item)) {
    const organization = without(item, 'services');
    item.services.forEach((s, i) => {
      out.push({ value: isObject(s) && s.organization == null && s.organization_id == null ? { ...s, organization } : s, path: `${path}.services[${i}]` });
    });
    return null;
  }
  if (isObject(item.service) && !('status' in item)) {
    const service = item.service;
    const sites = Array.isArray(service.service_at_locations) ? service.service_at_locations : [];
    out.push({ value: { ...service, service_at_locations: [...sites, without(item, 'service')] }, path: `${path}.service` });
    return null;
  }
  const other = otherShape(item);
  if (other) return `${what} is ${other}, not a service, an organization with its services, or a service_at_location`;
  out.push({ value: item, path });
  return null;
}

/**
 * The services of any shape an HSDS API returns: one service, an organization with its services, a
 * service_at_location, a list of any of them, or a Page envelope of them. Returns the services found, or
 * a sentence naming the shape found instead when the document is not one of those.
 */
export function servicesIn(doc: unknown): { services: FoundService[] } | { refused: string } {
  const out: FoundService[] = [];
  const page = pageItems(doc);
  const list = Array.isArray(doc) ? { items: doc, at: (i: number) => `$[${i}]` } : page ? { items: page.items, at: (i: number) => `$.${page.key}[${i}]` } : null;
  if (!list) {
    const refused = itemServices(doc, '$', out);
    return refused ? { refused } : { services: out };
  }
  for (const [i, item] of list.items.entries()) {
    const refused = itemServices(item, list.at(i), out);
    if (refused) return { refused };
  }
  return { services: out };
}
