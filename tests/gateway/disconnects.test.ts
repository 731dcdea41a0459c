import { createHash } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Ack, FeedSubscribed, Incident } from '../../src/shared/protocol/index.ts';
import { Rng } from '../../src/shared/random.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';

const suite = gatewaySuite(['erqi']);

interface Received {
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
 * event whose `prev` is beyond what the follower holds.
 */
class Follower {
  readonly incidents = new Map<string, string>();
  lastSeq = 0;
  readonly socket: Socket;
  private held: Received[] | null = null;
  /** After the first subscription every resubscription names where it left off, even seq 0. */
  private subscribed = false;

  constructor() {
    this.socket = connect(suite.base, { transports: ['websocket'], reconnection: false });
    this.socket.on('feed:event', (e: Received) => {
      if (this.held) this.held.push(e);
      else if (e.prev !== undefined && e.prev > this.lastSeq) void this.fill(e);
      else this.apply(e);
    });
  }

  /** Holds what comes, fetches the missing range from the log, then releases in order. */
  private async fill(first: Received): Promise<void> {
    this.held = [first];
    const res = await fetch(
      `${suite.base}/api/scenarios/erqi/events?after=${this.lastSeq}&limit=5000`,
    );
    const body = (await res.json()) as { events: Received[] };
    this.release(body.events);
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
}

function checksum(entries: Iterable<[string, string]>): string {
  return createHash('sha256')
    .update(
      [...entries]
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    )
    .digest('hex');
}

describe('resume under churn', () => {
  it("after 1,000 random disconnects while events flow, every client holds exactly the server's state", async () => {
    const rng = new Rng('churn');
    const followers = Array.from({ length: 20 }, () => new Follower());
    await Promise.all(
      followers.map((f) => new Promise<void>((resolve) => f.socket.once('connect', resolve))),
    );
    await Promise.all(followers.map((f) => f.subscribe()));

    let published = 0;
    const ids: string[] = [];
    const publisher = setInterval(() => {
      for (let k = 0; k < 5; k++) {
        // Mostly new incidents, some status changes of earlier ones.
        if (ids.length > 0 && rng.chance(0.4)) {
          const id = rng.pick(ids);
          const current = suite.gateway.hub.live.get('erqi')?.incidents.get(id);
          if (current)
            void suite.gateway.hub.publish('erqi', 'incident:update', {
              ...current,
              status: rng.pick(['confirmed', 'dispatched', 'on_scene', 'resolved'] as const),
            });
        } else {
          const incident = sampleIncident();
          ids.push(incident.id);
          void suite.gateway.hub.publish('erqi', 'incident:open', incident);
        }
        published++;
      }
    }, 2);

    let disconnects = 0;
    while (disconnects < 1_000) {
      const batch = followers.filter(() => rng.chance(0.25)).slice(0, 1_000 - disconnects);
      disconnects += batch.length;
      await Promise.all(batch.map((f) => f.reconnect()));
    }
    clearInterval(publisher);
    // Let the last broadcasts arrive (polling, not a fixed sleep: the machine may be busy).
    const latest = suite.gateway.hub.latestSeq();
    for (
      let waited = 0;
      waited < 10_000 && followers.some((f) => f.lastSeq < latest);
      waited += 50
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const server = [
      ...(suite.gateway.hub.live.get('erqi')?.incidents ?? new Map<string, Incident>()),
    ].map(([id, i]): [string, string] => [id, i.status]);
    const expected = checksum(server);
    expect(published).toBeGreaterThan(500);
    for (const f of followers) {
      expect(f.lastSeq).toBe(suite.gateway.hub.latestSeq());
      expect(checksum(f.incidents)).toBe(expected);
    }
    for (const f of followers) f.socket.close();
  });
});
