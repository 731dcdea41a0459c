import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PositionFrame } from '../../shared/protocol/index.ts';
import { FRESH_MS, PositionStore } from './position-store.ts';

const frame = (patch: Partial<PositionFrame> = {}): PositionFrame => ({
  scenario: 'erqi',
  kind: 'grid-members',
  time: 1_000_000,
  full: false,
  count: 3,
  indices: Uint32Array.from([2]),
  positions: Float32Array.from([113.5, 34.5]),
  ...patch,
});

describe('PositionStore', () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('copies frames into its columns and tells listeners once per animation frame', () => {
    const store = new PositionStore(3);
    const heard = vi.fn();
    store.subscribe(heard);
    expect(store.apply(frame())).toBe(true);
    expect(store.apply(frame({ indices: Uint32Array.from([0]) }))).toBe(true);
    expect([...store.positions.subarray(4, 6)].map((x) => x.toFixed(1))).toEqual(['113.5', '34.5']);
    expect(store.seenAt[2]).toBe(1_000_000);
    expect(heard).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(store.positionsVersion).toBe(2);
  });

  it('refuses a frame for another size of the collection', () => {
    const store = new PositionStore(3);
    expect(store.apply(frame({ count: 4 }))).toBe(false);
    expect(store.positionsVersion).toBe(0);
  });

  it('hides filtered-out entities and fades positions older than the freshness limit', () => {
    const store = new PositionStore(3);
    store.apply(frame({ indices: Uint32Array.from([0, 1]), positions: new Float32Array(4) }));
    store.style([1, 2, 3], Uint8Array.from([1, 0, 1]), 1_000_000 + 1_000);
    const alpha = (i: number) => store.colours[i * 4 + 3];
    expect([alpha(0), alpha(1), alpha(2)]).toEqual([230, 0, 70]); // 2 has never reported
    expect([...store.colours.subarray(0, 3)]).toEqual([1, 2, 3]);
    store.fade(1_000_000 + FRESH_MS + 1);
    expect(alpha(0)).toBe(70);
  });
});
