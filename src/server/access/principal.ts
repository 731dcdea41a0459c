import type { Audience, Role, ScenarioId } from '../../shared/protocol/index.ts';
import type { KeyChannel } from './keys.ts';

/** A machine client's API key, as configured (`API_KEYS`): what it may do and where. */
export interface ApiKey {
  name: string;
  channels: ReadonlySet<KeyChannel>;
  /** Event types the `events` channel may publish. */
  events: ReadonlySet<string>;
  /** The jurisdiction its GPS and CAP reports belong to (null: named in each report). */
  scenario: ScenarioId | null;
}

/** A wall's key (`WALL_KEYS`): a wall is a principal of its own, public or internal. */
export interface WallKey {
  name: string;
  audience: Audience;
}

/**
 * Who is behind a request or a socket. Operators are people who signed in (accountable: their
 * commands and refusals are audited); walls and keys are configured machines; anyone else is
 * anonymous.
 */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'operator'; subject: string; role: Role; expiresAt: number }
  | { kind: 'wall'; wall: WallKey }
  | { kind: 'key'; key: ApiKey };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The shape of what this principal is sent (see protocol/redaction.ts). */
export function audienceOf(p: Principal): Audience {
  switch (p.kind) {
    case 'anonymous':
      return 'public';
    case 'wall':
      return p.wall.audience;
    case 'operator':
      return 'full';
    case 'key':
      return p.key.channels.has('read') ? 'full' : 'public';
  }
}

/** How the principal is named in the audit log and the gateway log. */
export function nameOf(p: Principal): string {
  switch (p.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'operator':
      return p.subject;
    case 'wall':
      return `wall:${p.wall.name}`;
    case 'key':
      return `key:${p.key.name}`;
  }
}

/** The operator's role, or null for anyone who is not a person signed in. */
export const roleOf = (p: Principal): Role | null => (p.kind === 'operator' ? p.role : null);
