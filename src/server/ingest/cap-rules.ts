import type { Warning } from '../../shared/protocol/index.ts';

export type CapDecision =
  | { kind: 'publish' }
  /** Accepted and recorded, but not shown as a warning (CAP: recipients disregard it). */
  | { kind: 'ignore'; reason: string }
  | { kind: 'refuse'; reason: string };

/**
 * What a parsed CAP message may do to the live warnings. `Actual` and `Exercise` messages show
 * (an exercise one marked as such by its status); `Test`, `Draft` and `System` never show as
 * warnings. A message past its `expires` is refused. An Update or Cancel may only come from the
 * sender of what it references: another sender cannot withdraw a red warning.
 */
export function capDecision(
  warning: Warning,
  live: ReadonlyMap<string, Warning>,
  now: number,
): CapDecision {
  if (warning.status === 'Test' || warning.status === 'Draft' || warning.status === 'System')
    return {
      kind: 'ignore',
      reason: `status ${warning.status}: recorded, not shown as a warning (CAP: recipients disregard it)`,
    };
  if (Date.parse(warning.expires) <= now)
    return { kind: 'refuse', reason: `the alert expired at ${warning.expires}` };
  if (warning.msgType === 'Alert') {
    const shown = live.get(warning.identifier);
    return shown && shown.sender !== warning.sender
      ? {
          kind: 'refuse',
          reason: `identifier ${warning.identifier} is already a warning from ${shown.sender}`,
        }
      : { kind: 'publish' };
  }
  const referenced = warning.references.map((r) => {
    const [sender = '', identifier = ''] = r.split(',');
    return { sender, identifier, shown: live.get(identifier) };
  });
  const foreign = referenced.find(
    (r) => r.sender !== warning.sender || (r.shown && r.shown.sender !== warning.sender),
  );
  if (foreign)
    return {
      kind: 'refuse',
      reason: `${warning.msgType} from ${warning.sender} references ${foreign.identifier} of ${foreign.shown?.sender ?? foreign.sender}: only its sender may update or cancel it`,
    };
  if (warning.msgType === 'Cancel' && !referenced.some((r) => r.shown))
    return {
      kind: 'refuse',
      reason: `nothing to cancel: ${referenced.map((r) => r.identifier).join(', ')} is not a live warning (expired or never received)`,
    };
  return { kind: 'publish' };
}
