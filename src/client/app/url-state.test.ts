import { describe, expect, it } from 'vitest';
import { readUrlState } from './url-state.ts';

describe('readUrlState', () => {
  it('reads a valid scenario', () => {
    expect(readUrlState('?scenario=kaifeng')).toEqual({ scenario: 'kaifeng', problems: [] });
  });

  it('defaults to erqi', () => {
    expect(readUrlState('')).toEqual({ scenario: 'erqi', problems: [] });
  });

  it('falls back and says why when the scenario is unknown', () => {
    const state = readUrlState('?scenario=atlantis');
    expect(state.scenario).toBe('erqi');
    expect(state.problems).toEqual([
      expect.stringContaining('scenario=atlantis: scenario must be "erqi"'),
    ]);
  });
});
