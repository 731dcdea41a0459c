import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { WallKeyEntry } from '../../src/server/access/keys.ts';
import {
  COLLECTION_IDS,
  PEOPLE_COLLECTIONS,
  type Ack,
  type CommandDone,
  type FeedSubscribed,
} from '../../src/shared/protocol/index.ts';
import { TEST_SECRET, signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';
import { sampleIncident } from '../support/samples.ts';

/**
 * A public wall's redaction happens on the gateway, on the wire: what a public reader may not
 * see (people's names, phones and positions; who dispatched; sensitive incidents) is not in any
 * answer or feed message it receives — while an internal wall gets all of it, so the checks
 * below can tell the two apart.
 */
const WALLS: WallKeyEntry[] = [
  { name: 'hall', audience: 'public', key: 'redaction-public-wall-0123456789' },
  { name: 'ops', audience: 'full', key: 'redaction-internal-wall-012345678' },
];
const suite = gatewaySuite(['erqi'], { wallKeys: WALLS });
const { client, key, send, close } = roleClients(() => suite.base, TEST_SECRET);
afterAll(close);

/** The sample's phone numbers (every person's: grid members and contacts) are on 100xxxxxxxx. */
const PHONE = /\b100\d{8}\b/;
const CONTACT_FIELDS = /"(leader|manager|keeper|responsible|phone|dispatches|reportedBy)"/;

const as = (who: 'anonymous' | 'public' | 'internal'): Record<string, string> =>
  who === 'anonymous'
    ? {}
    : { authorization: `Bearer ${(who === 'public' ? WALLS[0] : WALLS[1])?.key ?? ''}` };

/** Every read an anonymous reader or a public wall may make, with ids that exist. */
function readPaths(): string[] {
  const s = '/api/scenarios/erqi';
  return [
    '/api/scenarios',
    s,
    `${s}/collections`,
    ...COLLECTION_IDS.filter((c) => !PEOPLE_COLLECTIONS.has(c) && c !== 'hazard-reports').map(
      (c) => `${s}/collections/${c}/items?limit=10000`,
    ),
    `${s}/collections/teams/items/TM0001`,
    `${s}/collections/shelters/items/SH0001`,
    `${s}/wall`,
    `${s}/plans/current`,
    `${s}/stats/hazards`,
  ];
}

async function subscribed(headers: Record<string, string>): Promise<{
  socket: Socket;
  messages: string[];
  frames: number;
}> {
  const token = headers.authorization?.slice(7);
  const socket = connect(suite.base, {
    transports: ['websocket'],
    reconnection: false,
    ...(token ? { auth: { token } } : {}),
  });
  const state = { socket, messages: [] as string[], frames: 0 };
  socket.on('feed:batch', (batch: unknown) => state.messages.push(JSON.stringify(batch)));
  socket.on('positions:frame', () => state.frames++);
  const ack = (await socket.emitWithAck('feed:subscribe', {
    scenario: 'erqi',
  })) as Ack<FeedSubscribed>;
  if (!ack.ok) throw new Error(ack.error);
  return state;
}

describe('redaction on the wire', () => {
  it('gives a public wall and an anonymous reader no names, phones, dispatchers or sensitive incidents', async () => {
    const hub = suite.gateway.hub;
    const officer = await client('duty_officer');
    const open = sampleIncident({ status: 'confirmed', description: '来电人：尹红 10030232765' });
    const secret = sampleIncident({ sensitive: true, title: '某领导住宅进水' });
    await hub.publish('erqi', 'incident:open', open);
    await hub.publish('erqi', 'incident:open', secret);
    const dispatched = await send(officer, 'incident:dispatch', {
      scenario: 'erqi',
      id: open.id,
      teamIds: ['TM0003'],
      idempotencyKey: key(),
    });
    expect(dispatched.ok).toBe(true);

    for (const who of ['anonymous', 'public', 'internal'] as const) {
      const bodies: string[] = [];
      for (const path of readPaths()) {
        const res = await fetch(`${suite.base}${path}`, { headers: as(who) });
        expect(res.status, `${who} ${path}`).toBe(200);
        bodies.push(await res.text());
      }
      const all = bodies.join('\n');
      if (who === 'internal') {
        // The positive control: the same reads, cleared for people, carry all of it.
        expect(all).toMatch(PHONE);
        expect(all).toContain('user-duty_officer');
        expect(all).toContain(secret.id);
      } else {
        expect(all, who).not.toMatch(PHONE);
        expect(all, who).not.toMatch(CONTACT_FIELDS);
        expect(all, who).not.toContain('user-duty_officer');
        expect(all, who).not.toContain(secret.id);
        expect(all, who).not.toContain('某领导');
      }
      for (const c of PEOPLE_COLLECTIONS) {
        const people = await fetch(`${suite.base}/api/scenarios/erqi/collections/${c}/items`, {
          headers: as(who),
        });
        expect(people.status, `${who} ${c}`).toBe(
          who === 'internal' ? 200 : who === 'anonymous' ? 401 : 403,
        );
      }
    }
  });

  it('sends a public wall’s socket the feed shaped for the public: withheld stand-ins, no positions', async () => {
    const hub = suite.gateway.hub;
    const publicWall = await subscribed(as('public'));
    const internalWall = await subscribed(as('internal'));
    const anonymous = await subscribed({});
    const viewer = await subscribed(await signedIn());
    try {
      const officer = await client('duty_officer');
      const incident = sampleIncident({ status: 'confirmed' });
      await hub.publish('erqi', 'incident:open', incident);
      const r = (await officer.emitWithAck('incident:dispatch', {
        scenario: 'erqi',
        id: incident.id,
        teamIds: ['TM0004'],
        idempotencyKey: key(),
      })) as Ack<CommandDone>;
      expect(r.ok).toBe(true);
      // It becomes sensitive: the public picture loses it.
      await hub.publish('erqi', 'incident:update', { ...incident, sensitive: true });
      // A person checked in at a shelter: who is where is people's data.
      const arrival = await hub.publish('erqi', 'checkin:arrive', {
        code: 'K7M3Q2P',
        village: '410103001001',
        kind: 'shelter',
        place: 'SH0001',
        placeName: '测试安置点',
        at: new Date().toISOString(),
        scan: 'redaction-scan-1',
        by: '测试安置点',
      });
      expect(arrival.ok).toBe(true);
      hub.telemetry.get('erqi')?.move(Uint32Array.from([1]), Float32Array.from([113.61, 34.71]));
      await expect.poll(() => internalWall.frames).toBeGreaterThan(0);
      await expect.poll(() => publicWall.messages.join('').includes('feed:withheld')).toBe(true);
      await expect.poll(() => anonymous.messages.join('').includes('feed:withheld')).toBe(true);
      await expect.poll(() => viewer.messages.join('').includes('"sensitive":true')).toBe(true);
      await expect.poll(() => viewer.messages.join('').includes('K7M3Q2P')).toBe(true);

      for (const [who, s] of [
        ['public wall', publicWall],
        ['anonymous', anonymous],
      ] as const) {
        const wire = s.messages.join('\n');
        expect(wire, who).not.toContain('user-duty_officer');
        expect(wire, who).not.toMatch(PHONE);
        expect(wire, who).not.toContain('"sensitive":true');
        expect(wire, who).not.toContain('K7M3Q2P');
        // Every seq still arrives (a stand-in for what is withheld), in the same order.
        const seqs = (JSON.parse(`[${s.messages.join(',')}]`) as { seq: number }[][])
          .flat()
          .map((e) => e.seq);
        const full = (JSON.parse(`[${internalWall.messages.join(',')}]`) as { seq: number }[][])
          .flat()
          .map((e) => e.seq);
        expect(seqs, who).toEqual(full);
        expect(s.frames, who).toBe(0);
      }
      expect(internalWall.messages.join('')).toContain('user-duty_officer');
      expect(viewer.frames).toBeGreaterThan(0);
    } finally {
      for (const s of [publicWall, internalWall, anonymous, viewer]) s.socket.close();
    }
  });
});
