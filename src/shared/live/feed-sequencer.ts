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
}

const step = (patch: Partial<SequencerStep> = {}): SequencerStep => ({
  events: [],
  refused: [],
  fill: null,
  resync: false,
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
  private holding = false;
  private held: unknown[] = [];

  constructor(private readonly scenario: ScenarioId) {}

  /** About to subscribe: hold live events until the answer; returns the `sinceSeq` to ask for. */
  subscribing(): number {
    this.holding = true;
    return this.lastSeq;
  }

  /** The gateway's answer to the subscription. */
  subscribed(ack: FeedSubscribed): SequencerStep {
    if (this.lastSeq === 0 || ack.resync) {
      // First contact, or a gap older than the gateway keeps: snapshots, then follow from `seq`.
      this.lastSeq = ack.seq;
      return { ...this.release([]), resync: true };
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

  /** The log's events after the hole. */
  filled(events: readonly unknown[]): SequencerStep {
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
      out.events.push(e);
    }
    return out;
  }
}
