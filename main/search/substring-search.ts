import type { SearchQuery, SearchResponse } from '../../shared/domain';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';

/** Plain case-insensitive substring search over names and descriptions: the foundation's stand-in. */
export function createSubstringSearch(db: Db, reader: ServiceReader) {
  const match = db.prepare(
    `SELECT s.id FROM service s JOIN organization o ON o.id = s.organization_id
     WHERE instr(lower(s.name || ' ' || o.name || ' ' || coalesce(s.alternate_name, '') || ' ' || coalesce(s.description, '')), lower(?)) > 0
     ORDER BY instr(lower(s.name), lower(?)) = 0, lower(s.name)`,
  );
  return (query: SearchQuery): SearchResponse => {
    const text = query.text.trim();
    const ids = (match.all(text, text) as { id: string }[]).map((r) => r.id);
    const offset = query.offset ?? 0;
    const page = ids.slice(offset, offset + (query.limit ?? 50));
    return { total: ids.length, results: page.map((id) => reader.card(id)!).filter(Boolean), points: reader.points(ids) };
  };
}
