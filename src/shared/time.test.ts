import { describe, expect, it } from 'vitest';
import { readableCst } from './time.ts';

describe('readableCst', () => {
  it('shows any ISO instant in China time, to the minute', () => {
    expect(readableCst('2021-07-20T08:00:00Z')).toBe('2021-07-20 16:00');
    expect(readableCst('2021-07-20T16:59:59+08:00')).toBe('2021-07-20 16:59');
    expect(readableCst('not a time')).toBe('not a time');
  });
});
