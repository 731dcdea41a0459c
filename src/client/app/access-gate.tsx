import { useEffect, type ReactNode } from 'react';
import { session } from '../api/session.ts';
import { useWhoAmI } from '../api/use-whoami.ts';
import { SignInRequired } from '../features/session/sign-in-required.tsx';
import { GateScreen } from './gate-screen.tsx';

/**
 * The console opens once the gateway says this tab may read (READ_ACCESS=open, or signed in);
 * otherwise it asks for a sign-in first. If the gateway cannot be asked, the console opens and
 * shows its own connection state.
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const who = useWhoAmI();
  // A session the gateway no longer accepts (expired, secret rotated) is ended here too.
  const refused = who?.credentialError ?? null;
  useEffect(() => {
    if (refused && session.get()) session.signOut();
  }, [refused]);
  if (who && !who.canRead)
    return (
      <GateScreen>
        <SignInRequired />
      </GateScreen>
    );
  return children;
}
