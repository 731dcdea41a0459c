import type { z } from 'zod';
import type {
  Ack,
  CommandDone,
  CommandName,
  COMMANDS,
  FeedSubscribe,
  FeedSubscribed,
} from './commands.ts';
import type { FeedEvent } from './feed-event.ts';
import type { PositionFrameWire } from './positions.ts';
import type { ScenarioId } from './common.ts';
import type { LogHealth } from './log-health.ts';

/** A feed event as the gateway sends it: `prev` is the scenario's previous seq (holes show). */
export type SentEvent = FeedEvent & { prev?: number };

/** What a command carries on the socket: its schema's input, plus the idempotency key. */
export type CommandInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]['schema']>;

/** Messages the gateway sends to a console or wall. */
export interface ServerToClientEvents {
  /** Events of the scenarios the socket follows, each once, in seq order per scenario. */
  'feed:batch': (events: SentEvent[]) => void;
  /** Live positions of moving teams, packed (see positions.ts). */
  'positions:frame': (frame: PositionFrameWire) => void;
  /** The signed-in session ran out: the console signs out. */
  'session:expired': (why: { reason: string }) => void;
  /** A new version of the jurisdiction's data is served (an import): read it again. */
  'scenario:version': (v: { scenario: ScenarioId; version: string }) => void;
  /**
   * The log went back under the gateway (Redis restored from an older snapshot): its live state
   * was rebuilt from the log; subscribe again (the answer says `rewound`).
   */
  'feed:rewound': (v: { logId: string }) => void;
  /** The event log stopped (or started again) taking writes; sent on connection while it is full. */
  'log:health': (v: LogHealth) => void;
}

/** Messages a console sends: the feed subscription and every command, each acknowledged. */
export type ClientToServerEvents = {
  'feed:subscribe': (input: FeedSubscribe, ack: (answer: Ack<FeedSubscribed>) => void) => void;
} & {
  [N in CommandName]: (input: CommandInput<N>, ack: (answer: Ack<CommandDone>) => void) => void;
};

/**
 * The receiving side's view of the other side's messages: nothing from the wire is trusted
 * until its schema has parsed it, so handlers get `unknown` (the acknowledgement too: a client
 * may send no callback at all).
 */
export type Untrusted<Events> = {
  [K in keyof Events]: (input: unknown, ack: unknown) => void;
};
