import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { session, useSession } from '../../api/session.ts';
import { AuditDialog } from '../audit/audit-dialog.tsx';
import { SignInForm } from './sign-in-form.tsx';

/** Who is on duty at this console: sign in for a role that may command, or sign out. */
export function SignIn() {
  const { t } = useTranslation();
  const current = useSession();
  const [auditOpen, setAuditOpen] = useState(false);
  const [open, setOpen] = useState(false);

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
          <SignInForm onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
        </div>
      )}
    </>
  );
}
