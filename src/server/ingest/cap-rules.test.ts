import { describe, expect, it } from 'vitest';
import type { Warning } from '../../shared/protocol/index.ts';
import { capDecision } from './cap-rules.ts';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const warning = (patch: Partial<Warning> = {}): Warning =>
  ({
    identifier: 'W1',
    sender: 'zzqx@cma.example',
    status: 'Actual',
    msgType: 'Alert',
    references: [],
    expires: '2026-12-02T08:00:00Z',
    ...patch,
  }) as Warning;
const live = new Map([['W1', warning()]]);

describe('CAP rules', () => {
  it.each(['Test', 'Draft', 'System'] as const)(
    'never shows a %s message as a warning',
    (status) => {
      expect(capDecision(warning({ identifier: 'W9', status }), live, NOW).kind).toBe('ignore');
    },
  );

  it('shows Actual and Exercise alerts, refuses an expired one', () => {
    expect(capDecision(warning({ identifier: 'W2' }), live, NOW).kind).toBe('publish');
    expect(capDecision(warning({ identifier: 'W2', status: 'Exercise' }), live, NOW).kind).toBe(
      'publish',
    );
    expect(
      capDecision(warning({ identifier: 'W2', expires: '2026-12-01T07:59:59Z' }), live, NOW),
    ).toMatchObject({
      kind: 'refuse',
    });
  });

  it('lets only the sender update or cancel its warning, and cancel only what is live', () => {
    const ref = (sender: string, id = 'W1') => [`${sender},${id},2026-12-01T07:00:00Z`];
    const update = (sender: string) =>
      warning({ identifier: 'W1-2', msgType: 'Update', sender, references: ref(sender) });
    expect(capDecision(update('zzqx@cma.example'), live, NOW).kind).toBe('publish');
    expect(capDecision(update('prankster@example'), live, NOW)).toMatchObject({ kind: 'refuse' });
    // Naming the right sender in the reference does not help a foreign message.
    const forged = warning({
      identifier: 'W1-3',
      msgType: 'Cancel',
      sender: 'prankster@example',
      references: ref('zzqx@cma.example'),
    });
    expect(capDecision(forged, live, NOW)).toMatchObject({ kind: 'refuse' });
    const stale = warning({
      identifier: 'W1-4',
      msgType: 'Cancel',
      references: ref('zzqx@cma.example', 'GONE'),
    });
    expect(capDecision(stale, live, NOW)).toMatchObject({ kind: 'refuse' });
    // An Alert may not take over another sender's identifier.
    expect(capDecision(warning({ sender: 'prankster@example' }), live, NOW)).toMatchObject({
      kind: 'refuse',
    });
  });
});
