import { useReplaying } from '../state/replay-store.ts';
import { useSyncExternalStore } from 'react';
import { Session } from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';

const KEY = 'onemap.session';
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const parsed = Session.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? 'null'));
    return parsed.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : null;
  } catch {
    return null;
  }
}

let current: Session | null = typeof sessionStorage === 'undefined' ? null : load();

function set(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

/**
 * Who is signed in at this console (kept for the browser tab's life, like a duty shift). The
 * socket hands the token over at its handshake; without one the console is a viewer.
 */
export const session = {
  get: (): Session | null => current,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  async signIn(name: string, password: string): Promise<Session> {
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const body = (await res.json().catch(() => null)) as { description?: string } | null;
    if (!res.ok) throw new ApiError(res.status, body?.description ?? `${res.status}`);
    const s = Session.parse(body);
    set(s);
    return s;
  },
  signOut: (): void => set(null),
};

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}

/** Roles that may dispatch, acknowledge and close. */
export const canCommand = (s: Session | null): boolean =>
  s?.role === 'duty_officer' || s?.role === 'admin';

/** Planners may publish transfer plans too. */
export const canPlan = (s: Session | null): boolean => canCommand(s) || s?.role === 'planner';

/**
 * May this console send commands now: signed in with a commanding role, and showing the
 * present (commands act on the live state, never from a replay).
 */
export function useCanCommand(): boolean {
  const session = useSession();
  const replaying = useReplaying();
  return canCommand(session) && !replaying;
}
