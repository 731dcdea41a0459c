/**
 * Redis paused (SIGSTOP: the connection stays up, nothing answers): a command fails after the
 * command deadline with the reason instead of holding the gateway's command queue for ever; once
 * Redis runs again, the same command retried with its key is applied, once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../support/access.ts';
import { startGateway } from '../support/gateway.ts';
import { startRedis } from '../support/processes.ts';
import { roleClients } from '../support/role-client.ts';

let redis: Awaited<ReturnType<typeof startRedis>>;
let node: Awaited<ReturnType<typeof startGateway>>;
const clients = roleClients(() => node.url, TEST_SECRET);

beforeAll(async () => {
  redis = await startRedis();
  node = await startGateway(['erqi'], false, {
    redis: { url: redis.url, prefix: `faults-${randomUUID()}` },
  });
});
afterAll(async () => {
  clients.close();
  redis.child.kill('SIGCONT');
  await node.gateway.close();
  await redis.stop();
});

const call = (key: string, title: string) => ({
  scenario: 'erqi',
  idempotencyKey: key,
  type: 'waterlogging',
  severity: 'III',
  title,
  description: '',
  position: [113.64, 34.74],
  address: '',
});

describe('a paused Redis', () => {
  it('fails a command with the reason instead of hanging, and the retry after it wakes applies it once', async () => {
    const officer = await clients.client('duty_officer');
    const first = await clients.send(officer, 'incident:create', call('faults-key-0001', '暂停前'));
    expect(first.ok).toBe(true);

    redis.child.kill('SIGSTOP');
    try {
      const paused = await clients.send(
        officer,
        'incident:create',
        call('faults-key-0002', '暂停中'),
      );
      expect(paused.ok).toBe(false);
      expect(paused.ok ? '' : paused.error).toMatch(/not stored, try again: Redis did not answer/);
    } finally {
      redis.child.kill('SIGCONT');
    }

    const retry = await clients.send(officer, 'incident:create', call('faults-key-0002', '暂停中'));
    expect(retry.ok).toBe(true);
    const titled = () =>
      [...(node.gateway.hub.live.get('erqi')?.incidents.values() ?? [])].filter(
        (i) => i.title === '暂停中',
      );
    await expect.poll(() => titled().length).toBe(1);
    expect(titled()[0]?.id).toBe(retry.ok ? retry.data.id : '');
  });
});
