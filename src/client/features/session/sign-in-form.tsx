import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { session } from '../../api/session.ts';

/** Name and password; signs in at the gateway and says why when it fails. */
export function SignInForm({
  onDone,
  onCancel,
  className = 'dialog sign-in',
}: {
  onDone: () => void;
  onCancel?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
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
          setError(null);
          onDone();
        },
        (err: unknown) => setError(t('session.failed', { message: (err as Error).message })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form
      className={className}
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
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('session.cancel')}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {t('session.signIn')}
        </button>
      </div>
    </form>
  );
}
