import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { session, useSession } from '../../api/session.ts';
import { AuditDialog } from '../audit/audit-dialog.tsx';

/** Who is on duty at this console: sign in for a role that may command, or sign out. */
export function SignIn() {
  const { t } = useTranslation();
  const current = useSession();
  const [auditOpen, setAuditOpen] = useState(false);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (k: string) => {
      const v = form.get(k);
      return typeof v === 'string' ? v : '';
    };
    setBusy(true);
    session
      .signIn(field('name'), field('password'))
      .then(
        () => {
          setOpen(false);
          setError(null);
        },
        (err: unknown) => setError(t('session.failed', { message: (err as Error).message })),
      )
      .finally(() => setBusy(false));
  };

  if (current)
    return (
      <div className="session" data-testid="session">
        <span>
          {current.name}（{t(`session.roles.${current.role}`)}）
        </span>
        {(current.role === 'duty_officer' || current.role === 'admin') && (
          <button type="button" data-testid="audit-button" onClick={() => setAuditOpen(true)}>
            {t('audit.button')}
          </button>
        )}
        <button type="button" onClick={session.signOut}>
          {t('session.signOut')}
        </button>
        {auditOpen && <AuditDialog session={current} onClose={() => setAuditOpen(false)} />}
      </div>
    );
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="sign-in">
        {t('session.signIn')}
      </button>
      {open && (
        <div className="dialog-backdrop" role="presentation" onClick={() => setOpen(false)}>
          <form
            className="dialog sign-in"
            role="dialog"
            aria-modal="true"
            aria-labelledby="sign-in-title"
            onClick={(e) => e.stopPropagation()}
            onSubmit={submit}
          >
            <h2 id="sign-in-title">{t('session.title')}</h2>
            <label>
              <span>{t('session.name')}</span>
              <input name="name" autoComplete="username" required autoFocus />
            </label>
            <label>
              <span>{t('session.password')}</span>
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
            {error && <p role="alert">{error}</p>}
            <div className="actions">
              <button type="button" onClick={() => setOpen(false)}>
                {t('session.cancel')}
              </button>
              <button type="submit" disabled={busy}>
                {t('session.signIn')}
              </button>
            </div>
          </form>
        </div>
      )}
    </>
  );
}
