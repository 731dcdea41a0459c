import { z } from 'zod';
import { ScenarioId } from './common.ts';

/**
 * Telemetry: the latest positions of many entities in one binary frame (`positions:frame`).
 * Positions are values the next frame replaces, not state changes: they are not events in the
 * log (20,000 a second would swamp it). A client that (re)subscribes is first sent a full frame
 * of every position, so a missed frame costs nothing once the next full one arrives.
 *
 * Entities are addressed by their index in the collection's item order, which the read API
 * serves identically to every client; `count` lets a client refuse a frame meant for another
 * version of the collection.
 */
export const POSITION_KINDS = ['grid-members'] as const;

/** Binary as socket.io delivers it: an ArrayBuffer in browsers, a Buffer (Uint8Array) in Node. */
const Bytes = z.custom<ArrayBuffer | Uint8Array>(
  (v) => v instanceof ArrayBuffer || v instanceof Uint8Array,
  { error: 'must be binary' },
);

export const PositionFrameWire = z
  .object({
    scenario: ScenarioId,
    kind: z.enum(POSITION_KINDS),
    /** Epoch ms the positions were taken. */
    time: z.number().int().positive(),
    /** Every entity's position (sent on subscription) rather than only those that moved. */
    full: z.boolean(),
    count: z.number().int().min(0).max(10_000_000),
    /** Uint32 little-endian indices. */
    indices: Bytes,
    /** Float32 little-endian lon, lat per index. */
    positions: Bytes,
  })
  .refine((f) => f.indices.byteLength % 4 === 0, { error: 'indices must be whole Uint32s' })
  .refine((f) => f.positions.byteLength === f.indices.byteLength * 2, {
    error: 'positions must hold one lon, lat pair (2 × Float32) per index',
  });
export type PositionFrameWire = z.infer<typeof PositionFrameWire>;

export interface PositionFrame {
  scenario: ScenarioId;
  kind: (typeof POSITION_KINDS)[number];
  time: number;
  full: boolean;
  count: number;
  indices: Uint32Array;
  positions: Float32Array;
}

/** Typed arrays over binary that may sit at any byte offset of a Node Buffer. */
function aligned(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export type FrameResult = { ok: true; frame: PositionFrame } | { ok: false; error: string };

/** Validates a frame off the wire; every index must address one of `count` entities. */
export function decodePositionFrame(input: unknown): FrameResult {
  const parsed = PositionFrameWire.safeParse(input);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  const { indices: i, positions: p, ...rest } = parsed.data;
  const indices = new Uint32Array(aligned(i));
  for (const index of indices) {
    if (index >= rest.count) return { ok: false, error: `index ${index} ≥ count ${rest.count}` };
  }
  return { ok: true, frame: { ...rest, indices, positions: new Float32Array(aligned(p)) } };
}

export function encodePositionFrame(frame: PositionFrame): PositionFrameWire {
  return {
    ...frame,
    indices: new Uint8Array(
      frame.indices.buffer,
      frame.indices.byteOffset,
      frame.indices.byteLength,
    ),
    positions: new Uint8Array(
      frame.positions.buffer,
      frame.positions.byteOffset,
      frame.positions.byteLength,
    ),
  };
}

/**
 * One frame as a single binary message (for a bus between gateway nodes): a Uint32 length, a
 * JSON header (`origin` names the node that sent it), then the indices and the positions.
 */
export function packPositionFrame(frame: PositionFrame, origin: string): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      origin,
      scenario: frame.scenario,
      kind: frame.kind,
      time: frame.time,
      full: frame.full,
      count: frame.count,
    }),
  );
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const out = new Uint8Array(4 + header.length + pad + frame.indices.byteLength * 3);
  new DataView(out.buffer).setUint32(0, header.length + pad, true);
  out.set(header, 4);
  out.fill(0x20, 4 + header.length, 4 + header.length + pad);
  const body = 4 + header.length + pad;
  out.set(
    new Uint8Array(frame.indices.buffer, frame.indices.byteOffset, frame.indices.byteLength),
    body,
  );
  out.set(
    new Uint8Array(frame.positions.buffer, frame.positions.byteOffset, frame.positions.byteLength),
    body + frame.indices.byteLength,
  );
  return out;
}

export function unpackPositionFrame(bytes: Uint8Array): FrameResult & { origin?: string } {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Record<
      string,
      unknown
    >;
    const body = bytes.subarray(4 + length);
    const n = Math.floor(body.byteLength / 12);
    const decoded = decodePositionFrame({
      ...header,
      indices: body.subarray(0, n * 4),
      positions: body.subarray(n * 4),
    });
    return { ...decoded, origin: String(header.origin) };
  } catch (e) {
    return { ok: false, error: `not a packed position frame: ${(e as Error).message}` };
  }
}
