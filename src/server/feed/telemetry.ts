import type { GatewayServer } from '../socket/gateway-io.ts';
import {
  encodePositionFrame,
  type GridMember,
  type PositionFrame,
  type PositionFrameWire,
  type ScenarioId,
} from '../../shared/protocol/index.ts';
import type { Rejections } from '../metrics.ts';
import { feedRoom } from './rooms.ts';

/**
 * Latest grid-member positions of one scenario, in the collection's item order, and the binary
 * frames that carry them to the scenario's (full-audience) room (see protocol/positions.ts for why these are
 * not log events).
 */
export class Telemetry {
  readonly positions: Float32Array;
  readonly online: Uint8Array;
  readonly home: Float32Array;

  constructor(
    readonly scenario: ScenarioId,
    members: readonly GridMember[],
    private readonly io: GatewayServer,
    private readonly rejections: Rejections,
  ) {
    this.positions = new Float32Array(members.length * 2);
    this.online = new Uint8Array(members.length);
    members.forEach((m, i) => {
      this.positions[i * 2] = m.position[0];
      this.positions[i * 2 + 1] = m.position[1];
      this.online[i] = m.online ? 1 : 0;
    });
    this.home = this.positions.slice();
  }

  get count(): number {
    return this.online.length;
  }

  /** Set on a scaled-out node: hands frames made here to the other nodes. */
  relay: ((frame: PositionFrame) => void) | null = null;

  /** Records new positions, sends them to the room as one frame, and to the other nodes. */
  move(indices: Uint32Array, positions: Float32Array, time = Date.now()): void {
    this.receive(indices, positions, time);
    this.relay?.({
      scenario: this.scenario,
      kind: 'grid-members',
      time,
      full: false,
      count: this.count,
      indices,
      positions,
    });
  }

  /** Records positions (made here or relayed from another node) and sends them to the room. */
  receive(indices: Uint32Array, positions: Float32Array, time: number): void {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] ?? 0;
      this.positions[i * 2] = positions[k * 2] ?? 0;
      this.positions[i * 2 + 1] = positions[k * 2 + 1] ?? 0;
    }
    // Where people are is for readers cleared to see people only.
    const room = feedRoom(this.scenario, 'full');
    this.io.to(room).emit('positions:frame', this.frame(indices, positions, time, false));
    this.rejections.positionsOut.inc(
      indices.length * (this.io.sockets.adapter.rooms.get(room)?.size ?? 0),
    );
  }

  /** Every position, for a client that has just subscribed. */
  full(time = Date.now()): PositionFrameWire {
    const indices = Uint32Array.from({ length: this.count }, (_, i) => i);
    return this.frame(indices, this.positions.slice(), time, true);
  }

  private frame(
    indices: Uint32Array,
    positions: Float32Array,
    time: number,
    full: boolean,
  ): PositionFrameWire {
    return encodePositionFrame({
      scenario: this.scenario,
      kind: 'grid-members',
      time,
      full,
      count: this.count,
      indices,
      positions,
    });
  }
}
