import {
  parseFeedEvent,
  type FeedEvent,
  type FeedSubscribed,
  type ScenarioId,
} from '../protocol/index.ts';

/** What the client should do after the sequencer took something in. */
export interface SequencerStep {
  /** New events, in seq order, each once: apply them. */
  events: FeedEvent[];
  /** Messages refused by the contract (a gateway/client mismatch), with the reason. */
  refused: string[];
  /** A hole after this seq: fetch the scenario's log after it, then call `filled`. */
  fill: number | null;
  /** The gap cannot be closed from the log: refetch the snapshots, then follow. */
  resync: boolean;
  /**
   * With `resync`: what was applied is void (another log, or this one went back past it) —
   * drop what is held for re-application, and tell the user the picture was rebuilt.
   */
  rewound: boolean;
}

const step = (patch: Partial<SequencerStep> = {}): SequencerStep => ({
  events: [],
  refused: [],
  fill: null,
  resync: false,
  rewound: false,
  ...patch,
});

const seqOf = (raw: unknown): number => {
  const seq = (raw as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : 0;
};

/**
 * The order of one scenario's feed, without a socket or a clock: every event applied once, in
 * seq order, with no hole. Live events that arrive while a replay or a fill is on its way are
 * held and merged after it (a broadcast may overtake the answer that precedes it); a hole the
 * `prev` field reveals asks for a fill from the log; a gap older than the log asks for a resync.
 */
export class FeedSequencer {
  /** The last event taken in (0 before the first contact). */
  lastSeq = 0;
  /** The time of the event at `lastSeq` as the log gave it (its fingerprint there). */
  private lastTime: string | null = null;
  /** The log followed (the gateway's `logId`). */
  private logId: string | null = null;
  private holding = false;
  private held: unknown[] = [];

  constructor(private readonly scenario: ScenarioId) {}

  /** About to subscribe: hold live events until the answer; returns the `sinceSeq` to ask for. */
  subscribing(): number {
    this.holding = true;
    return this.lastSeq;
  }

  /** What a resuming subscription says besides `sinceSeq`: the log and the event it saw last. */
  get resume(): { sinceTime?: string; logId?: string } {
    return {
      ...(this.lastTime ? { sinceTime: this.lastTime } : {}),
      ...(this.logId ? { logId: this.logId } : {}),
    };
  }

  /** The gateway's answer to the subscription. */
  subscribed(ack: FeedSubscribed): SequencerStep {
    this.logId = ack.logId;
    if (this.lastSeq === 0 || ack.resync) {
      // First contact, or a gap older than the gateway keeps, or a log that is not the one
      // followed: snapshots, then follow from `seq` (even when it is lower than ours).
      this.lastSeq = ack.seq;
      this.lastTime = ack.seqTime;
      return { ...this.release([]), resync: true, rewound: ack.rewound };
    }
    return this.release(ack.replay);
  }

  /** The subscription was refused: let held events through (they are newer than ours). */
  refusedSubscription(): SequencerStep {
    return this.release([]);
  }

  /** One live event from the socket. */
  receive(raw: unknown): SequencerStep {
    if (this.holding) {
      this.held.push(raw);
      return step();
    }
    const prev = (raw as { prev?: unknown } | null)?.prev;
    if (typeof prev === 'number' && this.lastSeq > 0 && prev > this.lastSeq) {
      // A hole in this scenario's sequence: hold what comes until the log has filled it.
      this.holding = true;
      this.held.push(raw);
      return step({ fill: this.lastSeq });
    }
    return this.release([raw]);
  }

  /** The log's events after the hole, and the log they came from. */
  filled(events: readonly unknown[], logId: string | null = null): SequencerStep {
    if (logId !== null && this.logId !== null && logId !== this.logId) {
      // The hole was filled from another log: nothing held fits. Subscribe again as on first
      // contact (live events are held until its answer), then snapshots.
      this.held = [];
      this.holding = true;
      this.lastSeq = 0;
      this.lastTime = null;
      this.logId = null;
      return step({ resync: true, rewound: true });
    }
    return this.release(events);
  }

  /** The log could not fill the hole (it no longer holds it, or the gateway is away). */
  fillFailed(): SequencerStep {
    return { ...this.release([]), resync: true };
  }

  /** `first` and then everything held back, in seq order, each event once. */
  private release(first: readonly unknown[]): SequencerStep {
    const all = [...first, ...this.held].sort((a, b) => seqOf(a) - seqOf(b));
    this.held = [];
    this.holding = false;
    const out = step();
    for (const raw of all) {
      const parsed = parseFeedEvent(raw);
      if (!parsed.ok) {
        out.refused.push(parsed.error);
        continue;
      }
      const e = parsed.value;
      if (e.scenario !== this.scenario || e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      this.lastTime = e.time;
      out.events.push(e);
    }
    return out;
  }
}
