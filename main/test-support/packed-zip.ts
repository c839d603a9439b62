import { crc32, deflateRawSync } from 'node:zlib';

export interface PackedEntry {
  name: string;
  /** The entry's content; entries that share one array are compressed once. */
  data: Uint8Array;
  /** What the archive claims the entry unpacks to, when a test needs it to lie. */
  declaredSize?: number;
}

/**
 * A zip written by hand, so a test can make archives no zip library would (a thousand entries sharing
 * one compressed body, a declared size that lies) without spending the memory or time they describe.
 */
export function packedZip(entries: PackedEntry[]): Buffer {
  const packedOf = new Map<Uint8Array, { body: Buffer; crc: number }>();
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    let packed = packedOf.get(e.data);
    if (!packed) packedOf.set(e.data, (packed = { body: deflateRawSync(e.data), crc: crc32(e.data) }));
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.crc, 14);
    local.writeUInt32LE(packed.body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(packed.crc, 16);
    head.writeUInt32LE(packed.body.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, name, packed.body);
    central.push(head, name);
    offset += local.length + name.length + packed.body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
