import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId, Session } from '../../../shared/protocol/index.ts';
import { DataAdminDialog } from './data-admin-dialog.tsx';

/** 数据管理 beside the operator's name, for administrators (the gateway refuses anyone else). */
export function DataAdminButton({ session, scenario }: { session: Session; scenario: ScenarioId }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (session.role !== 'admin') return null;
  return (
    <>
      <button type="button" data-testid="data-admin-button" onClick={() => setOpen(true)}>
        {t('dataAdmin.button')}
      </button>
      {open && (
        <DataAdminDialog scenario={scenario} session={session} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
