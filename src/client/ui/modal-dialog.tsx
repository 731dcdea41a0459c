import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal dialog with its title and ×: a click outside it or on × closes it. */
export function ModalDialog({
  title,
  className,
  testId,
  onClose,
  children,
}: {
  title: string;
  /** Extra class of the dialog (its width, its table). */
  className: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className={`dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" onClick={onClose} aria-label={t('details.close')}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
