import { describe, expect, it } from 'vitest';
import { Rejections, typeLabel } from './metrics.ts';

describe('Rejections', () => {
  it('labels events by the contract’s types only: anything else is "other"', () => {
    expect(typeLabel('incident:open')).toBe('incident:open');
    expect(typeLabel('zz:made-up')).toBe('other');
  });

  it('stops making new series past its budget of reasons: a flood of distinct reasons is counted as "other"', async () => {
    const r = new Rejections();
    for (let i = 0; i < 5_000; i++) r.count('ingest', `reason ${i}`);
    const text = await r.registry.metrics();
    const series = text.split('\n').filter((l) => l.startsWith('onemap_rejected_total{'));
    expect(series.length).toBeLessThanOrEqual(1_001);
    expect(text).toContain('onemap_rejected_total{channel="ingest",reason="other"} 4000');
    expect(r.total('ingest')).toBe(5_000);
  });

  it('says how fast the log grew over the last hour of scrapes', async () => {
    const r = new Rejections();
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    r.observeLog(1_000_000, 0, true, t0);
    r.observeLog(1_500_000, 0, true, t0 + 30 * 60_000);
    expect((await r.logGrowth.get()).values[0]?.value).toBe(1_000_000);
    // Retention shrank it: growth goes negative rather than pretending.
    r.observeLog(900_000, 600_000, true, t0 + 60 * 60_000);
    expect((await r.logGrowth.get()).values[0]?.value).toBe(-100_000);
  });
});
