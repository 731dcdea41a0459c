/**
 * A command's events and its idempotency record are one commit: a gateway killed right after it
 * (before the audit line and the answer) and the command sent again with the same key after the
 * restart is answered — the same incident, the same seq — and applied once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchSignedIn, TEST_SECRET } from '../support/access.ts';
import { startGatewayProcess } from '../support/processes.ts';
import { roleClients } from '../support/role-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'onemap-command-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a command killed between its commit and its answer', () => {
  it('is answered from its record when retried, and applied once', async () => {
    const env = {
      EVENT_DB: join(dir, 'events.sqlite'),
      SIMULATOR: 'off',
      SCENARIOS: 'erqi',
      TOKEN_SECRET: TEST_SECRET,
    };
    const call = {
      scenario: 'erqi',
      idempotencyKey: 'retry-after-kill-0001',
      type: 'waterlogging',
      severity: 'II',
      title: '杀进程后重试的来电',
      description: '文化路与农业路交叉口积水',
      position: [113.64, 34.74],
      address: '文化路农业路口',
    };
    const dying = await startGatewayProcess({ ...env, COMMAND_KILL_AFTER_COMMIT: '1' });
    let url = dying.url;
    const clients = roleClients(() => url, TEST_SECRET);
    try {
      const officer = await clients.client('duty_officer');
      const gone = new Promise((resolve) => dying.child.once('exit', resolve));
      // No answer comes: the process dies after the commit.
      void clients.send(officer, 'incident:create', call).catch(() => undefined);
      await gone;
      expect(dying.child.signalCode).toBe('SIGKILL');

      const again = await startGatewayProcess(env);
      url = again.url;
      try {
        const retry = await clients.send(
          await clients.client('duty_officer'),
          'incident:create',
          call,
        );
        expect(retry.ok && retry.data.id).toMatch(/^CALL-/);
        const items = (await (
          await fetchSignedIn(`${url}/api/scenarios/erqi/collections/incidents/items?limit=1000`)
        ).json()) as { features: { id: string; properties: { title: string } }[] };
        const mine = items.features.filter((f) => f.properties.title === call.title);
        expect(mine.map((f) => f.id)).toEqual([retry.ok ? retry.data.id : '']);
        // Once more: the same answer, still one incident.
        const third = await clients.send(
          await clients.client('duty_officer'),
          'incident:create',
          call,
        );
        expect(third).toEqual(retry);
      } finally {
        await again.stop();
      }
    } finally {
      clients.close();
      await dying.stop();
    }
  });
});
