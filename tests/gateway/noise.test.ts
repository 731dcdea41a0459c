import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, FeedSubscribed } from '../../src/shared/protocol/index.ts';
import { signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';

/**
 * Noise is counted, not stored: fifty anonymous sockets sending a hundred commands each leave
 * no row in the append-only audit (the refusals are on /metrics and in one summary line), and a
 * signed-in console's feed keeps flowing meanwhile (its latency under this flood is measured by
 * `npm run bench:noise`). The budget of a signed-in person's audited refusals is audit-gate.test.ts.
 */
const suite = gatewaySuite(['erqi'], {
  limits: { socketsPerAddress: 200, handshakesPerSecond: 10_000 },
});
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.close();
});

async function open(token?: string): Promise<Socket> {
  const s = connect(suite.base, {
    transports: ['websocket'],
    reconnection: false,
    ...(token ? { auth: { token } } : {}),
  });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('connect_error', reject);
  });
  return s;
}

async function auditRows(): Promise<unknown[]> {
  const res = await fetch(`${suite.base}/api/audit?limit=10000`, {
    headers: await signedIn('admin'),
  });
  return ((await res.json()) as { entries: unknown[] }).entries;
}

describe('noise', () => {
  it('stores nothing for 50 anonymous sockets × 100 commands, and the signed-in feed flows', async () => {
    const desk = await open((await signedIn('duty_officer')).authorization.slice(7));
    const received = new Set<string>();
    desk.on('feed:batch', (batch: { type: string; payload: { id?: string } }[]) => {
      for (const e of batch)
        if (e.type === 'incident:open' && e.payload.id) received.add(e.payload.id);
    });
    const ack = (await desk.emitWithAck('feed:subscribe', {
      scenario: 'erqi',
    })) as Ack<FeedSubscribed>;
    expect(ack.ok).toBe(true);
    const rowsBefore = (await auditRows()).length;
    const counted = () =>
      suite.gateway.rejections.total('command') + suite.gateway.rejections.total('socket');
    const before = counted();

    const flood = await Promise.all(Array.from({ length: 50 }, () => open()));
    const published: string[] = [];
    const sending = flood.map(async (s, i) => {
      for (let k = 0; k < 100; k++)
        s.emit('incident:dispatch', {
          scenario: 'erqi',
          id: 'X',
          teamIds: ['TM0001'],
          idempotencyKey: `flood-${i}-${k}-x`,
        });
      // Each socket's last command is answered: the gateway got through all before it.
      return (await s.emitWithAck('team:set-status', {
        scenario: 'erqi',
        id: 'TM0001',
        status: 'available',
        idempotencyKey: `flood-${i}-last`,
      })) as Ack<unknown>;
    });
    for (let k = 0; k < 20; k++) {
      const incident = sampleIncident();
      published.push(incident.id);
      await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    }
    const answers = await Promise.all(sending);
    expect(answers.every((a) => !a.ok)).toBe(true);
    await expect.poll(() => published.every((id) => received.has(id))).toBe(true);

    // 50 × 101 refusals, all counted (message and command rates, forbidden alike), none stored.
    expect(counted() - before).toBe(50 * 101);
    await new Promise((r) => setTimeout(r, 200));
    expect((await auditRows()).length).toBe(rowsBefore);
  });
});
