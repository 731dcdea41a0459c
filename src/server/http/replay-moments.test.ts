import { describe, expect, it } from 'vitest';
import { ReplayMoments } from './replay-moments.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const key = (atMs: number, logId = 'log-1') => ({ scenario: 'erqi', atMs, logId, data: 'v1' });

/** A rebuild that waits to be released, counting its calls. */
function slowRebuild() {
  const calls: number[] = [];
  const release: (() => void)[] = [];
  const rebuild = (_s: string, atMs: number) => {
    calls.push(atMs);
    return new Promise<string>((resolve) => release.push(() => resolve(`state@${atMs}`)));
  };
  return { calls, release, rebuild };
}

describe('ReplayMoments', () => {
  it('rebuilds a moment once for everyone asking at once, and answers a settled one from cache', async () => {
    const r = slowRebuild();
    const moments = new ReplayMoments(r.rebuild, () => NOW);
    const at = NOW - 60_000 + 250;
    const asks = Array.from({ length: 20 }, () => moments.get(key(at)));
    expect(r.calls).toHaveLength(1);
    r.release[0]?.();
    const answers = await Promise.all(asks);
    expect(new Set(answers)).toEqual(new Set([`state@${at}`]));
    expect(await moments.get(key(at))).toBe(answers[0]);
    expect(r.calls).toHaveLength(1);
    expect(moments.hits).toBe(20);
    // Another moment is another fold.
    const other = moments.get(key(at + 1));
    expect(r.calls).toEqual([at, at + 1]);
    r.release[1]?.();
    await other;
  });

  it('does not keep a moment that may still gain events, nor one of another log', async () => {
    const r = slowRebuild();
    const moments = new ReplayMoments(r.rebuild, () => NOW);
    const recent = moments.get(key(NOW - 1_000));
    r.release[0]?.();
    await recent;
    const again = moments.get(key(NOW - 1_000));
    expect(r.calls).toHaveLength(2);
    r.release[1]?.();
    await again;
    const past = moments.get(key(NOW - 60_000));
    r.release[2]?.();
    await past;
    const otherLog = moments.get(key(NOW - 60_000, 'log-2'));
    expect(r.calls).toHaveLength(4);
    r.release[3]?.();
    await otherLog;
  });

  it('says busy past its concurrency, and takes new moments again once one is done', async () => {
    const r = slowRebuild();
    const moments = new ReplayMoments(r.rebuild, () => NOW, 2);
    const a = moments.get(key(NOW - 10_000));
    const b = moments.get(key(NOW - 20_000));
    expect(await moments.get(key(NOW - 30_000))).toBe('busy');
    r.release[0]?.();
    await a;
    const c = moments.get(key(NOW - 30_000));
    expect(r.calls).toHaveLength(3);
    r.release[1]?.();
    r.release[2]?.();
    await Promise.all([b, c]);
  });
});
