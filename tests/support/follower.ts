import { createHash } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, FeedSubscribed, Incident } from '../../src/shared/protocol/index.ts';

export interface Received {
  seq: number;
  /** The scenario's previous seq (absent in replayed events). */
  prev?: number;
  type: string;
  payload: Incident;
}

/**
 * A follower that keeps the protocol as the console's FeedClient does: live events that arrive
 * while a resubscription or a hole fill is pending are held until the replay (or the log's
 * events) are applied, then everything goes in seq order, each event once. A hole shows as an
 * event whose `prev` is beyond what the follower holds. It follows the erqi scenario's incidents
 * (id → status).
 */
export class Follower {
  readonly incidents = new Map<string, string>();
  lastSeq = 0;
  /** Connections made (a reconnection after a node died counts too). */
  connections = 0;
  readonly socket: Socket;
  private held: Received[] | null = null;
  /** After the first subscription every resubscription names where it left off, even seq 0. */
  private subscribed = false;

  /**
   * @param autoResume reconnect by itself (socket.io's backoff) and resubscribe from where it
   *   left off, as the console does; otherwise the test drives `reconnect`.
   */
  constructor(
    private readonly base: string,
    autoResume = false,
    /** A token or key to present (none: anonymous, where the gateway lets anyone read). */
    token?: string,
  ) {
    this.socket = connect(base, {
      transports: ['websocket'],
      ...(token ? { auth: { token } } : {}),
      reconnection: autoResume,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    this.socket.on('connect', () => {
      this.connections++;
      if (autoResume && this.subscribed) void this.subscribe();
    });
    this.socket.on('feed:batch', (batch: Received[]) => {
      for (const e of batch) {
        if (this.held) this.held.push(e);
        else if (e.prev !== undefined && e.prev > this.lastSeq) void this.fill(e);
        else this.apply(e);
      }
    });
  }

  /** Holds what comes, fetches the missing range from the log, then releases in order. */
  private async fill(first: Received): Promise<void> {
    this.held = [first];
    for (;;) {
      try {
        const res = await fetch(
          `${this.base}/api/scenarios/erqi/events?after=${this.lastSeq}&limit=5000`,
        );
        const body = (await res.json()) as { events: Received[] };
        this.release(body.events);
        return;
      } catch {
        // The node behind the address just died: the next connection gets another one.
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private release(first: Received[]): void {
    const all = [...first, ...(this.held ?? [])].sort((a, b) => a.seq - b.seq);
    this.held = null;
    for (const e of all) this.apply(e);
  }

  apply(e: Received): void {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.incidents.set(e.payload.id, e.payload.status);
  }

  async subscribe(): Promise<void> {
    this.held = [];
    const ack = (await this.socket.emitWithAck('feed:subscribe', {
      scenario: 'erqi',
      ...(this.subscribed ? { sinceSeq: this.lastSeq } : {}),
    })) as Ack<FeedSubscribed>;
    if (!ack.ok || ack.data.resync) throw new Error('resync not expected in this test');
    this.subscribed = true;
    this.release(ack.data.replay as Received[]);
  }

  async reconnect(): Promise<void> {
    this.socket.disconnect();
    await new Promise((r) => setTimeout(r, 1));
    this.socket.connect();
    await new Promise<void>((resolve) => this.socket.once('connect', resolve));
    await this.subscribe();
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }
}

/** Order-independent digest of id → status pairs, to compare a client's state with a server's. */
export function checksum(entries: Iterable<[string, string]>): string {
  return createHash('sha256')
    .update(
      [...entries]
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    )
    .digest('hex');
}
