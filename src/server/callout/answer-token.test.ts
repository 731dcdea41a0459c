import { describe, expect, it } from 'vitest';
import { AnswerTokens } from './answer-token.ts';

describe('answer links', () => {
  const tokens = new AnswerTokens('s'.repeat(32));

  it('names the jurisdiction and callout it was made for', () => {
    const t = tokens.sign('kaifeng', 'co-0123456789abcdef-RP000001');
    expect(tokens.read(t)).toEqual({
      scenario: 'kaifeng',
      callout: 'co-0123456789abcdef-RP000001',
    });
  });

  it('refuses a link made with another secret, or altered in any part', () => {
    const t = tokens.sign('kaifeng', 'co-1-RP000001');
    expect(new AnswerTokens('t'.repeat(32)).read(t)).toBeNull();
    const [body = '', mac = ''] = t.split('.');
    const other = Buffer.from('kaifeng/co-1-RP000002').toString('base64url');
    expect(tokens.read(`${other}.${mac}`)).toBeNull();
    expect(tokens.read(`${body}.${mac.slice(0, -1)}A`)).toBeNull();
    expect(tokens.read('not a token')).toBeNull();
  });
});
