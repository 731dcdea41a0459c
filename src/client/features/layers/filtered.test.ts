import { describe, expect, it } from 'vitest';
import { quantileBreaks } from './filtered.ts';

describe('quantileBreaks', () => {
  it('splits values into classes of about equal size', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
  });

  it('drops repeated and minimum breaks', () => {
    expect(quantileBreaks([0, 0, 0, 0, 5])).toEqual([5]);
    expect(quantileBreaks([])).toEqual([]);
  });
});
