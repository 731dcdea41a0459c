import type { PositionFrame, ScenarioId } from '../../shared/protocol/index.ts';

/** A position not refreshed for this long is drawn faded: the member may have lost signal. */
export const FRESH_MS = 5 * 60_000;

/**
 * Live positions of many entities, columnar: one Float32Array of lon, lat that deck.gl uploads
 * as a GPU attribute as it is, and one of RGBA colours. Frames are copied in as they arrive;
 * listeners hear about it at most once per animation frame, so neither React nor the map does
 * work per message.
 */
export class PositionStore {
  readonly positions: Float32Array;
  readonly colours: Uint8Array;
  /** Epoch ms of each entity's last fix (0: never, since the page loaded). */
  readonly seenAt: Float64Array;
  /** Bumped on every change (positions or colours). */
  version = 0;
  /** Bumped when positions change, and when colours change: each attribute uploads on its own. */
  positionsVersion = 0;
  coloursVersion = 0;
  private readonly listeners = new Set<() => void>();
  private frame = 0;
  private visible: Uint8Array;
  private rgb: [number, number, number] = [255, 255, 255];
  private fadedAt = 0;

  constructor(readonly count: number) {
    this.positions = new Float32Array(count * 2);
    this.colours = new Uint8Array(count * 4);
    this.seenAt = new Float64Array(count);
    this.visible = new Uint8Array(count).fill(1);
  }

  /** Copies a frame's positions in; false when it is for another version of the collection. */
  apply(frame: PositionFrame): boolean {
    if (frame.count !== this.count) return false;
    const { indices, positions } = frame;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] ?? 0;
      this.positions[i * 2] = positions[k * 2] ?? 0;
      this.positions[i * 2 + 1] = positions[k * 2 + 1] ?? 0;
      this.seenAt[i] = frame.time;
    }
    this.positionsVersion++;
    this.changed();
    return true;
  }

  /** Colour of every entity, and which are shown (the layer's filters); faded by age. */
  style(rgb: [number, number, number], visible: Uint8Array | null, now = Date.now()): void {
    this.rgb = rgb;
    this.visible = visible ?? new Uint8Array(this.count).fill(1);
    this.fade(now, true);
  }

  /** Re-derives alpha from age (cheap enough at 32,000 entities, so at most once a second). */
  fade(now = Date.now(), force = false): void {
    if (!force && now - this.fadedAt < 1_000) return;
    this.fadedAt = now;
    const [r, g, b] = this.rgb;
    for (let i = 0; i < this.count; i++) {
      const fresh = now - (this.seenAt[i] ?? 0) < FRESH_MS;
      this.colours[i * 4] = r;
      this.colours[i * 4 + 1] = g;
      this.colours[i * 4 + 2] = b;
      this.colours[i * 4 + 3] = this.visible[i] ? (fresh ? 230 : 70) : 0;
    }
    this.coloursVersion++;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    if (this.frame !== 0 || this.listeners.size === 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const l of this.listeners) l();
    });
  }
}

/** The live position stores of this page, per scenario, created by their first full frame. */
const stores = new Map<ScenarioId, PositionStore>();
const registryListeners = new Set<() => void>();

export const positionStores = {
  get: (scenario: ScenarioId): PositionStore | undefined => stores.get(scenario),
  /** Applies a frame, making a store of the right size on a full frame. */
  apply(frame: PositionFrame): boolean {
    let store = stores.get(frame.scenario);
    if ((!store || store.count !== frame.count) && frame.full) {
      store = new PositionStore(frame.count);
      stores.set(frame.scenario, store);
      for (const l of registryListeners) l();
    }
    return store?.apply(frame) ?? false;
  },
  subscribe: (listener: () => void): (() => void) => {
    registryListeners.add(listener);
    return () => registryListeners.delete(listener);
  },
};

declare global {
  interface Window {
    /** Handle for browser tests and benchmarks: the page's live position stores. */
    __onemapPositions?: typeof positionStores;
  }
}
if (typeof window !== 'undefined') window.__onemapPositions = positionStores;
