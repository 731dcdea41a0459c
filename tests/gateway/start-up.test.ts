import { spawnSync } from 'node:child_process';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Ack, FeedSubscribed } from '../../src/shared/protocol/index.ts';
import { gatewayCommand, startGatewayProcess } from '../support/processes.ts';

/** What `npm start` decides from its environment: the simulator, the watermark, who reads. */
async function exerciseFlag(url: string, token?: string): Promise<Ack<FeedSubscribed>> {
  const socket = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    ...(token ? { auth: { token } } : {}),
  });
  try {
    return (await socket.emitWithAck('feed:subscribe', {
      scenario: 'erqi',
    })) as Ack<FeedSubscribed>;
  } finally {
    socket.close();
  }
}

describe('start-up', () => {
  it('runs the exercise on the bare sample: simulator on, watermarked, open to watch, one-run sign-in', async () => {
    const node = await startGatewayProcess({});
    try {
      expect(node.output()).toContain('Simulator on; data marked as exercise; read API open');
      expect(node.output()).toMatch(/Exercise sign-in for this run: duty \/ \S+/);
      const ack = await exerciseFlag(node.url);
      expect(ack.ok && ack.data.exercise).toBe(true);
    } finally {
      await node.stop();
    }
  });

  it('keeps the simulator off and real data unmarked once a real feed is configured', async () => {
    const node = await startGatewayProcess({
      TOKEN_SECRET: 'start-up-test-secret-long-enough-0123',
      API_KEYS: JSON.stringify([
        { name: 'gps-box', channels: ['gps'], key: 'start-up-gps-key-0123456789abcdef' },
      ]),
    });
    try {
      expect(node.output()).toContain(
        'Simulator off (real feeds configured); data not marked as exercise; read API signed-in',
      );
      expect(node.output()).not.toContain('Exercise sign-in');
      // Nobody signed in may follow the feed here.
      const anonymous = await exerciseFlag(node.url);
      expect(anonymous.ok).toBe(false);
    } finally {
      await node.stop();
    }
  });

  it('refuses the old INGEST_KEYS with what to use instead', () => {
    const gateway = gatewayCommand({ INGEST_KEYS: 'a-bare-key-0123456789' });
    const run = spawnSync(gateway.command, gateway.args, {
      ...gateway.options,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('INGEST_KEYS is replaced by API_KEYS');
  });
});
