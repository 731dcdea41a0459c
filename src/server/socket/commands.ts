import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  COMMANDS,
  type Ack,
  type CommandDone,
  type CommandName,
} from '../../shared/protocol/index.ts';
import { verifyToken, type Principal } from '../auth.ts';
import type { EventStore } from '../feed/event-store.ts';
import { auditLine, stateOf } from './audit-trail.ts';
import { executeCommand, type CommandContext } from './command-handlers.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';

export interface CommandOptions {
  /** HS256 secret of the tokens; without one every client is a viewer. */
  tokenSecret: string | null;
  /** Commands per second a client may send (burst twice that). @default 10 */
  ratePerSecond?: number;
}

const VIEWER: Principal = { subject: 'anonymous', role: 'viewer', expiresAt: Infinity };

/** Who is behind each socket, set at the handshake. */
const principals = new WeakMap<Socket, Principal>();

/** Token bucket: `rate` per second, up to `2 × rate` at once. */
function limiter(rate: number): () => boolean {
  let tokens = rate * 2;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(rate * 2, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Acknowledged commands over socket.io. The handshake turns a token into a role (no token: viewer);
 * an expired token ends the connection; each command is rate-limited, validated, checked against
 * its roles, applied once per idempotency key, and its result comes back to everyone as an event.
 */
export function attachCommands(
  io: Server,
  hub: FeedHub,
  log: EventStore,
  rejections: Rejections,
  options: CommandOptions,
  helpers: Omit<CommandContext, 'hub'>,
): void {
  const context: CommandContext = { hub, ...helpers };
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (token === undefined) {
      principals.set(socket, VIEWER);
      next();
      return;
    }
    if (typeof token !== 'string' || !options.tokenSecret) {
      rejections.count('socket', 'bad token');
      next(
        new Error(
          options.tokenSecret
            ? 'invalid token: not a string'
            : 'tokens are not accepted: no TOKEN_SECRET set',
        ),
      );
      return;
    }
    verifyToken(options.tokenSecret, token).then(
      (principal) => {
        principals.set(socket, principal);
        next();
      },
      (e: unknown) => {
        rejections.count('socket', 'bad token');
        next(e as Error);
      },
    );
  });

  // Commands run one at a time: each checks the state it changes (is the team still
  // available?) and must not interleave with another doing the same between its awaits.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  io.on('connection', (socket: Socket) => {
    const principal = principals.get(socket) ?? VIEWER;
    if (Number.isFinite(principal.expiresAt)) {
      // Node timers overflow past ~24.8 days; such tokens are re-checked by the next connection.
      const ms = Math.min(principal.expiresAt - Date.now(), 2 ** 31 - 1);
      const timer = setTimeout(() => {
        socket.emit('session:expired', { reason: 'token expired' });
        socket.disconnect(true);
      }, ms);
      socket.on('disconnect', () => clearTimeout(timer));
    }
    const allow = limiter(options.ratePerSecond ?? 10);

    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      socket.on(name, (input: unknown, reply: unknown) => {
        const respond =
          typeof reply === 'function' ? (reply as (a: Ack<CommandDone>) => void) : () => undefined;
        // Every command leaves an audit line, refused ones included (a viewer's attempt too).
        const record = (
          outcome: 'done' | 'refused',
          detail: string,
          before: unknown,
          after: unknown,
          seq: number | null,
          about: unknown = input,
        ) =>
          void log
            .appendAudit(auditLine(principal, name, about, outcome, detail, before, after, seq))
            .catch(() => rejections.count('command', 'audit not written'));
        const refuse = (reason: string, error: string) => {
          rejections.count('command', `${name} ${reason}`);
          const now = stateOf(hub, name, input);
          record('refused', error, now, now, null);
          respond({ ok: false, error });
        };
        if (!allow()) {
          refuse(
            'rate limited',
            `rate limit: at most ${options.ratePerSecond ?? 10} commands per second`,
          );
          return;
        }
        const def = COMMANDS[name];
        const parsed = def.schema.safeParse(input);
        if (!parsed.success) {
          refuse('invalid', `${name}: ${z.prettifyError(parsed.error)}`);
          return;
        }
        if (!(def.roles as readonly string[]).includes(principal.role)) {
          refuse(
            'forbidden',
            `forbidden: a ${principal.role} may not ${name} (needs ${def.roles.join(' or ')})`,
          );
          return;
        }
        const key = `${principal.subject}:${parsed.data.idempotencyKey}`;
        const run = async () => {
          const earlier = await log.recall(key);
          if (earlier !== undefined) return earlier as Ack<CommandDone>;
          const before = stateOf(hub, name, parsed.data);
          const result = await executeCommand(context, name, parsed.data, principal.subject);
          // A created entity is what the audit line is about (its id comes with the result).
          const about =
            result.ok && result.data.id ? { ...parsed.data, id: result.data.id } : input;
          const after = stateOf(hub, name, about);
          if (result.ok) {
            await log.remember(key, result);
            record('done', 'done', before, after, result.data.seq, about);
          } else {
            rejections.count('command', `${name} refused`);
            record('refused', result.error, before, after, null);
          }
          return result;
        };
        serial(run).then(respond, (error: unknown) => {
          // The store is unreachable (e.g. Redis down): say so; the client may retry with the
          // same idempotency key.
          rejections.count('command', `${name} store error`);
          respond({ ok: false, error: `not stored, try again: ${(error as Error).message}` });
        });
      });
    }
  });
}
