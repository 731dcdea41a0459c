import type { GatewayServer, GatewaySocket } from './gateway-io.ts';
import { z } from 'zod';
import {
  COMMANDS,
  type Ack,
  type CommandDone,
  type CommandName,
} from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { EventStore } from '../feed/event-store.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import { limiter } from '../security/flood-guard.ts';
import type { Noise } from '../security/noise.ts';
import { auditLine, stateOf } from './audit-trail.ts';
import { executeCommand, type CommandContext } from './command-handlers.ts';
import { addressOf, principalOf } from './socket-guard.ts';

export interface CommandOptions {
  /** Commands per second a client may send (burst twice that), per socket and per person. @default 10 */
  ratePerSecond?: number;
}

/**
 * Acknowledged commands over socket.io (the socket guard has turned the handshake's credential
 * into a principal). An operator's token that expires ends the connection; each command is
 * rate-limited (per socket and per person, so more sockets buy no more), validated, checked
 * against its roles, applied once per idempotency key, and its result comes back to everyone as
 * an event. Only what accountable people did or were refused reaches the audit; the rest is
 * noise, counted and summarised.
 */
export function attachCommands(
  io: GatewayServer,
  hub: FeedHub,
  log: EventStore,
  audit: AuditGate,
  noise: Noise,
  options: CommandOptions,
  helpers: Omit<CommandContext, 'hub'>,
): void {
  const context: CommandContext = { hub, ...helpers };
  const rate = options.ratePerSecond ?? 10;
  const perPerson = new Map<string, () => boolean>();

  // Commands run one at a time: each checks the state it changes (is the team still
  // available?) and must not interleave with another doing the same between its awaits.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  io.on('connection', (socket: GatewaySocket) => {
    const principal = principalOf(socket);
    const address = addressOf(socket);
    // Only a person signed in may command (anyone else is refused by role below).
    const operator = principal.kind === 'operator' ? principal : null;
    if (operator) {
      // Node timers overflow past ~24.8 days; such tokens are re-checked by the next connection.
      const ms = Math.min(operator.expiresAt - Date.now(), 2 ** 31 - 1);
      const timer = setTimeout(() => {
        socket.emit('session:expired', { reason: 'token expired' });
        socket.disconnect(true);
      }, ms);
      socket.on('disconnect', () => clearTimeout(timer));
    }
    const mine = limiter(rate);
    const person = () => {
      if (!operator) return true;
      let bucket = perPerson.get(operator.subject);
      if (!bucket) perPerson.set(operator.subject, (bucket = limiter(rate)));
      return bucket();
    };

    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      socket.on(name, (input: unknown, reply: unknown) => {
        const respond =
          typeof reply === 'function' ? (reply as (a: Ack<CommandDone>) => void) : () => undefined;
        if (!mine() || !person()) {
          noise.record('command', `${name} rate limited`, address);
          respond({ ok: false, error: `rate limit: at most ${rate} commands per second` });
          return;
        }
        const def = COMMANDS[name];
        const parsed = def.schema.safeParse(input);
        if (!parsed.success) {
          noise.record('command', `${name} invalid`, address);
          respond({ ok: false, error: `${name}: ${z.prettifyError(parsed.error)}` });
          return;
        }
        /** A refusal: audited when an operator made it (within their budget), else noise. */
        const refuse = (reason: string, error: string, before: unknown, after: unknown) => {
          audit.refused(principal, 'command', `${name} ${reason}`, address, (who) =>
            auditLine(who, name, input, 'refused', error, before, after, null),
          );
          return { ok: false as const, error };
        };
        if (!operator || !(def.roles as readonly string[]).includes(operator.role)) {
          const now = operator ? stateOf(hub, name, input) : null;
          const who =
            operator?.role ?? (principal.kind === 'anonymous' ? 'viewer' : principal.kind);
          respond(
            refuse(
              'forbidden',
              `forbidden: a ${who} may not ${name} (needs ${def.roles.join(' or ')})`,
              now,
              now,
            ),
          );
          return;
        }
        const { subject } = operator;
        const key = `${subject}:${parsed.data.idempotencyKey}`;
        const run = async () => {
          const earlier = await log.recall(key);
          if (earlier !== undefined) return earlier as Ack<CommandDone>;
          const before = stateOf(hub, name, parsed.data);
          const result = await executeCommand(context, name, parsed.data, subject, key);
          // A created entity is what the audit line is about (its id comes with the result).
          const about =
            result.ok && result.data.id ? { ...parsed.data, id: result.data.id } : input;
          const after = stateOf(hub, name, about);
          if (!result.ok) return refuse('refused', result.error, before, after);
          killForFaultTest();
          // Written before the answer: an answered command has its audit line.
          await audit.done(
            auditLine(operator, name, about, 'done', 'done', before, after, result.data.seq),
          );
          return result;
        };
        serial(run).then(respond, (error: unknown) => {
          // The store is unreachable (e.g. Redis down): say so; the client may retry with the
          // same idempotency key.
          noise.record('command', `${name} store error`, address);
          respond({ ok: false, error: `not stored, try again: ${(error as Error).message}` });
        });
      });
    }
  });
}

/**
 * Fault injection for the kill test (tests/gateway/command-kill.test.ts): with
 * COMMAND_KILL_AFTER_COMMIT=1 the process dies right after a command's commit, before its audit
 * line and its answer — the worst moment for a retry. Unset in production: nothing happens.
 */
function killForFaultTest(): void {
  if (process.env.COMMAND_KILL_AFTER_COMMIT === '1') process.kill(process.pid, 'SIGKILL');
}
