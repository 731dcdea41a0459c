import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/server/access/tokens.ts';
import type { AuditEntry, Role } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { roleClients } from '../support/role-client.ts';
import { sampleIncident } from '../support/samples.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const suite = gatewaySuite(['erqi'], { tokenSecret: SECRET });
const { client, key, send, close } = roleClients(() => suite.base, SECRET);
afterAll(close);

describe('commands and roles', () => {
  it('lets a viewer watch but change nothing', async () => {
    const viewer = await client();
    const before = suite.gateway.hub.latestSeq();
    const r = await send(viewer, 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0001',
      status: 'off_duty',
      idempotencyKey: key(),
    });
    expect(r).toEqual({
      ok: false,
      error: 'forbidden: a viewer may not team:set-status (needs duty_officer or admin)',
    });
    const r2 = await send(await client('viewer'), 'incident:acknowledge', {
      scenario: 'erqi',
      id: 'X',
      idempotencyKey: key(),
    });
    expect(r2.ok).toBe(false);
    expect(suite.gateway.hub.latestSeq()).toBe(before);
  });

  it("lets a duty officer change a team's status; everyone sees the event", async () => {
    const officer = await client('duty_officer');
    const watcher = await client();
    await watcher.emitWithAck('feed:subscribe', { scenario: 'erqi' });
    type Seen = { type: string; payload: { id: string; status: string } };
    const seen = new Promise<Seen>((resolve) =>
      watcher.once('feed:batch', ([first]: Seen[]) => {
        if (first) resolve(first);
      }),
    );
    const r = await send(officer, 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0002',
      status: 'off_duty',
      idempotencyKey: key(),
    });
    expect(r.ok).toBe(true);
    expect(await seen).toMatchObject({
      type: 'team:status',
      payload: { id: 'TM0002', status: 'off_duty' },
    });
  });

  it('applies a retried command once (idempotency key)', async () => {
    const officer = await client('duty_officer');
    const incident = sampleIncident();
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const k = key();
    const first = await send(officer, 'incident:acknowledge', {
      scenario: 'erqi',
      id: incident.id,
      idempotencyKey: k,
    });
    const again = await send(officer, 'incident:acknowledge', {
      scenario: 'erqi',
      id: incident.id,
      idempotencyKey: k,
    });
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(suite.gateway.hub.live.get('erqi')?.incidents.get(incident.id)?.status).toBe(
      'confirmed',
    );
    // A new key is a new command, refused because the incident is no longer "reported".
    const other = await send(officer, 'incident:acknowledge', {
      scenario: 'erqi',
      id: incident.id,
      idempotencyKey: key(),
    });
    expect(other).toEqual({ ok: false, error: `incident ${incident.id} is already confirmed` });
  });

  it('refuses malformed commands with the field at fault', async () => {
    const officer = await client('admin');
    const r = await send(officer, 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0001',
      status: 'asleep',
      idempotencyKey: 'short',
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain('team status must be');
    expect(r.ok ? '' : r.error).toContain('idempotencyKey needs at least 8 characters');
  });

  it('rate-limits a client that floods commands', async () => {
    const officer = await client('duty_officer');
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        send(officer, 'team:set-status', {
          scenario: 'erqi',
          id: 'TM0003',
          status: 'available',
          idempotencyKey: key(),
        }),
      ),
    );
    const limited = results.filter((r) => !r.ok && r.error.startsWith('rate limit'));
    expect(limited.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(21);
  });

  it('refuses a forged token at the handshake and ends a session when its token expires', async () => {
    const forged = await signToken(
      'another-secret-of-sufficient-length-xyz',
      'mallory',
      'admin',
      600,
    );
    const socket = connect(suite.base, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: forged },
    });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(err.message).toContain('invalid token');

    // 2 s: exp is whole seconds, so a 1-second token can be only milliseconds from expiry when used.
    const brief = await client('duty_officer', 2);
    const ended = await new Promise<string>((resolve) => brief.once('disconnect', resolve));
    expect(ended).toBe('io server disconnect');
  });

  it('refuses a browser from another origin', async () => {
    const res = await fetch(`${suite.base}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});

describe('incident lifecycle', () => {
  it('moves an incident only along its lifecycle; closing and reopening need a reason, which the audit keeps', async () => {
    const officer = await client('duty_officer');
    const incident = sampleIncident();
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const go = (to: string, reason?: string) =>
      send(officer, 'incident:transition', {
        scenario: 'erqi',
        id: incident.id,
        to,
        ...(reason ? { reason } : {}),
        idempotencyKey: key(),
      });
    const status = () => suite.gateway.hub.live.get('erqi')?.incidents.get(incident.id)?.status;
    await expect(go('on_scene')).resolves.toEqual({
      ok: false,
      error: `incident ${incident.id} is reported: it can go to confirmed or closed, not on_scene`,
    });
    await expect(go('closed')).resolves.toEqual({ ok: false, error: 'closing needs a reason' });
    expect((await go('closed', '误报：现场无积水')).ok).toBe(true);
    expect(status()).toBe('closed');
    await expect(go('confirmed')).resolves.toEqual({
      ok: false,
      error: 'reopening needs a reason',
    });
    expect((await go('confirmed', '群众再次来电，积水复现')).ok).toBe(true);
    expect(status()).toBe('confirmed');
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${suite.base}/api/audit?command=incident:transition&outcome=done`, {
      headers: { authorization: `Bearer ${await signToken(SECRET, 'a', 'admin', 60)}` },
    });
    const { entries } = (await res.json()) as { entries: AuditEntry[] };
    const mine = entries.filter((e) => e.target === incident.id);
    expect(mine.map((e) => [e.reason, e.before, e.after])).toEqual([
      [
        '群众再次来电，积水复现',
        { status: 'closed', teams: [] },
        { status: 'confirmed', teams: [] },
      ],
      ['误报：现场无积水', { status: 'reported', teams: [] }, { status: 'closed', teams: [] }],
    ]);
  });
});

describe('audit log', () => {
  const read = async (role: Role | null, query = '') => {
    const headers: Record<string, string> = role
      ? { authorization: `Bearer ${await signToken(SECRET, `auditor-${role}`, role, 60)}` }
      : {};
    return fetch(`${suite.base}/api/audit${query}`, { headers });
  };

  it('records every command of a signed-in person, refused ones too, with who, role, before → after; counts anonymous attempts instead; exports CSV; only for duty officers and admins', async () => {
    const anonymous = await client();
    const noise = suite.gateway.rejections.total('command');
    await send(anonymous, 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0005',
      status: 'off_duty',
      idempotencyKey: key(),
    });
    expect(suite.gateway.rejections.total('command')).toBe(noise + 1);
    await send(await client('viewer'), 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0005',
      status: 'off_duty',
      idempotencyKey: key(),
    });
    const officer = await client('duty_officer');
    const done = await send(officer, 'team:set-status', {
      scenario: 'erqi',
      id: 'TM0005',
      status: 'off_duty',
      idempotencyKey: key(),
    });
    expect(done.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // the audit append is not awaited by the ack

    expect((await read(null)).status).toBe(401);
    expect((await read('viewer')).status).toBe(403);
    const res = await read('admin', '?command=team:set-status');
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: AuditEntry[] };
    // The anonymous attempt was counted, not stored; the viewer's, who signed in, is audited.
    expect(entries.some((e) => e.subject === 'anonymous')).toBe(false);
    const forViewer = entries.find((e) => e.role === 'viewer' && e.target === 'TM0005');
    expect(forViewer).toMatchObject({ outcome: 'refused', subject: 'user-viewer' });
    expect(forViewer?.detail).toContain('forbidden');
    const forOfficer = entries.find(
      (e) => e.subject === 'user-duty_officer' && e.target === 'TM0005',
    );
    expect(forOfficer).toMatchObject({
      outcome: 'done',
      role: 'duty_officer',
      before: { status: 'available' },
      after: { status: 'off_duty' },
      seq: done.ok ? done.data.seq : -1,
    });

    const bytes = new Uint8Array(
      await (await read('duty_officer', '?format=csv&outcome=refused')).arrayBuffer(),
    );
    // A byte-order mark first, so Excel reads the Chinese as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const [header, ...lines] = csv.split('\r\n');
    expect(header).toBe(
      'id,time,subject,role,command,scenario,target,outcome,detail,reason,before,after,seq',
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes(',refused,'))).toBe(true);
    expect((await read('admin', '?limit=0')).status).toBe(400);
  });

  it('writes a reason that would be a formula as text in the CSV', async () => {
    const officer = await client('duty_officer');
    const incident = sampleIncident();
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const attack = '=HYPERLINK("http://x","y")';
    const closed = await send(officer, 'incident:transition', {
      scenario: 'erqi',
      id: incident.id,
      to: 'closed',
      reason: attack,
      idempotencyKey: key(),
    });
    expect(closed.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const csv = await (await read('admin', '?format=csv&command=incident:transition')).text();
    const line = csv.split('\r\n').find((l) => l.includes(incident.id)) ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(line).not.toMatch(/,"?=HYPERLINK/);
  });
});
