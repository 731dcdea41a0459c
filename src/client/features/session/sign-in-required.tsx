import { useTranslation } from 'react-i18next';
import { SignInForm } from './sign-in-form.tsx';

/**
 * The whole console when the gateway serves its data to signed-in users only
 * (READ_ACCESS=signed-in): the sign-in, and why, over an empty workspace — nothing stale or
 * half-loaded is shown.
 */
export function SignInRequired() {
  const { t } = useTranslation();
  return (
    <div className="sign-in-required" data-testid="sign-in-required">
      <p className="hint">{t('session.required')}</p>
      <SignInForm onDone={() => undefined} className="dialog sign-in" />
    </div>
  );
}
