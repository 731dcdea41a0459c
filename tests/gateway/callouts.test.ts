import { describe, expect, it } from 'vitest';
import { LoopbackMessenger } from '../../src/server/callout/loopback-messenger.ts';
import type {
  AnswerView,
  AuditEntry,
  Callout,
  OutboxMessage,
} from '../../src/shared/protocol/index.ts';
import { signedIn, TEST_SECRET } from '../support/access.ts';
import { villagesOf, warningOver } from '../support/callouts.ts';
import { gatewaySuite } from '../support/gateway.ts';

// 叫应 through a real gateway, on a fake clock: the desk's sweep is driven by the test
// (sweepMs 0) at the times it names, so "five minutes later" takes no five minutes.
const suite = gatewaySuite(['erqi'], {
  tokenSecret: TEST_SECRET,
  callout: { sweepMs: 0, answerMinutes: 5, rounds: 3 },
});
const MIN = 60_000;
/** An anonymous reader asking for people: sign in first. */
const STATUS_PUBLIC_PEOPLE = 401;

const live = () => suite.gateway.hub.live.get('erqi') ?? expect.unreachable();
const callouts = () => [...live().callouts.values()];
const outbox = (): readonly OutboxMessage[] => {
  const m = suite.gateway.callouts.messenger;
  return m instanceof LoopbackMessenger ? m.outbox('erqi') : expect.unreachable();
};
const tokenOf = (link: string) => link.split('/a/')[1] ?? expect.unreachable();
const linkFor = (c: Callout) =>
  outbox().find((m) => m.callout === c.id && m.kind === 'sms')?.link ?? expect.unreachable();
const audit = async (command: string): Promise<AuditEntry[]> => {
  const res = await fetch(`${suite.base}/api/audit?command=${command}&limit=1000`, {
    headers: await signedIn('admin'),
  });
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
};
const publish = async (type: string, payload: unknown) => {
  const r = await suite.gateway.hub.publish('erqi', type, payload);
  if (!r.ok) throw new Error(r.error);
};

describe('叫应: called until they answer', () => {
  it('a red warning over two villages calls their heads and grid heads, the township’s and county’s chiefs, once each', async () => {
    const [a, b] = villagesOf(suite.gateway, 'erqi', 3);
    if (!a || !b) return;
    await publish('warning:issue', warningOver([a, b], { identifier: 'test-red-1' }));
    const t0 = Date.now();
    await suite.gateway.callouts.sweep(t0);
    const called = callouts();
    expect(called.map((c) => c.role).sort()).toEqual(
      [
        'county-chief',
        'grid-head',
        'grid-head',
        'township-chief',
        'village-head',
        'village-head',
      ].sort(),
    );
    expect(called.every((c) => c.ref === 'test-red-1' && c.status === 'calling')).toBe(true);
    expect(called.find((c) => c.role === 'township-chief')?.villages).toBe(2);
    // Each got one SMS with a link and one voice call; the SMS says who, what and where.
    expect(outbox()).toHaveLength(12);
    const sms = outbox().find((m) => m.kind === 'sms' && m.callout === called[0]?.id);
    expect(sms?.text).toContain('测试暴雨红色预警');
    expect(sms?.text).toContain(sms?.link ?? '-');
    expect(sms?.to).toBe(called[0]?.phone);
    // A second sweep calls nobody again.
    await suite.gateway.callouts.sweep(t0 + 1_000);
    expect(callouts()).toHaveLength(6);
    expect(outbox()).toHaveLength(12);
    // Every open is an event in the log and an audit line of the desk.
    const lines = await audit('callout:open');
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => l.role === 'callout')).toBe(true);
  });

  it('the link shows the person their call and takes their answer; a key press in the voice call answers too', async () => {
    const head = callouts().find((c) => c.role === 'village-head') ?? expect.unreachable();
    const token = tokenOf(linkFor(head));
    const view = (await (await fetch(`${suite.base}/api/answer/${token}`)).json()) as AnswerView;
    expect(view).toMatchObject({ name: head.name, areaName: head.areaName, status: 'calling' });
    const res = await fetch(`${suite.base}/api/answer/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answer: 'received' }),
    });
    expect(res.status).toBe(200);
    expect(live().callouts.get(head.id)).toMatchObject({
      status: 'answered',
      answer: 'received',
      answerChannel: 'link',
    });
    // A bad answer is refused with the reason; a forged link is refused.
    const bad = await fetch(`${suite.base}/api/answer/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answer: 'maybe' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }).description).toContain('answer');
    const forged = await fetch(`${suite.base}/api/answer/${token.slice(0, -2)}AA`);
    expect(forged.status).toBe(404);

    // The grid head presses 3 (需要支援) in the voice call: the provider's receipt answers.
    const grid = callouts().find((c) => c.role === 'grid-head' && c.areaCode === head.areaCode);
    if (!grid) throw new Error('no grid head');
    const receipt = await fetch(`${suite.base}/api/callouts/aliyun/voice-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { call_id: '1^2', status_code: '200000', out_id: tokenOf(linkFor(grid)), dtmf: '3' },
        {
          call_id: '1^3',
          status_code: '200000',
          out_id: 'forged.AAAAAAAAAAAAAAAAAAAAAA',
          dtmf: '1',
        },
      ]),
    });
    expect(await receipt.json()).toMatchObject({ code: 0 });
    expect(live().callouts.get(grid.id)).toMatchObject({
      status: 'answered',
      answer: 'need-support',
      answerChannel: 'voice',
    });
    const answers = await audit('callout:answer');
    expect(answers.map((l) => l.role)).toEqual(['callee', 'callee']);
  });

  it('five minutes unanswered: called again and escalated once — a village to the township’s deputy, a chief to the county duty desk; then lapsed', async () => {
    const t0 = Math.min(...callouts().map((c) => Date.parse(c.openedAt)));
    await suite.gateway.callouts.sweep(t0 + 4 * MIN);
    expect(callouts()).toHaveLength(6);
    await suite.gateway.callouts.sweep(t0 + 5 * MIN + 1_000);
    const now = callouts();
    const deputy = now.find((c) => c.role === 'township-deputy');
    const duty = now.find((c) => c.role === 'county-duty');
    if (!deputy || !duty) throw new Error('nobody escalated to');
    // The two unanswered village persons escalated to the one deputy; the chiefs to the duty desk.
    const unansweredVillage = now.filter((c) => c.tier === 'village' && c.status === 'calling');
    expect(unansweredVillage).toHaveLength(2);
    for (const c of unansweredVillage)
      expect(c).toMatchObject({ attempts: 2, escalatedTo: [deputy.id] });
    for (const role of ['township-chief', 'county-chief'])
      expect(now.find((c) => c.role === role)).toMatchObject({
        attempts: 2,
        escalatedTo: [duty.id],
      });
    expect(deputy.reason).toContain('未应答');
    // The answered are left alone.
    expect(now.filter((c) => c.status === 'answered').every((c) => c.attempts === 1)).toBe(true);
    // Round two went out to them (attempt 2), and the newly called got their first.
    expect(outbox().filter((m) => m.attempt === 2 && m.kind === 'voice')).toHaveLength(4);

    // Round three repeats without escalating again; the deputy's own silence reaches the duty desk.
    await suite.gateway.callouts.sweep(t0 + 10 * MIN + 2_000);
    expect(live().callouts.get(unansweredVillage[0]?.id ?? '')).toMatchObject({
      attempts: 3,
      escalatedTo: [deputy.id],
    });
    expect(live().callouts.get(deputy.id)).toMatchObject({ attempts: 2, escalatedTo: [duty.id] });
    expect(callouts().filter((c) => c.role === 'county-duty')).toHaveLength(1);

    // Past the last round: unanswered, kept on the board, called no more.
    await suite.gateway.callouts.sweep(t0 + 15 * MIN + 3_000);
    const lapsed = callouts().filter((c) => c.status === 'unanswered');
    expect(lapsed.map((c) => c.role).sort()).toEqual(
      ['county-chief', 'grid-head', 'township-chief', 'village-head'].sort(),
    );
    const sent = outbox().length;
    await suite.gateway.callouts.sweep(t0 + 16 * MIN);
    expect(outbox().filter((m) => lapsed.some((c) => c.id === m.callout)).length).toBeGreaterThan(
      0,
    );
    expect(outbox().length - sent).toBe(0);
    expect((await audit('callout:escalate')).length).toBe(5);
    expect((await audit('callout:lapse')).length).toBe(4);
  });

  it('an update widening the warning calls only the newly covered; when it ends every callout closes and its links die', async () => {
    const [a, b, c] = villagesOf(suite.gateway, 'erqi', 3);
    if (!a || !b || !c) return;
    const before = callouts().length;
    await publish(
      'warning:update',
      warningOver([a, b, c], {
        identifier: 'test-red-2',
        references: ['test-met,test-red-1,2026-01-01T00:00:00Z'],
      }),
    );
    await suite.gateway.callouts.sweep(Date.now());
    const added = callouts().slice(before);
    expect(added.map((x) => x.areaCode).sort()).toEqual([c.code, c.code]);
    // Still the first warning's 叫应: the township chief was not called a second time.
    expect(callouts().every((x) => x.ref === 'test-red-1')).toBe(true);

    const token = tokenOf(linkFor(added[0] ?? expect.unreachable()));
    await publish(
      'warning:cancel',
      warningOver([a, b, c], {
        identifier: 'test-red-3',
        msgType: 'Cancel',
        references: ['test-met,test-red-2,2026-01-01T00:00:00Z'],
      }),
    );
    await suite.gateway.callouts.sweep(Date.now());
    expect(callouts()).toHaveLength(0);
    const gone = await fetch(`${suite.base}/api/answer/${token}`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { description: string }).description).toContain('ended');
  });

  it('a yellow warning calls nobody; the outbox is for admins; the setup says calls are not delivered', async () => {
    const [a] = villagesOf(suite.gateway, 'erqi', 1);
    if (!a) return;
    await publish(
      'warning:issue',
      warningOver([a], { identifier: 'test-yellow', level: 'yellow' }),
    );
    await suite.gateway.callouts.sweep(Date.now());
    expect(callouts()).toHaveLength(0);
    expect((await fetch(`${suite.base}/api/scenarios/erqi/callouts/outbox`)).status).toBe(401);
    const viewer = await fetch(`${suite.base}/api/scenarios/erqi/callouts/outbox`, {
      headers: await signedIn('viewer'),
    });
    expect(viewer.status).toBe(403);
    const admin = await fetch(`${suite.base}/api/scenarios/erqi/callouts/outbox`, {
      headers: await signedIn('admin'),
    });
    expect(((await admin.json()) as { messages: unknown[] }).messages.length).toBeGreaterThan(12);
    const setup = await (await fetch(`${suite.base}/api/callouts/setup`)).json();
    expect(setup).toMatchObject({
      provider: 'loopback',
      delivers: false,
      answerMinutes: 5,
      rounds: 3,
      levels: ['orange', 'red'],
    });
    // The public read API never shows who was called.
    const items = await fetch(`${suite.base}/api/scenarios/erqi/collections/callouts/items`);
    expect(items.status).toBe(STATUS_PUBLIC_PEOPLE);
    const asViewer = await fetch(`${suite.base}/api/scenarios/erqi/collections/callouts/items`, {
      headers: await signedIn('viewer'),
    });
    expect(asViewer.status).toBe(200);
  });
});
