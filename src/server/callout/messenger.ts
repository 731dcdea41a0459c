import type { Callout } from '../../shared/protocol/index.ts';

/** One round's message to one person: the SMS text (with the link) and the voice call's words. */
export interface CallMessage {
  scenario: string;
  callout: Callout;
  attempt: number;
  /** The one-time answer link (also what the provider hands back in its voice receipt). */
  token: string;
  link: string;
  sms: string;
  voice: string;
}

/** What a provider said to one send: its id for the message, or why it failed. */
export type SendResult = { ok: true; id: string } | { ok: false; error: string };

/**
 * A messaging provider: an SMS with the answer link and a voice call whose key press answers.
 * `loopback` keeps what it would send (the exercise and the tests); `aliyun` speaks Alibaba Cloud's
 * Dysmsapi / Dyvmsapi. A provider that cannot be reached fails the send, never the round.
 */
export interface Messenger {
  readonly name: 'loopback' | 'aliyun';
  /** Whether messages really reach phones (the board says so when they do not). */
  readonly delivers: boolean;
  sms(m: CallMessage): Promise<SendResult>;
  voice(m: CallMessage): Promise<SendResult>;
}
