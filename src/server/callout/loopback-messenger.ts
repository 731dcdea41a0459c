import type { OutboxMessage } from '../../shared/protocol/index.ts';
import type { CallMessage, Messenger, SendResult } from './messenger.ts';

/** How many messages the outbox keeps per jurisdiction (the oldest go first). */
const KEPT = 2_000;

/**
 * The provider for the exercise and the tests: nothing leaves the machine. What it "sent" is kept
 * in an outbox (admins read it, the exercise's persons answer from it) and announced to listeners.
 */
export class LoopbackMessenger implements Messenger {
  readonly name = 'loopback';
  readonly delivers = false;
  private readonly boxes = new Map<string, OutboxMessage[]>();
  private readonly listeners: ((m: OutboxMessage, sent: CallMessage) => void)[] = [];
  private n = 0;

  onSend(listener: (m: OutboxMessage, sent: CallMessage) => void): void {
    this.listeners.push(listener);
  }

  outbox(scenario: string): readonly OutboxMessage[] {
    return this.boxes.get(scenario) ?? [];
  }

  sms(m: CallMessage): Promise<SendResult> {
    return Promise.resolve(this.keep(m, 'sms', m.sms));
  }

  voice(m: CallMessage): Promise<SendResult> {
    return Promise.resolve(this.keep(m, 'voice', m.voice));
  }

  private keep(m: CallMessage, kind: OutboxMessage['kind'], text: string): SendResult {
    const message: OutboxMessage = {
      id: `loop-${++this.n}`,
      at: new Date().toISOString(),
      kind,
      to: m.callout.phone,
      callout: m.callout.id,
      attempt: m.attempt,
      text,
      link: m.link,
    };
    let box = this.boxes.get(m.scenario);
    if (!box) this.boxes.set(m.scenario, (box = []));
    box.push(message);
    if (box.length > KEPT) box.splice(0, box.length - KEPT);
    for (const l of this.listeners) l(message, m);
    return { ok: true, id: message.id };
  }
}
