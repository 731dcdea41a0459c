import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../src/server/app.ts';
import {
  decodePositionFrame,
  type Ack,
  type FeedSubscribed,
  type PositionFrame,
} from '../../src/shared/protocol/index.ts';
import { ROOT, gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { fetchSignedIn, signedIn } from '../support/access.ts';

const suite = gatewaySuite(['erqi']);

async function subscribe(socket: Socket, sinceSeq?: number): Promise<FeedSubscribed> {
  const ack = (await socket.emitWithAck('feed:subscribe', {
    scenario: 'erqi',
    ...(sinceSeq !== undefined ? { sinceSeq } : {}),
  })) as Ack<FeedSubscribed>;
  if (!ack.ok) throw new Error(ack.error);
  return ack.data;
}

describe('the feed', () => {
  it('logs, applies and broadcasts a valid event; the snapshot carries its seq', async () => {
    const socket = connect(suite.base, { transports: ['websocket'], reconnection: false });
    try {
      await subscribe(socket);
      const received = new Promise<{ seq: number; type: string }>((resolve) =>
        socket.once('feed:batch', ([first]: { seq: number; type: string }[]) => {
          if (first) resolve(first);
        }),
      );
      const r = await suite.gateway.hub.publish(
        'erqi',
        'incident:open',
        sampleIncident({ id: 'BROADCAST-1' }),
      );
      expect(r.ok).toBe(true);
      const e = await received;
      expect(e).toMatchObject({ type: 'incident:open', seq: r.ok ? r.event.seq : -1 });
      const snapshot = (await (
        await fetch(`${suite.base}/api/scenarios/erqi/collections/incidents/items`)
      ).json()) as { seq: number; features: { id: string }[] };
      expect(snapshot.seq).toBe(e.seq);
      expect(snapshot.features.map((f) => f.id)).toContain('BROADCAST-1');
    } finally {
      socket.close();
    }
  });

  it('refuses an invalid event with the reason, counts it and stores nothing', async () => {
    const before = suite.gateway.hub.latestSeq();
    const r = await suite.gateway.hub.publish('erqi', 'incident:open', {
      ...sampleIncident(),
      severity: 'V',
    });
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining('level must be one of I, II, III, IV') as unknown,
    });
    expect((await suite.gateway.hub.publish('erqi', 'incident:teleport', {})).ok).toBe(false);
    expect(suite.gateway.hub.latestSeq()).toBe(before);
    expect(suite.gateway.rejections.total('feed')).toBeGreaterThanOrEqual(2);
  });

  it('replays what a reconnecting client missed, in order, or sends it by HTTP', async () => {
    const socket = connect(suite.base, { transports: ['websocket'], reconnection: false });
    try {
      const { seq } = await subscribe(socket);
      socket.disconnect();
      const missed = [];
      for (let i = 0; i < 3; i++)
        missed.push(await suite.gateway.hub.publish('erqi', 'incident:open', sampleIncident()));
      socket.connect();
      const resumed = await subscribe(socket, seq);
      expect(resumed.resync).toBe(false);
      expect((resumed.replay as { seq: number }[]).map((e) => e.seq)).toEqual(
        missed.map((m) => (m.ok ? m.event.seq : -1)),
      );
      const http = (await (
        await fetchSignedIn(`${suite.base}/api/scenarios/erqi/events?after=${seq}`)
      ).json()) as { events: { seq: number }[] };
      expect(http.events.map((e) => e.seq)).toEqual(missed.map((m) => (m.ok ? m.event.seq : -1)));
      const bad = await fetchSignedIn(`${suite.base}/api/scenarios/erqi/events?after=-4`);
      expect(bad.status).toBe(400);
    } finally {
      socket.close();
    }
  });
});

describe('positions', () => {
  it('sends a signed-in subscriber every grid member’s position in one binary frame, then frames of those that move', async () => {
    // Where people are is for readers cleared to see people (a signed-in account here).
    const auth = { token: (await signedIn()).authorization.slice(7) };
    const socket = connect(suite.base, { transports: ['websocket'], reconnection: false, auth });
    const frames: PositionFrame[] = [];
    socket.on('positions:frame', (raw: unknown) => {
      const decoded = decodePositionFrame(raw);
      if (!decoded.ok) throw new Error(decoded.error);
      frames.push(decoded.frame);
    });
    try {
      await subscribe(socket);
      const telemetry = suite.gateway.hub.telemetry.get('erqi');
      expect(telemetry?.count).toBe(1_225);
      await expect.poll(() => frames.length).toBe(1);
      const [full] = frames;
      expect(full?.full).toBe(true);
      expect(full?.indices.length).toBe(1_225);
      expect(full?.positions[0]).toBeCloseTo(telemetry?.home[0] ?? 0, 4);

      telemetry?.move(Uint32Array.from([5]), Float32Array.from([113.62, 34.73]));
      await expect.poll(() => frames.length).toBe(2);
      expect(frames[1]?.full).toBe(false);
      expect([...(frames[1]?.indices ?? [])]).toEqual([5]);
      expect(frames[1]?.positions[0]).toBeCloseTo(113.62, 4);
      // A later subscriber starts from where the member is now.
      const late = connect(suite.base, { transports: ['websocket'], reconnection: false, auth });
      const lateFrame = new Promise<unknown>((resolve) => late.once('positions:frame', resolve));
      await subscribe(late);
      const decoded = decodePositionFrame(await lateFrame);
      expect(decoded.ok && decoded.frame.positions[10]).toBeCloseTo(113.62, 4);
      late.close();
    } finally {
      socket.close();
    }
  });
});

describe('durability', () => {
  it('loses no acknowledged event when the process is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onemap-log-'));
    const path = join(dir, 'events.sqlite');
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'tests/support/feed-child.ts'), path],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let acked: { seq: number; id: string } | null = null;
      let count = 0;
      await new Promise<void>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            const m = /^ack (\d+) (\S+)$/.exec(line);
            if (m) {
              acked = { seq: Number(m[1]), id: m[2] ?? '' };
              if (++count === 2_000) {
                child.kill('SIGKILL');
                resolve();
              }
            }
          }
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(acked).not.toBeNull();
      const restarted = await createGateway({
        dataDir: `${ROOT}fixtures`,
        eventLog: path,
        simulator: null,
        scenarios: ['erqi'],
      });
      try {
        const last = acked as unknown as { seq: number; id: string };
        expect(restarted.hub.latestSeq()).toBeGreaterThanOrEqual(last.seq);
        expect(restarted.hub.live.get('erqi')?.incidents.has(last.id)).toBe(true);
        // The log is gap-free: every seq up to the last is there.
        const events = await restarted.hub.eventsSince('erqi', 0, 100_000);
        expect(events.map((e) => e.seq)).toEqual(
          Array.from({ length: events.length }, (_, i) => i + 1),
        );
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
