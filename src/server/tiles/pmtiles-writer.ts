import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface PmtilesInput {
  tiles: { z: number; x: number; y: number; data: Uint8Array }[];
  bounds: [number, number, number, number];
  minZoom: number;
  maxZoom: number;
  tileType: TileType;
  metadata: Record<string, unknown>;
}

/** PMTiles v3 keeps its root directory (with the header) in the first 16 KiB. */
const ROOT_LIMIT = 16_384 - 127;

/**
 * A PMTiles v3 archive (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): header,
 * one root directory, JSON metadata, then the tiles in tile-id (Hilbert) order, uncompressed.
 * Small regional archives only: no leaf directories, so the root must fit its 16 KiB.
 */
export function writePmtiles(input: PmtilesInput): Buffer {
  const tiles = input.tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data }))
    .sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const t of tiles) {
    entries.push({ id: t.id, offset, length: t.data.length });
    offset += t.data.length;
  }
  const dir = directory(entries);
  if (dir.length > ROOT_LIMIT)
    throw new Error(`PMTiles root directory is ${dir.length} bytes; lower the max zoom`);
  const meta = Buffer.from(JSON.stringify(input.metadata));
  const rootOffset = 127;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + meta.length;

  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, dir.length);
  u64(24, metaOffset);
  u64(32, meta.length);
  u64(40, 0); // leaf directories: none
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, tiles.length); // addressed tiles
  u64(80, tiles.length); // tile entries
  u64(88, tiles.length); // tile contents
  h.writeUInt8(1, 96); // clustered: tiles in id order
  h.writeUInt8(Compression.None, 97);
  h.writeUInt8(Compression.None, 98);
  h.writeUInt8(input.tileType, 99);
  h.writeUInt8(input.minZoom, 100);
  h.writeUInt8(input.maxZoom, 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  const [w, s, e, n] = input.bounds;
  h.writeInt32LE(e7(w), 102);
  h.writeInt32LE(e7(s), 106);
  h.writeInt32LE(e7(e), 110);
  h.writeInt32LE(e7(n), 114);
  h.writeUInt8(Math.min(input.maxZoom, Math.max(input.minZoom, 10)), 118);
  h.writeInt32LE(e7((w + e) / 2), 119);
  h.writeInt32LE(e7((s + n) / 2), 123);
  return Buffer.concat([h, dir, meta, ...tiles.map((t) => t.data)]);
}

/** Entries as the spec serialises them: count, id deltas, run lengths, lengths, offsets. */
function directory(entries: readonly { id: number; offset: number; length: number }[]): Buffer {
  const out: number[] = [];
  const varint = (v: number) => {
    let x = v;
    while (x >= 0x80) {
      out.push((x % 0x80) | 0x80);
      x = Math.floor(x / 0x80);
    }
    out.push(x);
  };
  varint(entries.length);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last);
    last = e.id;
  }
  for (let i = 0; i < entries.length; i++) varint(1);
  for (const e of entries) varint(e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    // 0 means "right after the previous tile".
    varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Buffer.from(out);
}
