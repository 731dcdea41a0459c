import { afterEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../shared/protocol/index.ts';
import { Rejections } from '../metrics.ts';
import { Noise } from '../security/noise.ts';
import { AuditGate } from './audit-gate.ts';
import type { Principal } from './principal.ts';

const rejections = new Rejections();
const logged: string[] = [];
const noise = new Noise(rejections, (line) => logged.push(line), 3_600_000);
afterEach(() => noise.flush());

function gate(clock: { t: number }) {
  const rows: NewAuditEntry[] = [];
  const g = new AuditGate(
    { appendAudit: (e) => Promise.resolve(void rows.push(e)) },
    rejections,
    noise,
    () => clock.t,
  );
  return { g, rows };
}
const line = (who: { subject: string; role: NewAuditEntry['role'] }): NewAuditEntry => ({
  time: '2026-12-01T00:00:00Z',
  ...who,
  command: 'team:set-status',
  scenario: 'erqi',
  target: 'TM0001',
  outcome: 'refused',
  detail: 'forbidden',
  reason: null,
  before: null,
  after: null,
  seq: null,
});
const viewer: Principal = { kind: 'operator', subject: '王五', role: 'viewer', expiresAt: 0 };

describe('the audit gate', () => {
  it('audits 30 refusals a minute per person, counts the rest, and starts again next minute', () => {
    const clock = { t: 60_000 * 1000 };
    const { g, rows } = gate(clock);
    const before = rejections.total('command');
    for (let i = 0; i < 100; i++) g.refused(viewer, 'command', 'x forbidden', '10.0.0.9', line);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.subject === '王五' && r.role === 'viewer')).toBe(true);
    expect(rejections.total('command') - before).toBe(100);
    clock.t += 60_000;
    g.refused(viewer, 'command', 'x forbidden', '10.0.0.9', line);
    expect(rows).toHaveLength(31);
  });

  it('never audits anonymous or wall attempts, and sums them per source in one line', () => {
    const { g, rows } = gate({ t: 0 });
    const wall: Principal = { kind: 'wall', wall: { name: 'hall', audience: 'public' } };
    for (let i = 0; i < 500; i++) {
      g.refused({ kind: 'anonymous' }, 'command', 'x forbidden', `10.0.0.${i % 3}`, line);
      g.refused(wall, 'command', 'x forbidden', '10.0.1.1', line);
    }
    expect(rows).toHaveLength(0);
    noise.flush();
    expect(logged.at(-1)).toContain('refused 1000 attempts');
    expect(logged.at(-1)).toContain('10.0.1.1 command/x forbidden ×500');
  });

  it('keys audited as api_key under their name', () => {
    const { g, rows } = gate({ t: 0 });
    const key: Principal = {
      kind: 'key',
      key: { name: 'gps-box', channels: new Set(['gps']), events: new Set(), scenario: null },
    };
    g.refused(key, 'ingest:gps', 'refused', '10.0.0.5', line);
    expect(rows[0]).toMatchObject({ subject: 'key:gps-box', role: 'api_key' });
  });
});
