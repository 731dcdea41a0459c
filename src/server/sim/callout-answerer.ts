import type { AnswerBody, AnswerChannel, OutboxMessage } from '../../shared/protocol/index.ts';
import { Rng } from '../../shared/random.ts';
import type { LoopbackMessenger } from '../callout/loopback-messenger.ts';
import type { CallMessage } from '../callout/messenger.ts';

/** Share of the exercise's persons who never answer (phone off, out of coverage, asleep). */
const NEVER = 0.1;
/** Median seconds to answer the first round, and a later one (woken by the second call). */
const FIRST_MEDIAN_S = 100;
const LATER_MEDIAN_S = 45;
/** Log-normal spread: about a quarter of first rounds run past five minutes. */
const SIGMA = 0.8;

/**
 * The exercise's responsible persons: they answer the loopback's calls the way people do — most
 * within a few minutes, some only after the second call, some never; by key press or by the
 * link; a village head may later report 已组织转移 or 需要支援. Each person behaves the same in
 * every run of the same seed. Real seconds: a call is a call, whatever the simulator's speed.
 */
export class CalloutAnswerer {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private on = false;

  constructor(
    messenger: LoopbackMessenger,
    private readonly answer: (
      token: string,
      body: AnswerBody,
      channel: AnswerChannel,
    ) => Promise<unknown>,
    private readonly seed: number,
    private readonly onError: (e: unknown) => void,
  ) {
    messenger.onSend((m, sent) => this.heard(m, sent));
  }

  run(on: boolean): void {
    this.on = on;
    if (!on) {
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
    }
  }

  private later(seconds: number, job: () => Promise<unknown>): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.on) void job().catch(this.onError);
    }, seconds * 1000);
    t.unref();
    this.timers.add(t);
  }

  private heard(m: OutboxMessage, sent: CallMessage): void {
    // One reaction per round: to the voice call (the SMS of the same round is read with it).
    if (!this.on || m.kind !== 'voice') return;
    const person = new Rng(`${this.seed}:${sent.callout.person}`);
    if (person.chance(NEVER)) return;
    const round = new Rng(`${this.seed}:${sent.callout.id}:${m.attempt}`);
    const median = m.attempt === 1 ? FIRST_MEDIAN_S : LATER_MEDIAN_S;
    const delay = Math.min(1_800, median * Math.exp(round.normal(0, SIGMA)));
    const channel: AnswerChannel = round.chance(0.6) ? 'voice' : 'link';
    this.later(delay, () => this.answer(sent.token, { answer: 'received' }, channel));
    if (sent.callout.tier !== 'village' || !round.chance(0.4)) return;
    const report: AnswerBody['answer'] = round.chance(0.15) ? 'need-support' : 'transferring';
    this.later(delay + round.range(120, 600), () =>
      this.answer(sent.token, { answer: report }, 'link'),
    );
  }
}
