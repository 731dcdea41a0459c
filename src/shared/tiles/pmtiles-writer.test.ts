import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { writePmtiles } from './pmtiles-writer.ts';

/** The archive in memory, read through the pmtiles library's own reader (an independent check). */
class BufferSource implements Source {
  constructor(private readonly buf: Uint8Array) {}
  getKey(): string {
    return 'memory';
  }
  getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.buf.subarray(offset, offset + length);
    return Promise.resolve({
      data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.length) as ArrayBuffer,
    });
  }
}

describe('PMTiles writer', () => {
  it('writes an archive the pmtiles reader opens: header, metadata and every tile by z/x/y', async () => {
    const tiles: { z: number; x: number; y: number; data: Uint8Array }[] = [];
    for (let z = 0; z <= 6; z++)
      for (let x = 0; x < Math.min(2 ** z, 6); x++)
        for (let y = 0; y < Math.min(2 ** z, 5); y++)
          tiles.push({ z, x, y, data: new TextEncoder().encode(`tile ${z}/${x}/${y}`) });
    const archive = writePmtiles({
      tiles,
      bounds: [113.4, 34.5, 113.8, 34.9],
      minZoom: 0,
      maxZoom: 6,
      tileType: TileType.Mvt,
      metadata: { name: 'test' },
    });
    const p = new PMTiles(new BufferSource(archive));
    const h = await p.getHeader();
    expect(h.specVersion).toBe(3);
    expect([h.minZoom, h.maxZoom, h.tileType]).toEqual([0, 6, TileType.Mvt]);
    expect(h.minLon).toBeCloseTo(113.4, 6);
    expect(h.maxLat).toBeCloseTo(34.9, 6);
    expect(h.numAddressedTiles).toBe(tiles.length);
    expect(await p.getMetadata()).toEqual({ name: 'test' });
    for (const t of tiles) {
      const got = await p.getZxy(t.z, t.x, t.y);
      expect(new TextDecoder().decode(got?.data ?? new ArrayBuffer(0))).toBe(
        `tile ${t.z}/${t.x}/${t.y}`,
      );
    }
    expect(await p.getZxy(6, 40, 40)).toBeUndefined();
  });

  it('refuses an archive whose root directory would not fit the first 16 KiB', () => {
    const tiles: { z: number; x: number; y: number; data: Uint8Array }[] = [];
    for (let x = 0; x < 128; x++)
      for (let y = 0; y < 128; y++) tiles.push({ z: 7, x, y, data: new Uint8Array(300) });
    expect(() =>
      writePmtiles({
        tiles,
        bounds: [-180, -85, 180, 85],
        minZoom: 7,
        maxZoom: 7,
        tileType: TileType.Mvt,
        metadata: {},
      }),
    ).toThrow(/root directory/);
  });
});
