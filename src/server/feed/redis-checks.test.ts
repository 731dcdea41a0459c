import { describe, expect, it } from 'vitest';
import { durabilityProblems } from './redis-checks.ts';

const persistence = (aof: 0 | 1) => `# Persistence\r\nloading:0\r\naof_enabled:${aof}\r\n`;
const memory = (policy: string) => `# Memory\r\nused_memory:1000\r\nmaxmemory_policy:${policy}\r\n`;

describe('durabilityProblems', () => {
  it('accepts a Redis with its append-only file on that never evicts', () => {
    expect(durabilityProblems(persistence(1), memory('noeviction'))).toEqual([]);
  });

  it('names each missing promise and the setting that gives it', () => {
    const problems = durabilityProblems(persistence(0), memory('allkeys-lru'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/appendonly is off.*appendonly yes/);
    expect(problems[1]).toMatch(/maxmemory-policy is allkeys-lru.*noeviction/);
  });

  it('does not take a missing field for a promise', () => {
    expect(durabilityProblems('', '')).toHaveLength(2);
  });
});
