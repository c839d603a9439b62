// A minimal PMTiles v3 writer: one root directory (no leaf directories), gzip-compressed directory,
// metadata and tiles. Enough for a basemap of a few thousand tiles; refuses anything larger.
// Format: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

const HEADER_BYTES = 127;
const MAX_ROOT_DIRECTORY = 16_384 - HEADER_BYTES;
const COMPRESSION_GZIP = 2;
const TILE_TYPE_MVT = 1;

function varints(numbers) {
  const out = [];
  for (let n of numbers) {
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
  }
  return Buffer.from(out);
}

/**
 * tiles: [{z, x, y, data: Buffer (uncompressed MVT)}]; bounds: [w, s, e, n]; center: [lon, lat, zoom].
 * Identical tiles (open water, inland land) are stored once and addressed many times.
 */
export function writePmtiles({ tiles, metadata, bounds, center }) {
  const entries = tiles
    .map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), z: t.z, data: gzipSync(t.data, { level: 9 }) }))
    .sort((a, b) => a.tileId - b.tileId);
  const byHash = new Map();
  const blobs = [];
  let length = 0;
  for (const e of entries) {
    const hash = createHash('sha256').update(e.data).digest('hex');
    let stored = byHash.get(hash);
    if (!stored) {
      stored = { offset: length, length: e.data.length };
      byHash.set(hash, stored);
      blobs.push(e.data);
      length += e.data.length;
    }
    e.offset = stored.offset;
    e.length = stored.length;
  }

  // Directory: count, tile id deltas, run lengths, lengths, offsets (0 = directly after the previous entry).
  const fields = [entries.length];
  let last = 0;
  for (const e of entries) {
    fields.push(e.tileId - last);
    last = e.tileId;
  }
  for (let i = 0; i < entries.length; i++) fields.push(1);
  for (const e of entries) fields.push(e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    fields.push(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  const root = gzipSync(varints(fields), { level: 9 });
  if (root.length > MAX_ROOT_DIRECTORY) {
    throw new Error(`PMTiles root directory is ${root.length} bytes, over ${MAX_ROOT_DIRECTORY}: this writer has no leaf directories`);
  }
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata)), { level: 9 });
  const data = Buffer.concat(blobs);

  const h = Buffer.alloc(HEADER_BYTES);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const u64 = (value, at) => h.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.length;
  const dataOffset = metaOffset + meta.length;
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metaOffset, 24);
  u64(meta.length, 32);
  u64(0, 40); // no leaf directories
  u64(0, 48);
  u64(dataOffset, 56);
  u64(data.length, 64);
  u64(entries.length, 72); // addressed tiles
  u64(entries.length, 80); // tile entries
  u64(blobs.length, 88); // distinct tile contents
  h.writeUInt8(0, 96); // not clustered: deduplicated tiles point backwards
  h.writeUInt8(COMPRESSION_GZIP, 97); // internal compression
  h.writeUInt8(COMPRESSION_GZIP, 98); // tile compression
  h.writeUInt8(TILE_TYPE_MVT, 99);
  h.writeUInt8(Math.min(...entries.map((e) => e.z)), 100);
  h.writeUInt8(Math.max(...entries.map((e) => e.z)), 101);
  const e7 = (deg) => Math.round(deg * 1e7);
  h.writeInt32LE(e7(bounds[0]), 102);
  h.writeInt32LE(e7(bounds[1]), 106);
  h.writeInt32LE(e7(bounds[2]), 110);
  h.writeInt32LE(e7(bounds[3]), 114);
  h.writeUInt8(center[2], 118);
  h.writeInt32LE(e7(center[0]), 119);
  h.writeInt32LE(e7(center[1]), 123);
  return { bytes: Buffer.concat([h, root, meta, data]), tiles: entries.length, distinct: blobs.length };
}
