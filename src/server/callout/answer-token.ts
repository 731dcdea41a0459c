import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-time answer links: `<callout>.<mac>` where the callout part names the jurisdiction
 * and the callout, and the MAC (HMAC-SHA256, 128 bits) proves the gateway made it. Nothing is
 * stored: every node of a scaled-out gateway checks a link alike, and a link dies with its callout
 * (the warning ends) — the one thing it can do is answer that one call.
 */
export class AnswerTokens {
  constructor(private readonly secret: string) {}

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(`answer:${body}`).digest().subarray(0, 16);
  }

  sign(scenario: string, callout: string): string {
    const body = Buffer.from(`${scenario}/${callout}`).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The jurisdiction and callout a token names, or null when it was not made here. */
  read(token: string): { scenario: string; callout: string } | null {
    const m = /^([\w-]{4,120})\.([\w-]{22})$/.exec(token);
    if (!m?.[1] || !m[2]) return null;
    const given = Buffer.from(m[2], 'base64url');
    const want = this.mac(m[1]);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
    const [scenario, callout, ...rest] = Buffer.from(m[1], 'base64url').toString().split('/');
    return scenario && callout && rest.length === 0 ? { scenario, callout } : null;
  }
}
