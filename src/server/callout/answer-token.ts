import { LinkTokens } from '../security/link-tokens.ts';

/**
 * The one-time answer links: the body names the jurisdiction and the callout. A link dies with
 * its callout (the warning ends) — the one thing it can do is answer that one call.
 */
export class AnswerTokens {
  private readonly links: LinkTokens;

  constructor(secret: string) {
    this.links = new LinkTokens(secret, 'answer');
  }

  sign(scenario: string, callout: string): string {
    return this.links.sign(scenario, callout);
  }

  /** The jurisdiction and callout a token names, or null when it was not made here. */
  read(token: string): { scenario: string; callout: string } | null {
    const [scenario, callout] = this.links.read(token, 2) ?? [];
    return scenario && callout ? { scenario, callout } : null;
  }
}
