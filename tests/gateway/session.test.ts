import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../src/server/access/tokens.ts';
import { hashPassword } from '../../src/server/operators.ts';
import { Session } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';

const SECRET = 'session-secret-that-is-long-enough-012345';
const suite = gatewaySuite(['erqi'], {
  tokenSecret: SECRET,
  operators: [{ name: '张值班', role: 'duty_officer', secret: hashPassword('correct horse') }],
});
const signIn = (body: unknown) =>
  fetch(`${suite.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sign-in', () => {
  it('gives an operator a role token for the socket', async () => {
    const res = await signIn({ name: '张值班', password: 'correct horse' });
    expect(res.status).toBe(200);
    const session = Session.parse(await res.json());
    expect(session).toMatchObject({ name: '张值班', role: 'duty_officer' });
    await expect(verifyToken(SECRET, session.token)).resolves.toMatchObject({
      subject: '张值班',
      role: 'duty_officer',
    });
  });

  it('answers a wrong password and an unknown name alike, refuses bad bodies, and slows guessing down', async () => {
    const wrong = await signIn({ name: '张值班', password: 'battery staple' });
    const unknown = await signIn({ name: '李四', password: 'correct horse' });
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect((await signIn({ name: '' })).status).toBe(400);
    const more = [];
    for (let i = 0; i < 6; i++) more.push((await signIn({ name: 'x', password: 'y' })).status);
    // Five failures a minute for one name, then that name waits.
    expect(more).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
