import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/protocol/index.ts';
import { session, useSession } from '../../api/session.ts';
import { SignInForm } from './sign-in-form.tsx';

/**
 * Who is on duty at this console: sign in for a role that may command, or sign out. `tools`
 * are what the signed-in operator gets beside their name (the shell passes the audit log's).
 */
export function SignIn({ tools }: { tools?: (session: Session) => ReactNode }) {
  const { t } = useTranslation();
  const current = useSession();
  const [open, setOpen] = useState(false);

  if (current)
    return (
      <div className="session" data-testid="session">
        <span>
          {current.name}（{t(`session.roles.${current.role}`)}）
        </span>
        {tools?.(current)}
        <button type="button" onClick={session.signOut}>
          {t('session.signOut')}
        </button>
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
