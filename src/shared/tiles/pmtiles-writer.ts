import { Compression, zxyToTileId, type TileType } from 'pmtiles';

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
export function writePmtiles(input: PmtilesInput): Uint8Array {
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
  const meta = new TextEncoder().encode(JSON.stringify(input.metadata));
  const rootOffset = 127;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + meta.length;

  const header = new Uint8Array(127);
  header.set(new TextEncoder().encode('PMTiles'), 0);
  const h = new DataView(header.buffer);
  h.setUint8(7, 3);
  const u64 = (at: number, v: number) => h.setBigUint64(at, BigInt(v), true);
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
  h.setUint8(96, 1); // clustered: tiles in id order
  h.setUint8(97, Compression.None);
  h.setUint8(98, Compression.None);
  h.setUint8(99, input.tileType);
  h.setUint8(100, input.minZoom);
  h.setUint8(101, input.maxZoom);
  const e7 = (v: number) => Math.round(v * 1e7);
  const [w, s, e, n] = input.bounds;
  h.setInt32(102, e7(w), true);
  h.setInt32(106, e7(s), true);
  h.setInt32(110, e7(e), true);
  h.setInt32(114, e7(n), true);
  h.setUint8(118, Math.min(input.maxZoom, Math.max(input.minZoom, 10)));
  h.setInt32(119, e7((w + e) / 2), true);
  h.setInt32(123, e7((s + n) / 2), true);
  const parts = [header, dir, meta, ...tiles.map((t) => t.data)];
  const out = new Uint8Array(parts.reduce((len, p) => len + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Entries as the spec serialises them: count, id deltas, run lengths, lengths, offsets. */
function directory(entries: readonly { id: number; offset: number; length: number }[]): Uint8Array {
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
  return Uint8Array.from(out);
}
