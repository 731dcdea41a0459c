import { describe, expect, it } from 'vitest';
import type { Scan } from '../../shared/protocol/index.ts';
import { ScanQueue, type QueueStorage, type SendResult } from './scan-queue.ts';

function memory(): QueueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

let n = 0;
const ids = () => `scan-${++n}-test`;

/** A gateway that applies each scan id once and answers `arrived` for it every time. */
function gateway() {
  const applied = new Map<string, number>();
  let up = true;
  return {
    applied,
    set up(v: boolean) {
      up = v;
    },
    send: (scans: Scan[]): Promise<SendResult> => {
      if (!up) return Promise.resolve({ kind: 'offline' });
      for (const s of scans) applied.set(s.id, (applied.get(s.id) ?? 0) + 1);
      return Promise.resolve({
        kind: 'answered',
        results: scans.map((s) => ({ id: s.id, outcome: 'arrived' as const, name: s.text })),
      });
    },
  };
}

describe('the check-in queue', () => {
  it('keeps scans while the network is down and sends each once it is back', async () => {
    const storage = memory();
    const g = gateway();
    const q = new ScanQueue(storage, 'door', ids);
    g.up = false;
    q.add('AAAAAAA');
    q.add('BBBBBBB');
    expect((await q.flush(g.send)).status).toBe('offline');
    q.add('CCCCCCC');
    expect(q.waiting).toHaveLength(3);
    g.up = true;
    expect((await q.flush(g.send)).status).toBe('sent');
    expect(q.waiting).toHaveLength(0);
    expect([...g.applied.values()]).toEqual([1, 1, 1]);
    expect(q.answered.map((r) => r.name)).toEqual(['CCCCCCC', 'BBBBBBB', 'AAAAAAA']);
  });

  it('survives a reload of the page', async () => {
    const storage = memory();
    const q = new ScanQueue(storage, 'door', ids);
    q.add(' DDDDDDD ');
    const again = new ScanQueue(storage, 'door', ids);
    expect(again.waiting.map((s) => s.text)).toEqual(['DDDDDDD']);
    const g = gateway();
    await again.flush(g.send);
    expect(new ScanQueue(storage, 'door', ids).waiting).toHaveLength(0);
    // Another door's queue is its own.
    expect(new ScanQueue(storage, 'other', ids).waiting).toHaveLength(0);
  });

  it('sends large queues in batches the gateway takes, and one flush at a time', async () => {
    const q = new ScanQueue(memory(), 'door', ids);
    for (let i = 0; i < 450; i++) q.add(`P${i}`);
    const sizes: number[] = [];
    const g = gateway();
    const first = q.flush((s) => {
      sizes.push(s.length);
      return g.send(s);
    });
    expect((await q.flush(g.send)).status).toBe('busy');
    const done = await first;
    expect(done.status).toBe('sent');
    expect(done.results).toHaveLength(450);
    expect(sizes).toEqual([200, 200, 50]);
    expect(g.applied.size).toBe(450);
  });

  it('starts empty from storage that holds something else', () => {
    const storage = memory();
    storage.setItem('door', '{not json');
    expect(new ScanQueue(storage, 'door', ids).waiting).toHaveLength(0);
    storage.setItem('door', JSON.stringify({ pending: [{ id: 1 }], done: [] }));
    expect(new ScanQueue(storage, 'door', ids).waiting).toHaveLength(0);
  });
});
