import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/protocol/index.ts';
import { Rng } from '../../src/shared/random.ts';
import { checksum, Follower } from '../support/follower.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';

const suite = gatewaySuite(['erqi']);

describe('resume under churn', () => {
  it("after 1,000 random disconnects while events flow, every client holds exactly the server's state", async () => {
    const rng = new Rng('churn');
    const followers = Array.from({ length: 20 }, () => new Follower(suite.base));
    await Promise.all(followers.map((f) => f.connected()));
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
