import { describe, expect, it } from 'vitest';
import { clockCst, hhmmCst, readableCst } from './time.ts';

describe('readableCst', () => {
  it('shows any ISO instant in China time, to the minute', () => {
    expect(readableCst('2021-07-20T08:00:00Z')).toBe('2021-07-20 16:00');
    expect(readableCst('2021-07-20T16:59:59+08:00')).toBe('2021-07-20 16:59');
    expect(readableCst('not a time')).toBe('not a time');
  });
});

describe('clockCst', () => {
  it('gives the time of day in China whatever the machine runs in', () => {
    expect(clockCst(Date.parse('2021-07-20T08:00:05Z'))).toBe('16:00:05');
    expect(clockCst(Date.parse('2021-07-20T20:30:00Z'))).toBe('04:30:00');
  });
});

describe('hhmmCst', () => {
  it('gives hours and minutes in China whatever zone the instant is written in', () => {
    expect(hhmmCst('2021-07-20T08:59:59Z')).toBe('16:59');
    expect(hhmmCst('2021-07-20T16:00:00+08:00')).toBe('16:00');
    expect(hhmmCst('not a time')).toBe('');
  });
});
