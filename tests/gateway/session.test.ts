import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../src/server/access/tokens.ts';
import { hashPassword } from '../../src/server/operators.ts';
import { Session } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';

const SECRET = 'session-secret-that-is-long-enough-012345';
// Behind a balancer on loopback: the client's address comes from X-Forwarded-For.
const suite = gatewaySuite(['erqi'], {
  tokenSecret: SECRET,
  trustProxy: ['127.0.0.1'],
  operators: [{ name: '张值班', role: 'duty_officer', secret: hashPassword('correct horse') }],
});
let address = 1;
const signIn = (body: unknown, from = `10.0.0.${address++}`) =>
  fetch(`${suite.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
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
  });

  it('locks out a name guessed from many addresses, and an address guessing many names', async () => {
    // One name from six machines: five failures a minute, then that name waits.
    const name = [];
    for (let i = 0; i < 6; i++)
      name.push((await signIn({ name: '赵六', password: `guess-${i}` })).status);
    expect(name).toEqual([401, 401, 401, 401, 401, 429]);
    // One machine, eleven names: ten failures a minute, then that address waits...
    const one = [];
    for (let i = 0; i < 11; i++)
      one.push((await signIn({ name: `name-${i}`, password: 'x' }, '10.9.9.9')).status);
    expect(one.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(one[10]).toBe(429);
    // ...and no one else does: the officer signs in from her desk.
    expect((await signIn({ name: '张值班', password: 'correct horse' }, '10.1.1.1')).status).toBe(
      200,
    );
  });

  it('takes JSON only (a form posted from another site is refused)', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'name=张值班&password=correct+horse'],
      ['text/plain', '{"name":"张值班","password":"correct horse"}'],
    ] as const) {
      const res = await fetch(`${suite.base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(res.status, type).toBe(415);
    }
  });
});
