import { describe, expect, it } from 'vitest';
import { parseWallParams } from './scenes.ts';

describe('wall link', () => {
  it('reads scenario, scenes, interval and redaction', () => {
    expect(parseWallParams('?s=kaifeng&scenes=incidents,kpis&every=12&redact=public')).toEqual({
      params: { s: 'kaifeng', scenes: ['incidents', 'kpis'], every: 12, redact: 'public' },
      problems: [],
    });
  });

  it('falls back part by part and says what was wrong', () => {
    const { params, problems } = parseWallParams('?scenes=overview,moon&every=2&redact=maybe');
    expect(params).toEqual({
      s: 'erqi',
      scenes: ['overview', 'incidents', 'warnings', 'kpis'],
      every: 30,
      redact: 'none',
    });
    expect(problems).toEqual([
      'scenes=overview,moon: scenes are overview, incidents, warnings, kpis',
      'every=2: every must be 5–3600 seconds',
      'redact=maybe: redact must be none or public',
    ]);
  });
});
