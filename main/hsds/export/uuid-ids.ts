import { createHash } from 'node:crypto';
import { foreignKeys } from '../read/table-info';
import { HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';

/**
 * HSDS 3.1 requires every id to be a UUID, but the directory keeps each publisher's own ids (an HSDS 1.1
 * package's "holiday-3", an Ohana export's "12", our vocabulary's "cat-hotline"), since search, notes and
 * the next import of the same source all key on them. So an export gives each such record a UUID derived
 * from its table and id (UUID version 5: the same record always gets the same UUID), and records the
 * original in an HSDS metadata row, the schema's own place for "this field changed from A to B". Reading
 * an export back puts the original ids back, so an exported directory imported again is zero changes.
 */

/** The name space of the derived UUIDs: fixed, so a record's UUID never changes between exports. */
const NAMESPACE = Buffer.from('dc4d25ea4e01417a84e43210cb46076f', 'hex');
/** The metadata row's last_action_type that marks an id replaced on export. */
export const ID_REPLACED = 'id replaced by a UUID for HSDS 3.1';
const UPDATED_BY = 'Referral Atlas export';

const UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

/** The UUID (version 5) a record of `table` with this id is exported under. */
export function derivedUuid(table: HsdsTable, id: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(`${table}:${id}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type IdMaps = Map<HsdsTable, Map<string, string>>;

/**
 * Every id and every reference to it (foreign keys, an attribute's link, a metadata row's resource)
 * renamed through `maps`. Rows that change are copies; the others are the same objects.
 */
function renamed(tables: TableRows, maps: IdMaps): TableRows {
  const out = { ...tables };
  for (const table of HSDS_TABLES) {
    const own = maps.get(table);
    const refs = (foreignKeys().get(table) ?? []).map((fk) => [fk.column, maps.get(fk.target)] as const).filter(([, m]) => m);
    const polymorphic = table === 'attribute' ? ['link_id', 'link_entity'] : table === 'metadata' ? ['resource_id', 'resource_type'] : null;
    if (!own && refs.length === 0 && !polymorphic) continue;
    out[table] = tables[table].map((row) => {
      let copy: Row | null = null;
      const set = (field: string, to: string | undefined) => {
        if (to !== undefined) (copy ??= { ...row })[field] = to;
      };
      if (own && row.id != null) set('id', own.get(String(row.id)));
      for (const [column, m] of refs) if (row[column] != null) set(column, m!.get(String(row[column])));
      if (polymorphic) {
        const [idField, typeField] = polymorphic as [string, string];
        const m = maps.get(row[typeField] as HsdsTable);
        if (m && row[idField] != null) set(idField, m.get(String(row[idField])));
      }
      return copy ?? row;
    });
  }
  return out;
}

/** The tables with UUID ids throughout, and a metadata row recording each id that was replaced. */
export function withUuidIds(tables: TableRows, date: string): TableRows {
  const maps: IdMaps = new Map();
  const records: Row[] = [];
  for (const table of HSDS_TABLES) {
    for (const row of tables[table]) {
      const id = row.id == null ? null : String(row.id);
      if (id === null || isUuid(id)) continue;
      let m = maps.get(table);
      if (!m) maps.set(table, (m = new Map()));
      const uuid = derivedUuid(table, id);
      m.set(id, uuid);
      records.push({
        id: derivedUuid('metadata', `${table}:${id}`),
        resource_id: uuid,
        resource_type: table,
        last_action_date: date,
        last_action_type: ID_REPLACED,
        field_name: 'id',
        previous_value: id,
        replacement_value: uuid,
        updated_by: UPDATED_BY,
      });
    }
  }
  if (maps.size === 0) return tables;
  const out = renamed(tables, maps);
  return { ...out, metadata: [...out.metadata, ...records] };
}

/**
 * The reverse, for a dataset being read: where a metadata row says an id was replaced on export, and the
 * UUID is the one that id derives to (so a file cannot rename records at will), the original id is put
 * back everywhere and the metadata row, which described the file rather than the directory, is dropped.
 * Renamed rows are copies: `sameOrigin` carries each row's origin over to its copy.
 */
export function restoreSourceIds(tables: TableRows, sameOrigin: (from: Row, to: Row) => void): TableRows {
  const maps: IdMaps = new Map();
  const markers = new Set<Row>();
  for (const m of tables.metadata) {
    if (m.last_action_type !== ID_REPLACED || m.field_name !== 'id' || typeof m.previous_value !== 'string') continue;
    const table = m.resource_type as HsdsTable;
    if (!HSDS_TABLES.includes(table) || m.resource_id !== derivedUuid(table, m.previous_value)) continue;
    let map = maps.get(table);
    if (!map) maps.set(table, (map = new Map()));
    map.set(String(m.resource_id), m.previous_value);
    markers.add(m);
  }
  if (maps.size === 0) return tables;
  const kept = { ...tables, metadata: tables.metadata.filter((m) => !markers.has(m)) };
  const out = renamed(kept, maps);
  for (const table of HSDS_TABLES) out[table].forEach((row, i) => row !== kept[table][i] && sameOrigin(kept[table][i]!, row));
  return out;
}
