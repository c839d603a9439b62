import Fuse from 'fuse.js';
import { termLabel } from '../../shared/vocabulary';
import type { ServiceFacts } from '../search/service-facts';

/**
 * fuse.js over every record, as the product would rank without a candidate index: the baseline the
 * search is measured against for speed (npm run bench) and relevance (relevance.test.ts).
 */
export function fuseBaseline(facts: readonly ServiceFacts[]): (text: string) => string[] {
  const records = facts.map((f) => ({
    id: f.id,
    name: f.name,
    organization: f.organization,
    description: f.description ?? '',
    tags: [...f.categories, ...f.populationsServed].flatMap((t) => [termLabel(t, 'en'), termLabel(t, 'es')]).join(' '),
  }));
  const fuse = new Fuse(records, {
    keys: [{ name: 'name', weight: 3 }, { name: 'organization', weight: 2 }, { name: 'tags', weight: 1.5 }, 'description'],
    ignoreLocation: true,
    threshold: 0.4,
  });
  return (text) => fuse.search(text).map((r) => r.item.id);
}
