import { describe, expect, it } from 'vitest';
import { parseWallParams } from './scenes.ts';

describe('wall link', () => {
  it('reads scenario, scenes, interval and redaction', () => {
    expect(
      parseWallParams(
        '?s=kaifeng&scenes=incidents,kpis&every=12&redact=public&screens=3x2&bezel=24',
        ['erqi', 'kaifeng'],
      ),
    ).toEqual({
      params: {
        s: 'kaifeng',
        scenes: ['incidents', 'kpis'],
        every: 12,
        redact: 'public',
        screens: [3, 2],
        bezel: 24,
      },
      problems: [],
    });
  });

  it('falls back part by part and says what was wrong', () => {
    const { params, problems } = parseWallParams(
      '?scenes=overview,moon&every=2&redact=maybe&screens=9x1&bezel=-3',
      ['erqi', 'kaifeng'],
    );
    expect(params).toEqual({
      s: 'erqi',
      scenes: ['overview', 'incidents', 'warnings', 'hydro', 'kpis'],
      every: 30,
      redact: 'none',
      screens: [1, 1],
      bezel: 0,
    });
    expect(problems).toEqual([
      'scenes=overview,moon: scenes are overview, incidents, warnings, hydro, kpis',
      'every=2: every must be 5–3600 seconds',
      'redact=maybe: redact must be none or public',
      'screens=9x1: screens must be COLSxROWS, 1–8 each, e.g. 3x2',
      'bezel=-3: bezel must be 0–200 pixels',
    ]);
  });

  it('shows the first jurisdiction the gateway serves when the link names none, or one it does not serve', () => {
    expect(parseWallParams('', ['kaifeng', 'erqi']).params.s).toBe('kaifeng');
    const { params, problems } = parseWallParams('?s=atlantis', ['erqi', 'kaifeng']);
    expect(params.s).toBe('erqi');
    expect(problems).toEqual(['s=atlantis: no jurisdiction "atlantis" on this gateway']);
  });
});
