import { describe, expect, it } from 'vitest';
import {
  decodePositionFrame,
  encodePositionFrame,
  packPositionFrame,
  unpackPositionFrame,
  type PositionFrame,
} from './index.ts';

const frame: PositionFrame = {
  scenario: 'erqi',
  kind: 'grid-members',
  time: 1_790_000_000_000,
  full: false,
  count: 10,
  indices: Uint32Array.from([3, 7]),
  positions: Float32Array.from([113.6, 34.7, 113.61, 34.71]),
};

describe('position frames', () => {
  it('round-trip through the wire form, also from a Buffer at an odd offset (as Node receives it)', () => {
    const wire = encodePositionFrame(frame);
    const back = decodePositionFrame(wire);
    expect(back.ok && [...back.frame.indices]).toEqual([3, 7]);
    expect(back.ok && back.frame.positions[2]).toBeCloseTo(113.61, 4);

    const padded = new Uint8Array(1 + wire.indices.byteLength);
    padded.set(new Uint8Array(frame.indices.buffer), 1);
    const odd = decodePositionFrame({ ...wire, indices: padded.subarray(1) });
    expect(odd.ok && [...odd.frame.indices]).toEqual([3, 7]);
  });

  it('refuses frames that do not add up, with the reason', () => {
    const wire = encodePositionFrame(frame);
    expect(decodePositionFrame({ ...wire, count: 5 })).toEqual({
      ok: false,
      error: 'index 7 ≥ count 5',
    });
    const short = decodePositionFrame({ ...wire, positions: new Uint8Array(8) });
    expect(short.ok ? '' : short.error).toContain('one lon, lat pair');
    const text = decodePositionFrame({ ...wire, indices: '3,7' });
    expect(text.ok ? '' : text.error).toContain('must be binary');
    expect(decodePositionFrame({ ...wire, kind: 'teams' }).ok).toBe(false);
  });
  it('packs into one binary message for the bus between nodes and back, naming its origin', () => {
    const back = unpackPositionFrame(packPositionFrame(frame, 'node-a'));
    expect(back.origin).toBe('node-a');
    expect(back.ok && [...back.frame.indices]).toEqual([3, 7]);
    expect(back.ok && back.frame.positions[3]).toBeCloseTo(34.71, 4);
    expect(unpackPositionFrame(new Uint8Array([1, 2, 3])).ok).toBe(false);
  });
});
