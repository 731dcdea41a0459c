import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/protocol/index.ts';
import { AuditDialog } from './audit-dialog.tsx';

/** 审计日志 beside the operator's name, for the roles that may read it (duty officers, admins). */
export function AuditButton({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (session.role !== 'duty_officer' && session.role !== 'admin') return null;
  return (
    <>
      <button type="button" data-testid="audit-button" onClick={() => setOpen(true)}>
        {t('audit.button')}
      </button>
      {open && <AuditDialog session={session} onClose={() => setOpen(false)} />}
    </>
  );
}
