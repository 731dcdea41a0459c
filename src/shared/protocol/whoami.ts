import { z } from 'zod';
import { Role } from './commands.ts';
import { Audience } from './redaction.ts';

/**
 * `GET /api/whoami`: who the gateway takes the caller for and what that means — whether it may
 * read at all (`READ_ACCESS`), and the audience its answers are shaped for. The console asks it to
 * know whether to show the sign-in first; a wall to know it is public.
 */
export const WhoAmI = z.object({
  kind: z.enum(['anonymous', 'operator', 'wall', 'key']),
  name: z.string().nullable(),
  role: Role.nullable(),
  audience: Audience,
  /** Whether this caller may read the read API (false: sign in first). */
  canRead: z.boolean(),
  readAccess: z.enum(['open', 'signed-in']),
  /** The credential presented was refused (expired token, unknown or revoked key): why. */
  credentialError: z.string().nullable(),
});
export type WhoAmI = z.infer<typeof WhoAmI>;
