import type * as NodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Counts scrypt calls, so the test sees the work done for an unknown name.
const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof NodeCrypto>();
  return {
    ...crypto,
    scrypt: (...args: Parameters<typeof crypto.scrypt>) => {
      calls.n++;
      crypto.scrypt(...args);
    },
  };
});

const { hashPassword, passwordMatches } = await import('./operators.ts');

describe('passwords', () => {
  const officer = {
    name: '张值班',
    role: 'duty_officer' as const,
    secret: hashPassword('correct horse'),
  };

  it('matches the right password only', async () => {
    await expect(passwordMatches(officer, 'correct horse')).resolves.toBe(true);
    await expect(passwordMatches(officer, 'battery staple')).resolves.toBe(false);
  });

  it('does the same scrypt for an unknown name as for a known one, and fails it', async () => {
    const before = calls.n;
    await expect(passwordMatches(null, 'correct horse')).resolves.toBe(false);
    await passwordMatches(officer, 'battery staple');
    expect(calls.n - before).toBe(2);
  });

  it('hashes off the event loop: other work runs while a password is checked', async () => {
    let ticks = 0;
    const tick = () => {
      ticks++;
      if (ticks < 1_000) setImmediate(tick);
    };
    setImmediate(tick);
    await passwordMatches(officer, 'battery staple');
    // A synchronous scrypt would hold the loop until it returned: no tick before the answer.
    expect(ticks).toBeGreaterThan(0);
  });
});
