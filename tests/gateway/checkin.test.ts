import { describe, expect, it } from 'vitest';
import { checkinsOf } from '../../src/shared/people/roll.ts';
import type {
  AuditEntry,
  CheckinLink,
  CheckinView,
  RegisterSummary,
  RollAnswer,
  ScanAnswer,
  VillagePeople,
} from '../../src/shared/protocol/index.ts';
import { signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';

// Transfer by name through a real gateway: check-in links, scans sent (and sent again) from a
// phone's queue, the roll and the registers, and who may read what.
const suite = gatewaySuite(['erqi']);

const live = () => suite.gateway.hub.live.get('erqi') ?? expect.unreachable();
const json = async <T>(res: Response): Promise<T> => {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const linkFor = async (kind: 'shelter' | 'relatives', place: string, role = 'planner' as const) =>
  json<CheckinLink>(
    await fetch(`${suite.base}/api/scenarios/erqi/checkin-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn(role)) },
      body: JSON.stringify({ kind, place }),
    }),
  );
const send = (token: string, scans: { id: string; text: string; at?: string }[]) =>
  fetch(`${suite.base}/api/checkin/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      scans: scans.map((s) => ({ at: new Date().toISOString(), ...s })),
    }),
  });
const register = async () =>
  json<RegisterSummary>(await fetch(`${suite.base}/api/scenarios/erqi/people/villages`));
const peopleOf = async (village: string) =>
  json<VillagePeople>(
    await fetch(`${suite.base}/api/scenarios/erqi/people?village=${village}`, {
      headers: await signedIn('viewer'),
    }),
  );

describe('transfer by name', () => {
  it('checks people in at a shelter’s door once each, however often the phone sends a scan', async () => {
    const { villages, synthetic } = await register();
    expect(synthetic).toBe(true);
    const village = villages.find((v) => v.registered >= 5) ?? expect.unreachable();
    const { people } = await peopleOf(village.village);
    expect(people).toHaveLength(village.registered);
    const [a, b, c] = people;
    if (!a || !b || !c) return expect.unreachable();
    const shelter = [...live().shelters.values()][0] ?? expect.unreachable();
    const occupied = shelter.occupancy;
    const link = await linkFor('shelter', shelter.id);
    expect(link.placeName).toBe(shelter.name);
    const token = link.url.split('/checkin/')[1] ?? expect.unreachable();
    expect(token).toBe(link.token);
    const view = await json<CheckinView>(await fetch(`${suite.base}/api/checkin/${token}`));
    expect(view).toMatchObject({ kind: 'shelter', place: shelter.id, count: 0 });

    // Two typed (lower case, a dash), one as the QR's text; the first answer is "lost".
    const scans = [
      { id: 'scan-a-0001', text: `${a.code.slice(0, 3).toLowerCase()}-${a.code.slice(3)}` },
      { id: 'scan-b-0001', text: b.code },
      { id: 'scan-x-0001', text: 'ZZZZZZZ' },
    ];
    const first = await json<ScanAnswer>(await send(token, scans));
    expect(first.results.map((r) => r.outcome)).toEqual(['arrived', 'arrived', 'unknown']);
    expect(first.results[0]).toMatchObject({ name: a.name, placeName: shelter.name });
    // The phone sends its queue again, and c's scan, and a second scan of a at another time.
    const again = await json<ScanAnswer>(
      await send(token, [
        ...scans,
        { id: 'scan-c-0001', text: c.code },
        { id: 'scan-a-0002', text: a.code },
      ]),
    );
    expect(again.results.map((r) => r.outcome)).toEqual([
      'arrived',
      'arrived',
      'unknown',
      'arrived',
      'already',
    ]);
    // The shelter holds the three people checked in at its door.
    expect(live().shelters.get(shelter.id)?.occupancy).toBe(occupied + 3);
    const roll = checkinsOf(live().roll).filter((x) => x.village === village.village);
    expect(roll.map((x) => x.code).sort()).toEqual([a.code, b.code, c.code].sort());
    const events = await json<{ events: { type: string }[] }>(
      await fetch(`${suite.base}/api/scenarios/erqi/events?since=0&limit=1000`, {
        headers: await signedIn('viewer'),
      }),
    );
    expect(events.events.filter((e) => e.type === 'checkin:arrive')).toHaveLength(3);

    // 投亲靠友 reported by the village: the next person, and a already at a shelter.
    const [, , , d] = people;
    if (d) {
      const home = await linkFor('relatives', village.village);
      const t = home.token;
      const r = await json<ScanAnswer>(
        await send(t, [
          { id: 'scan-d-0001', text: d.code },
          { id: 'scan-a-0003', text: a.code },
        ]),
      );
      expect(r.results.map((x) => x.outcome)).toEqual(['arrived', 'already']);
      expect(r.results[1]?.placeName).toBe(shelter.name);
      expect(live().roll.entries.find((x) => x.code === d.code)?.kind).toBe('relatives');
    }

    const answer = await json<RollAnswer>(
      await fetch(`${suite.base}/api/scenarios/erqi/roll`, { headers: await signedIn('viewer') }),
    );
    expect(answer.checkins.map((x) => x.code)).toEqual(
      expect.arrayContaining([a.code, b.code, c.code]),
    );
    // The leaders' list of who is still not out: everyone of the village but those accounted for.
    const csv = await fetch(
      `${suite.base}/api/scenarios/erqi/people/unaccounted.csv?township=${village.village.slice(0, 9)}`,
      { headers: await signedIn('viewer') },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('姓名');
    const codes = new Set(people.map((p) => p.code));
    // The safe code is the eighth column; no generated name or place holds a comma.
    const ofVillage = lines.filter((l) => codes.has(l.split(',')[7] ?? ''));
    const accounted = checkinsOf(live().roll).filter((x) => x.village === village.village).length;
    expect(ofVillage).toHaveLength(village.registered - accounted);
    expect(ofVillage.some((l) => l.includes(a.code))).toBe(false);
    expect((await fetch(`${suite.base}/api/scenarios/erqi/people/unaccounted.csv`)).status).toBe(
      401,
    );
    const audit = await json<{ entries: AuditEntry[] }>(
      await fetch(`${suite.base}/api/audit?command=checkin:arrive&limit=100`, {
        headers: await signedIn('admin'),
      }),
    );
    expect(audit.entries.some((e) => e.detail.includes('2 new'))).toBe(true);
  });

  it('refuses a forged link, a malformed batch, and names to those not signed in', async () => {
    const shelter = [...live().shelters.values()][0] ?? expect.unreachable();
    const link = await linkFor('shelter', shelter.id);
    const forged = `${link.token.slice(0, -2)}AA`;
    expect((await send(forged, [{ id: 'scan-f-0001', text: 'ABCDEFG' }])).status).toBe(404);
    expect((await fetch(`${suite.base}/api/checkin/not-a-token`)).status).toBe(404);
    // A batch without ids, an empty one, and one too large.
    const bad = await fetch(`${suite.base}/api/checkin/${link.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scans: [{ text: 'ABCDEFG', at: new Date().toISOString() }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }).description).toContain('id');
    expect((await send(link.token, [])).status).toBe(400);
    const many = Array.from({ length: 201 }, (_, i) => ({
      id: `scan-m-${i}-xxxx`,
      text: 'ABCDEFG',
    }));
    expect((await send(link.token, many)).status).toBe(400);
    // No such place; a viewer may not make links; names need a sign-in, figures do not.
    const noPlace = await fetch(`${suite.base}/api/scenarios/erqi/checkin-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn('planner')) },
      body: JSON.stringify({ kind: 'shelter', place: 'no-such-shelter' }),
    });
    expect(noPlace.status).toBe(404);
    const byViewer = await fetch(`${suite.base}/api/scenarios/erqi/checkin-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn('viewer')) },
      body: JSON.stringify({ kind: 'shelter', place: shelter.id }),
    });
    expect(byViewer.status).toBe(403);
    const { villages } = await register();
    const v = villages[0] ?? expect.unreachable();
    expect(
      (await fetch(`${suite.base}/api/scenarios/erqi/people?village=${v.village}`)).status,
    ).toBe(401);
    expect((await fetch(`${suite.base}/api/scenarios/erqi/roll`)).status).toBe(401);
    const badVillage = await fetch(`${suite.base}/api/scenarios/erqi/people?village=12`, {
      headers: await signedIn('viewer'),
    });
    expect(badVillage.status).toBe(400);
  });
});
