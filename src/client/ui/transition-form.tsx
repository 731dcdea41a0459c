import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ack, CommandDone } from '../../shared/protocol/index.ts';

/**
 * A lifecycle step as buttons, one per status the item may go to next; steps that need a reason
 * stay disabled until one is typed. Says what happened (done, or the gateway's refusal).
 */
export function TransitionForm<S extends string>({
  next,
  needsReason,
  reasonLabel,
  label,
  statusName,
  send,
  children,
}: {
  next: readonly S[];
  needsReason: (to: S) => boolean;
  reasonLabel: string;
  label: (to: S) => string;
  statusName: (to: S) => string;
  send: (to: S, reason: string | undefined) => Promise<Ack<CommandDone>>;
  /** Fields of the item's own (e.g. a deadline), above the reason. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const go = async (to: S) => {
    const r = await send(to, reason.trim() || undefined);
    setOutcome(
      r.ok
        ? { ok: true, text: t('actions.done', { status: statusName(to) }) }
        : { ok: false, text: t('actions.refused', { message: r.error }) },
    );
    if (r.ok) setReason('');
  };
  return (
    <>
      {children}
      {next.some(needsReason) && (
        <label>
          <span>{reasonLabel}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
        </label>
      )}
      <div className="buttons">
        {next.map((to) => (
          <button
            key={to}
            type="button"
            data-to={to}
            disabled={needsReason(to) && reason.trim().length < 2}
            onClick={() => void go(to)}
          >
            {label(to)}
          </button>
        ))}
      </div>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </>
  );
}
