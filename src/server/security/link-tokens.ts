import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links that are their own credential (a 叫应 answer, a shelter's check-in door): `<body>.<mac>`
 * where the body names what the link may do and the MAC (HMAC-SHA256 cut to 128 bits, keyed by
 * purpose) proves the gateway made it. Nothing is stored, so every node of a scaled-out gateway
 * checks a link alike; a link of one purpose is no link of another.
 */
export class LinkTokens {
  constructor(
    private readonly secret: string,
    private readonly purpose: string,
  ) {}

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret)
      .update(`${this.purpose}:${body}`)
      .digest()
      .subarray(0, 16);
  }

  /** A token for these parts (none may contain "/"). */
  sign(...parts: string[]): string {
    if (parts.some((p) => p.length === 0 || p.includes('/')))
      throw new Error('link parts must be non-empty and contain no "/"');
    const body = Buffer.from(parts.join('/')).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The parts a token carries, or null when it was not made here for this purpose and size. */
  read(token: string, size: number): string[] | null {
    const m = /^([\w-]{4,200})\.([\w-]{22})$/.exec(token);
    if (!m?.[1] || !m[2]) return null;
    const given = Buffer.from(m[2], 'base64url');
    const want = this.mac(m[1]);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
    const parts = Buffer.from(m[1], 'base64url').toString().split('/');
    return parts.length === size && parts.every((p) => p.length > 0) ? parts : null;
  }
}
